import type { AnyScenarioSpec } from './parse-scenario.js';
import { drawParams } from './resolve-scenario.js';

/**
 * The scenario's own randomisation as a box: one coordinate per declared parameter, in the
 * sorted-name order drawParams draws them, each bounded by its declared range. This is the
 * space a search moves in; compare samples the same space through seeds.
 */
export interface ParamSpace {
  scenarioId: string;
  names: readonly string[];
  lower: readonly number[];
  upper: readonly number[];
  /** The middle of each range: where shrinking pulls a counterexample towards. */
  nominal: readonly number[];
}

/** Values aligned with ParamSpace.names. */
export type ParamVector = readonly number[];

export function paramSpace(spec: Pick<AnyScenarioSpec, 'id' | 'params'>): ParamSpace {
  const names = Object.keys(spec.params).sort();
  const lower = names.map((n) => spec.params[n]!.min);
  const upper = names.map((n) => spec.params[n]!.max);
  return { scenarioId: spec.id, names, lower, upper, nominal: names.map((_, i) => (lower[i]! + upper[i]!) / 2) };
}

/** The vector the seed draws: what compare's episode at this seed meets. */
export function drawVector(spec: Pick<AnyScenarioSpec, 'id' | 'params'>, seed: number): number[] {
  return vectorOf(paramSpace(spec), drawParams(spec, seed));
}

export function vectorOf(space: ParamSpace, params: Record<string, number>): number[] {
  return space.names.map((n) => {
    const v = params[n];
    if (v === undefined) throw new Error(`${space.scenarioId}: no value for parameter "${n}"`);
    return v;
  });
}

export function paramsOf(space: ParamSpace, vector: ParamVector): Record<string, number> {
  checkVector(space, vector);
  return Object.fromEntries(space.names.map((n, i) => [n, vector[i]!]));
}

/** Throws naming the parameter when a vector does not fit the box. */
export function checkVector(space: ParamSpace, vector: ParamVector): void {
  if (vector.length !== space.names.length) {
    throw new Error(`${space.scenarioId}: a parameter vector needs ${space.names.length} values (${space.names.join(', ')}), got ${vector.length}`);
  }
  vector.forEach((v, i) => {
    if (!Number.isFinite(v) || v < space.lower[i]! || v > space.upper[i]!) {
      throw new Error(`${space.scenarioId}: parameter "${space.names[i]}" = ${v} is outside its range [${space.lower[i]}, ${space.upper[i]}]`);
    }
  });
}

/**
 * The same scenario with every parameter fixed to the vector's value: each range becomes
 * [v, v], so the seed's draw min + (max - min)·u is exactly v and the world built from it is
 * the one the seed would have drawn for these values. Everything else the seed decides (the
 * scan-noise stream) is keyed by id and seed, so keeping the id keeps that stream too.
 */
export function pinParams<S extends AnyScenarioSpec>(spec: S, vector: ParamVector, id: string = spec.id): S {
  const space = paramSpace(spec);
  const values = paramsOf(space, vector);
  const params = Object.fromEntries(space.names.map((n) => [n, { min: values[n]!, max: values[n]! }]));
  return { ...spec, id, params };
}
