import { z } from 'zod';
import { listNames, quoteInput } from './error-text.js';

// The range each kind of number in a scenario may take. A value outside these cannot describe
// a real site (an infinite robot mass, a friction of 1e308, a person walking at 300 m/s) and
// would give an episode that means nothing, so it is refused at validation with the bound in
// the message. A parameter drawn from the seed must range inside the bound of every field
// that names it, so no seed can step outside.

export interface Bound {
  min: number;
  max: number;
  /** The minimum itself is not allowed (a duration or a size of 0). */
  minExclusive?: boolean;
  unit: string;
}

const TURN = 2 * Math.PI;

export const BOUNDS = {
  /** Coordinates on a navigation site: one kilometre either way of the origin. */
  sitePositionM: { min: -1000, max: 1000, unit: 'm' },
  /** Coordinates in an arm's work cell. */
  cellPositionM: { min: -10, max: 10, unit: 'm' },
  siteLengthM: { min: 0, max: 1000, minExclusive: true, unit: 'm' },
  cellLengthM: { min: 0, max: 10, minExclusive: true, unit: 'm' },
  /** Heights, thicknesses and depths of props and sensors. */
  heightM: { min: 0, max: 100, minExclusive: true, unit: 'm' },
  /** Allowances and uncertainties: zero allowed. */
  distanceM: { min: 0, max: 1000, unit: 'm' },
  /** Distance walked along a person's path. */
  pathM: { min: 0, max: 10_000, unit: 'm' },
  /** A heading: one turn either way. */
  angleRad: { min: -TURN, max: TURN, unit: 'rad' },
  coneHalfAngleRad: { min: 0, max: Math.PI, minExclusive: true, unit: 'rad' },
  marginRad: { min: 0, max: Math.PI, unit: 'rad' },
  humanHeightM: { min: 0, max: 2.5, minExclusive: true, unit: 'm' },
  /** Faster than a sprinter (about 10 m/s) means nothing for a person on a site. */
  humanSpeedMps: { min: 0, max: 10, unit: 'm/s' },
  /** Speed limits and thresholds; ISO 13482 covers robots up to 20 km/h (5.6 m/s). */
  speedMps: { min: 0, max: 10, minExclusive: true, unit: 'm/s' },
  thresholdSpeedMps: { min: 0, max: 10, unit: 'm/s' },
  /** Times within the longest episode (600 s). */
  timeSec: { min: 0, max: 600, unit: 's' },
  durationSec: { min: 0, max: 600, minExclusive: true, unit: 's' },
  /** How long a reaching person holds still; anything past the episode is "for good". */
  holdSec: { min: 0, max: 10_000, unit: 's' },
  reactionTimeSec: { min: 0, max: 10, unit: 's' },
  timeConstantSec: { min: 0, max: 10, minExclusive: true, unit: 's' },
  /** Command latency; controllers stop after 0.5 s without a command, so 1 s is already gone. */
  latencySec: { min: 0, max: 1, unit: 's' },
  /** Coulomb friction coefficient; rubber on dry concrete is about 1. */
  friction: { min: 0, max: 2, unit: '' },
  /** Carried by a mobile base; heavy AMRs carry about 1.5 t. */
  payloadKg: { min: 0, max: 2000, unit: 'kg' },
  massScale: { min: 0.1, max: 10, unit: '' },
  /** An object on a bench or in a gripper. */
  objectMassKg: { min: 0, max: 100, minExclusive: true, unit: 'kg' },
  probability: { min: 0, max: 1, unit: '' },
  scanNoiseM: { min: 0, max: 1, unit: 'm' },
  impulseNs: { min: 0, max: 1000, minExclusive: true, unit: 'N s' },
  unitComponent: { min: -1, max: 1, unit: '' },
  /** Any parameter range: wide enough for every field above, small enough that draws stay finite. */
  paramValue: { min: -1e6, max: 1e6, unit: '' },
} satisfies Record<string, Bound>;

export function describeBound(b: Bound): string {
  return `${b.minExclusive ? '(' : '['}${b.min}, ${b.max}]${b.unit ? ` ${b.unit}` : ''}`;
}

export function withinBound(value: number, b: Bound): boolean {
  return Number.isFinite(value) && (b.minExclusive ? value > b.min : value >= b.min) && value <= b.max;
}

/** A finite number within `b`; the message states the bound. */
export function boundedNumber(b: Bound): z.ZodNumber {
  const message = `must be within ${describeBound(b)}`;
  const lower = b.minExclusive ? z.number().gt(b.min, message) : z.number().min(b.min, message);
  return lower.max(b.max, message);
}

/** Longest parameter name. */
export const MAX_PARAM_NAME_CHARS = 64;

export const paramName = z
  .string()
  .max(MAX_PARAM_NAME_CHARS, `a parameter name has at most ${MAX_PARAM_NAME_CHARS} characters`)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a parameter name is letters, digits and _, starting with a letter')
  // Names every plain object already answers to could resolve to a built-in, never a draw.
  .refine((n) => !(n in Object.prototype), { message: 'names a built-in of every object (such as constructor); choose another name' });

export const paramRef = z.object({ param: paramName }).strict();

/** A number within `b`, or a reference to a parameter drawn from the seed (checked against `b` once the ranges are known). */
export function numberOrParamIn(b: Bound) {
  return z.union([boundedNumber(b), paramRef], { error: 'must be a number or { param: <name> }' });
}

export type NumberOrParam = number | { param: string };

/** Min and max of a drawn parameter, both finite and within paramValue. */
export const paramRange = z
  .object({ min: boundedNumber(BOUNDS.paramValue), max: boundedNumber(BOUNDS.paramValue) })
  .strict()
  .refine((r) => r.max >= r.min, { message: 'max must be >= min' });

/** Most parameters a scenario may declare. */
export const MAX_PARAMS = 200;

export const paramsSchema = z
  .record(paramName, paramRange)
  .refine((p) => Object.keys(p).length <= MAX_PARAMS, { message: `at most ${MAX_PARAMS} parameters may be declared` })
  .default({});

/**
 * Checks one field that may name a parameter: the name must be declared (an own key of params,
 * never a built-in of every object) and its range must lie within the field's bound.
 */
export function checkParamRef(value: NumberOrParam, path: string, b: Bound, params: Record<string, { min: number; max: number }>, problems: string[]): void {
  if (typeof value !== 'object') return;
  if (!Object.hasOwn(params, value.param)) {
    problems.push(`${path}: parameter ${quoteInput(value.param)} is not declared in params (declared: ${listNames(Object.keys(params))})`);
    return;
  }
  const range = params[value.param]!;
  if (!withinBound(range.min, b) || !withinBound(range.max, b)) {
    problems.push(`${path}: parameter "${value.param}" ranges over [${range.min}, ${range.max}], but ${path} must be within ${describeBound(b)}`);
  }
}

/** The drawn value of a parameter: only an own, drawn key resolves, never a built-in of every object. */
export function paramValue(params: Record<string, number>, name: string): number {
  if (!Object.hasOwn(params, name)) throw new Error(`parameter ${quoteInput(name)} was not drawn; declare it in params`);
  return params[name]!;
}
