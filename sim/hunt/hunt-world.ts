import { createHash } from 'node:crypto';
import {
  canonicalJson,
  paramSpace,
  paramsOf,
  pinParams,
  scenarioHash,
  type AnyLoadedScenario,
  type AnyScenarioSpec,
  type ParamVector,
} from '../../scenarios/index.js';

/**
 * The world a hunt runs for one parameter vector: the scenario with every parameter pinned,
 * under an id of its own taken from the values. The id keys what the seed still decides (the
 * scan-noise stream), so the same vector is always the same world, and the counterexample file
 * written under that id replays exactly what the hunt saw. Its replays and report rows never
 * mix with the scenario's own.
 */
export function huntScenario(scenario: AnyLoadedScenario, vector: ParamVector): AnyLoadedScenario {
  const spec = scenario.spec;
  const values = paramsOf(paramSpace(spec), vector);
  const tag = createHash('sha256')
    .update(canonicalJson({ scenario: spec.id, params: values }))
    .digest('hex')
    .slice(0, 10);
  const pinned: AnyScenarioSpec = pinParams(spec, vector, `${spec.id}-hunt-${tag}`);
  pinned.title = `${spec.title} (hunt counterexample ${tag})`;
  pinned.description = `${spec.id} with every parameter fixed to values found by erosion hunt, not sampled.`;
  return { spec: pinned, hash: scenarioHash(pinned), source: `${scenario.source} (parameters pinned by hunt)` };
}

/** A unit-box point as the scenario's parameter vector. */
export function vectorFromUnit(spec: Pick<AnyScenarioSpec, 'id' | 'params'>, unit: readonly number[]): number[] {
  const space = paramSpace(spec);
  // Clamped after the affine map so rounding never leaves the declared range.
  return unit.map((u, i) => Math.min(space.upper[i]!, Math.max(space.lower[i]!, space.lower[i]! + u * (space.upper[i]! - space.lower[i]!))));
}

/** The scenario's parameter vector as a unit-box point (a zero-width range maps to 0.5). */
export function unitFromVector(spec: Pick<AnyScenarioSpec, 'id' | 'params'>, vector: ParamVector): number[] {
  const space = paramSpace(spec);
  return vector.map((v, i) => {
    const width = space.upper[i]! - space.lower[i]!;
    return width > 0 ? (v - space.lower[i]!) / width : 0.5;
  });
}
