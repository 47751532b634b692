export { scenarioSchema, monitorSpecSchema, propSchema } from './scenario-schema.js';
export type { ScenarioSpec, PropSpec, MonitorSpec, MonitorKind, NumberOrParam } from './scenario-schema.js';
export { suiteSchema, repeatedLevels, MAX_SUITE_ENTRIES } from './suite-schema.js';
export { boundText, quoteInput, listProblems, listNames, MAX_PROBLEMS_LISTED, MAX_PROBLEM_CHARS, MAX_QUOTED_CHARS } from './error-text.js';
export { parseYamlBounded, readInputFile, MAX_INPUT_BYTES, MAX_NESTING } from './read-yaml.js';
export { BOUNDS, describeBound, withinBound, MAX_PARAMS } from './physical-bounds.js';
export type { Bound } from './physical-bounds.js';
export { MAX_ITEMS, MAX_LEVELS, MAX_MONITORS } from './scenario-schema.js';
export type { SuiteSpec } from './suite-schema.js';
export { parseScenario, validateScenario, parseAnyScenario, validateAnyScenario, isArmSpec, formatPath } from './parse-scenario.js';
export type { AnyScenarioSpec } from './parse-scenario.js';
export { armScenarioSchema, armPropSchema, armMonitorSpecSchema } from './arm-scenario-schema.js';
export type { ArmScenarioSpec, ArmPropSpec, ArmMonitorSpec } from './arm-scenario-schema.js';
export { ARM_PRESETS, armPreset } from './arm-robots.js';
export type { ArmPreset } from './arm-robots.js';
export { resolveArmScenario } from './resolve-arm-scenario.js';
export type {
  ResolvedArmScenario,
  ResolvedArmProp,
  ResolvedArmHuman,
  ResolvedFragile,
  ResolvedBox,
  ResolvedCollabZone,
  ResolvedHeld,
  Point3,
} from './resolve-arm-scenario.js';
export { ScenarioError } from './scenario-error.js';
export { resolveScenario, drawParams } from './resolve-scenario.js';
export { InputError } from './input-error.js';
export { resolveAnyScenario } from './resolve-any-scenario.js';
export type { AnyResolvedScenario } from './resolve-any-scenario.js';
export type {
  ResolvedScenario,
  ResolvedProp,
  ResolvedHuman,
  ResolvedWall,
  ResolvedKeepOut,
  ResolvedSharedZone,
  ResolvedDrop,
  Point2,
  Rect,
} from './resolve-scenario.js';
export { scenarioHash, canonicalJson } from './scenario-hash.js';
export { SeededRandom } from './seeded-random.js';
export { MOBILE_BASE_PRESETS, mobileBasePreset } from './robots.js';
export type { MobileBasePreset } from './robots.js';
export {
  BUNDLED_SCENARIO_DIR,
  bundledScenarios,
  bundledSuiteIds,
  findScenario,
  findAnyScenario,
  loadScenarioFile,
  loadSuite,
  parseSuite,
} from './scenario-catalog.js';
export type { LoadedScenario, LoadedArmScenario, AnyLoadedScenario, LoadedSuite, SuiteEntry } from './scenario-catalog.js';
export { paramSpace, drawVector, vectorOf, paramsOf, checkVector, pinParams } from './param-space.js';
export type { ParamSpace, ParamVector } from './param-space.js';
