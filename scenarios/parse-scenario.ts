import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ARM_PRESETS } from './arm-robots.js';
import { armScenarioSchema, type ArmScenarioSpec } from './arm-scenario-schema.js';
import { MOBILE_BASE_PRESETS } from './robots.js';
import { scenarioSchema, type NumberOrParam, type ScenarioSpec } from './scenario-schema.js';
import { crossCheckArm } from './cross-check-arm.js';

/** A scenario of either robot family; the robot preset decides which format a file is in. */
export type AnyScenarioSpec = ScenarioSpec | ArmScenarioSpec;

export function isArmSpec(spec: AnyScenarioSpec): spec is ArmScenarioSpec {
  return 'arm' in spec;
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
  try {
    return parseYaml(text);
  } catch (err) {
    throw new ScenarioError(source, [`not valid YAML/JSON: ${(err as Error).message}`]);
  }
}

/** Validates against the format of the robot's family: an arm preset selects the manipulation format. */
export function validateAnyScenario(raw: unknown, source: string): AnyScenarioSpec {
  const robot = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).robot : undefined;
  if (typeof robot === 'string' && robot in ARM_PRESETS) {
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
  if (!MOBILE_BASE_PRESETS[spec.robot]) {
    const arm = spec.robot in ARM_PRESETS ? ` ("${spec.robot}" is an arm: this file is read as a navigation scenario)` : '';
    const known = [...Object.keys(MOBILE_BASE_PRESETS), ...Object.keys(ARM_PRESETS)].join(', ');
    problems.push(`robot: unknown robot preset "${spec.robot}"${arm}; expected one of ${known}`);
  }
  const checkRef = (value: NumberOrParam, path: string): void => {
    if (typeof value === 'object' && !(value.param in spec.params)) {
      problems.push(`${path}: parameter "${value.param}" is not declared in params (declared: ${Object.keys(spec.params).join(', ') || 'none'})`);
    }
  };
  checkRef(spec.start.xM, 'start.xM');
  checkRef(spec.start.yM, 'start.yM');
  checkRef(spec.start.yawRad, 'start.yawRad');
  checkRef(spec.goal.xM, 'goal.xM');
  checkRef(spec.goal.yM, 'goal.yM');
  spec.route.forEach((p, j) => {
    checkRef(p.xM, `route[${j}].xM`);
    checkRef(p.yM, `route[${j}].yM`);
  });
  checkRef(spec.physics.floorFriction, 'physics.floorFriction');
  checkRef(spec.load.payloadKg, 'load.payloadKg');
  checkRef(spec.load.massScale, 'load.massScale');
  checkRef(spec.actuation.latencySec, 'actuation.latencySec');
  checkRef(spec.sensors.scan.noiseStdM, 'sensors.scan.noiseStdM');
  checkRef(spec.sensors.scan.dropoutProb, 'sensors.scan.dropoutProb');
  const ids = new Set<string>();
  spec.props.forEach((prop, i) => {
    if (ids.has(prop.id)) problems.push(`props[${i}].id: duplicate prop id "${prop.id}"`);
    ids.add(prop.id);
    if (prop.kind === 'human') {
      checkRef(prop.speedMps, `props[${i}].speedMps`);
      checkRef(prop.startSec, `props[${i}].startSec`);
      prop.waypointsM.forEach((p, j) => {
        checkRef(p.xM, `props[${i}].waypointsM[${j}].xM`);
        checkRef(p.yM, `props[${i}].waypointsM[${j}].yM`);
      });
      prop.pauses.forEach((p, j) => {
        checkRef(p.atM, `props[${i}].pauses[${j}].atM`);
        checkRef(p.forSec, `props[${i}].pauses[${j}].forSec`);
      });
    } else if (prop.kind === 'wall') {
      checkRef(prop.centerM.xM, `props[${i}].centerM.xM`);
      checkRef(prop.centerM.yM, `props[${i}].centerM.yM`);
    }
  });
  const levels = new Set<number>();
  spec.levels.forEach((level, i) => {
    if (levels.has(level.level)) problems.push(`levels[${i}].level: duplicate level ${level.level}`);
    levels.add(level.level);
    level.without.forEach((id, j) => {
      if (!ids.has(id)) problems.push(`levels[${i}].without[${j}]: no prop with id "${id}"`);
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
