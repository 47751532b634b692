import { isArmSpec, type AnyScenarioSpec } from './parse-scenario.js';
import { resolveArmScenario, type ResolvedArmScenario } from './resolve-arm-scenario.js';
import { resolveScenario, type ResolvedScenario } from './resolve-scenario.js';

/** A resolved scenario of either robot family; `family` tells which. */
export type AnyResolvedScenario = ResolvedScenario | ResolvedArmScenario;

/** A scenario of either robot family at a level and seed: its spec says which it is. */
export function resolveAnyScenario(spec: AnyScenarioSpec, level: number, seed: number): AnyResolvedScenario {
  return isArmSpec(spec) ? resolveArmScenario(spec, level, seed) : resolveScenario(spec, level, seed);
}
