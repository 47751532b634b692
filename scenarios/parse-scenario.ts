import type { z } from 'zod';
import { ARM_PRESETS } from './arm-robots.js';
import { armScenarioSchema, type ArmScenarioSpec } from './arm-scenario-schema.js';
import { MOBILE_BASE_PRESETS } from './robots.js';
import { scenarioSchema, type ScenarioSpec } from './scenario-schema.js';
import { crossCheckArm } from './cross-check-arm.js';
import { listNames, quoteInput } from './error-text.js';
import { BOUNDS as B, checkParamRef, type Bound, type NumberOrParam } from './physical-bounds.js';
import { parseYamlBounded } from './read-yaml.js';

/** A scenario of either robot family; the robot preset decides which format a file is in. */
export type AnyScenarioSpec = ScenarioSpec | ArmScenarioSpec;

/** The robot preset decides a spec's family, as it decided the format the file was read in. */
export function isArmSpec(spec: AnyScenarioSpec): spec is ArmScenarioSpec {
  return Object.hasOwn(ARM_PRESETS, spec.robot);
}
import { ScenarioError } from './scenario-error.js';

/** Formats a zod path as props[2].radiusM. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** Pure parse of a navigation scenario's text (YAML or JSON, YAML being a superset). `source` names it in errors. */
export function parseScenario(text: string, source: string): ScenarioSpec {
  return validateScenario(parseText(text, source), source);
}

/** Pure parse of a scenario of either family. */
export function parseAnyScenario(text: string, source: string): AnyScenarioSpec {
  return validateAnyScenario(parseText(text, source), source);
}

function parseText(text: string, source: string): unknown {
  const parsed = parseYamlBounded(text, 'scenario file');
  if ('problems' in parsed) throw new ScenarioError(source, parsed.problems);
  return parsed.value;
}

/** Validates against the format of the robot's family: an arm preset selects the manipulation format. */
export function validateAnyScenario(raw: unknown, source: string): AnyScenarioSpec {
  const robot = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).robot : undefined;
  if (typeof robot === 'string' && Object.hasOwn(ARM_PRESETS, robot)) {
    const result = armScenarioSchema.safeParse(raw);
    if (!result.success) throw new ScenarioError(source, result.error.issues.map(describeIssue));
    const problems = crossCheckArm(result.data);
    if (problems.length > 0) throw new ScenarioError(source, problems);
    return result.data;
  }
  return validateScenario(raw, source);
}

export function validateScenario(raw: unknown, source: string): ScenarioSpec {
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) throw new ScenarioError(source, result.error.issues.map(describeIssue));
  const spec = result.data;
  const problems = crossCheck(spec);
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return spec;
}

/** Checks the schema cannot express: references between fields. */
function crossCheck(spec: ScenarioSpec): string[] {
  const problems: string[] = [];
  if (!Object.hasOwn(MOBILE_BASE_PRESETS, spec.robot)) {
    const arm = Object.hasOwn(ARM_PRESETS, spec.robot) ? ` ("${spec.robot}" is an arm: this file is read as a navigation scenario)` : '';
    const known = listNames([...Object.keys(MOBILE_BASE_PRESETS), ...Object.keys(ARM_PRESETS)]);
    problems.push(`robot: unknown robot preset ${quoteInput(spec.robot)}${arm}; expected one of ${known}`);
  }
  // A parameter is drawn anywhere in its range, so its whole range must fit the field's bound.
  const checkRef = (value: NumberOrParam, path: string, bound: Bound): void => checkParamRef(value, path, bound, spec.params, problems);
  checkRef(spec.start.xM, 'start.xM', B.sitePositionM);
  checkRef(spec.start.yM, 'start.yM', B.sitePositionM);
  checkRef(spec.start.yawRad, 'start.yawRad', B.angleRad);
  checkRef(spec.goal.xM, 'goal.xM', B.sitePositionM);
  checkRef(spec.goal.yM, 'goal.yM', B.sitePositionM);
  spec.route.forEach((p, j) => {
    checkRef(p.xM, `route[${j}].xM`, B.sitePositionM);
    checkRef(p.yM, `route[${j}].yM`, B.sitePositionM);
  });
  checkRef(spec.physics.floorFriction, 'physics.floorFriction', B.friction);
  checkRef(spec.load.payloadKg, 'load.payloadKg', B.payloadKg);
  checkRef(spec.load.massScale, 'load.massScale', B.massScale);
  checkRef(spec.actuation.latencySec, 'actuation.latencySec', B.latencySec);
  checkRef(spec.sensors.scan.noiseStdM, 'sensors.scan.noiseStdM', B.scanNoiseM);
  checkRef(spec.sensors.scan.dropoutProb, 'sensors.scan.dropoutProb', B.probability);
  const ids = new Set<string>();
  spec.props.forEach((prop, i) => {
    if (ids.has(prop.id)) problems.push(`props[${i}].id: duplicate prop id ${quoteInput(prop.id)}`);
    ids.add(prop.id);
    if (prop.kind === 'human') {
      checkRef(prop.speedMps, `props[${i}].speedMps`, B.humanSpeedMps);
      checkRef(prop.startSec, `props[${i}].startSec`, B.timeSec);
      prop.waypointsM.forEach((p, j) => {
        checkRef(p.xM, `props[${i}].waypointsM[${j}].xM`, B.sitePositionM);
        checkRef(p.yM, `props[${i}].waypointsM[${j}].yM`, B.sitePositionM);
      });
      prop.pauses.forEach((p, j) => {
        checkRef(p.atM, `props[${i}].pauses[${j}].atM`, B.pathM);
        checkRef(p.forSec, `props[${i}].pauses[${j}].forSec`, B.timeSec);
      });
    } else if (prop.kind === 'wall') {
      checkRef(prop.centerM.xM, `props[${i}].centerM.xM`, B.sitePositionM);
      checkRef(prop.centerM.yM, `props[${i}].centerM.yM`, B.sitePositionM);
    }
  });
  const levels = new Set<number>();
  spec.levels.forEach((level, i) => {
    if (levels.has(level.level)) problems.push(`levels[${i}].level: duplicate level ${level.level}`);
    levels.add(level.level);
    level.without.forEach((id, j) => {
      if (!ids.has(id)) problems.push(`levels[${i}].without[${j}]: no prop with id ${quoteInput(id)}`);
    });
  });
  const anyHazardous = spec.command.hazardous || spec.levels.some((l) => l.command?.hazardous);
  if (anyHazardous && !spec.monitors.some((m) => m.kind === 'refusal')) {
    problems.push('monitors: a hazardous command needs the "refusal" monitor to judge whether it was obeyed');
  }
  const monitorKinds = new Set<string>();
  spec.monitors.forEach((m, i) => {
    if (monitorKinds.has(m.kind)) problems.push(`monitors[${i}].kind: monitor "${m.kind}" listed twice`);
    monitorKinds.add(m.kind);
  });
  return problems;
}
