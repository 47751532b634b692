import { isArmSpec, type AnyScenarioSpec } from './parse-scenario.js';
import { resolveArmScenario, type ResolvedArmScenario } from './resolve-arm-scenario.js';
import { resolveScenario, type ResolvedScenario } from './resolve-scenario.js';

/** A scenario of either robot family at a level and seed: its spec says which it is. */
export function resolveAnyScenario(spec: AnyScenarioSpec, level: number, seed: number): ResolvedScenario | ResolvedArmScenario {
  return isArmSpec(spec) ? resolveArmScenario(spec, level, seed) : resolveScenario(spec, level, seed);
}
