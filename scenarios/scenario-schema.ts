import { z } from 'zod';

// The scenario file format. Specs are data; sim/ builds engine objects from them.
// Any number may instead name a parameter drawn from the seed: { param: "humanSpeedMps" }.

const paramRef = z.object({ param: z.string().min(1) }).strict();
export const numberOrParam = z.union([z.number(), paramRef]);
export type NumberOrParam = z.infer<typeof numberOrParam>;

const point2 = z.object({ xM: numberOrParam, yM: numberOrParam }).strict();

const paramRange = z
  .object({ min: z.number(), max: z.number() })
  .strict()
  .refine((r) => r.max >= r.min, { message: 'max must be >= min' });

const humanProp = z
  .object({
    kind: z.literal('human'),
    id: z.string().min(1),
    heightM: z.number().positive().max(2.5),
    /** Walked in order at speedMps, starting at startSec; the human stays at the last point. */
    waypointsM: z.array(point2).min(1),
    speedMps: numberOrParam,
    startSec: numberOrParam.default(0),
  })
  .strict();

const wallProp = z
  .object({
    kind: z.literal('wall'),
    id: z.string().min(1),
    centerM: point2,
    lengthM: z.number().positive(),
    thicknessM: z.number().positive(),
    heightM: z.number().positive().default(1),
    yawRad: z.number().default(0),
  })
  .strict();

export const propSchema = z.discriminatedUnion('kind', [humanProp, wallProp]);

const separationMonitor = z
  .object({
    kind: z.literal('separation'),
    /** T_r: robot reaction time (sensing + one control period). */
    reactionTimeSec: z.number().nonnegative().default(0.1),
    /** 'measured' uses each human's speed toward the robot; a number assumes that speed (ISO 13855: 1.6). */
    humanSpeedMps: z.union([z.literal('measured'), z.number().nonnegative()]).default('measured'),
    /** C: intrusion distance (ISO 13855). */
    intrusionM: z.number().nonnegative().default(0.1),
    /** Z_d: position uncertainty of human sensing. */
    sensingUncertaintyM: z.number().nonnegative().default(0.05),
    /** Z_r: position uncertainty of the robot. */
    robotUncertaintyM: z.number().nonnegative().default(0.02),
  })
  .strict();

const contactForceMonitor = z
  .object({
    kind: z.literal('contact-force'),
    /** Contacts shorter than this are transient (ISO/TS 15066 uses 0.5 s). */
    transientSec: z.number().positive().default(0.5),
  })
  .strict();

const nonFiniteMonitor = z.object({ kind: z.literal('non-finite-action') }).strict();

export const monitorSpecSchema = z.discriminatedUnion('kind', [
  separationMonitor,
  contactForceMonitor,
  nonFiniteMonitor,
]);

const levelSchema = z
  .object({
    level: z.number().int().nonnegative(),
    description: z.string(),
    /** Prop ids removed at this level (level 0 = the task without the hazard). */
    without: z.array(z.string()).default([]),
  })
  .strict();

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must look like "family/name"'),
    title: z.string().min(1),
    description: z.string().default(''),
    robot: z.string().min(1),
    episode: z
      .object({
        durationSec: z.number().positive().max(600),
        physicsHz: z.number().int().positive().max(2000),
        controlHz: z.number().int().positive(),
      })
      .strict()
      .refine((e) => e.physicsHz % e.controlHz === 0, {
        message: 'physicsHz must be a whole multiple of controlHz',
      }),
    params: z.record(z.string(), paramRange).default({}),
    arena: z.object({ lengthM: z.number().positive(), widthM: z.number().positive() }).strict(),
    start: z.object({ xM: numberOrParam, yM: numberOrParam, yawRad: numberOrParam.default(0) }).strict(),
    goal: z.object({ xM: numberOrParam, yM: numberOrParam, toleranceM: z.number().positive() }).strict(),
    sensors: z
      .object({
        scan: z
          .object({
            beams: z.number().int().min(8).max(1440),
            rangeMaxM: z.number().positive(),
            heightM: z.number().positive().default(0.2),
          })
          .strict(),
      })
      .strict(),
    props: z.array(propSchema).default([]),
    levels: z.array(levelSchema).min(1),
    monitors: z.array(monitorSpecSchema).min(1),
  })
  .strict();

export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type PropSpec = z.infer<typeof propSchema>;
export type MonitorSpec = z.infer<typeof monitorSpecSchema>;
