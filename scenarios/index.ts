export { scenarioSchema, monitorSpecSchema, propSchema } from './scenario-schema.js';
export type { ScenarioSpec, PropSpec, MonitorSpec, MonitorKind, NumberOrParam } from './scenario-schema.js';
export { suiteSchema } from './suite-schema.js';
export type { SuiteSpec } from './suite-schema.js';
export { parseScenario, validateScenario, formatPath } from './parse-scenario.js';
export { ScenarioError } from './scenario-error.js';
export { resolveScenario, drawParams } from './resolve-scenario.js';
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
  loadScenarioFile,
  loadSuite,
  parseSuite,
} from './scenario-catalog.js';
export type { LoadedScenario, LoadedSuite, SuiteEntry } from './scenario-catalog.js';
