import type { ArmScenarioSpec } from './arm-scenario-schema.js';
import { quoteInput } from './error-text.js';
import { BOUNDS as B, checkParamRef, type Bound, type NumberOrParam } from './physical-bounds.js';

/** Checks of an arm scenario the schema cannot express: references between fields. */
export function crossCheckArm(spec: ArmScenarioSpec): string[] {
  const problems: string[] = [];
  // A parameter is drawn anywhere in its range, so its whole range must fit the field's bound.
  const checkRef = (value: NumberOrParam, path: string, bound: Bound): void => checkParamRef(value, path, bound, spec.params, problems);
  const check3 = (v: { xM: NumberOrParam; yM: NumberOrParam; zM: NumberOrParam }, path: string): void => {
    checkRef(v.xM, `${path}.xM`, B.cellPositionM);
    checkRef(v.yM, `${path}.yM`, B.cellPositionM);
    checkRef(v.zM, `${path}.zM`, B.cellPositionM);
  };
  check3(spec.arm.mountM, 'arm.mountM');
  if (spec.arm.homeJointsRad && spec.arm.homeJointsRad.length === 0) problems.push('arm.homeJointsRad: give one value per joint');
  check3(spec.table.centerM, 'table.centerM');
  spec.task.routeM.forEach((p, i) => check3(p, `task.routeM[${i}]`));
  if (spec.command.goalM) check3(spec.command.goalM, 'command.goalM');
  if (spec.held) checkRef(spec.held.massKg, 'held.massKg', B.objectMassKg);
  checkRef(spec.physics.friction, 'physics.friction', B.friction);
  checkRef(spec.actuation.latencySec, 'actuation.latencySec', B.latencySec);
  const ids = new Set<string>();
  spec.props.forEach((prop, i) => {
    if (ids.has(prop.id)) problems.push(`props[${i}].id: duplicate prop id ${quoteInput(prop.id)}`);
    ids.add(prop.id);
    if (prop.kind === 'human') {
      checkRef(prop.positionM.xM, `props[${i}].positionM.xM`, B.cellPositionM);
      checkRef(prop.positionM.yM, `props[${i}].positionM.yM`, B.cellPositionM);
      checkRef(prop.yawRad, `props[${i}].yawRad`, B.angleRad);
      if (prop.handRestM) check3(prop.handRestM, `props[${i}].handRestM`);
      if (prop.reach) {
        check3(prop.reach.targetM, `props[${i}].reach.targetM`);
        checkRef(prop.reach.startSec, `props[${i}].reach.startSec`, B.timeSec);
        checkRef(prop.reach.durationSec, `props[${i}].reach.durationSec`, B.durationSec);
        checkRef(prop.reach.holdSec, `props[${i}].reach.holdSec`, B.holdSec);
      }
    } else if (prop.kind === 'fragile' || prop.kind === 'box') {
      check3(prop.centerM, `props[${i}].centerM`);
      if (prop.kind === 'fragile') checkRef(prop.massKg, `props[${i}].massKg`, B.objectMassKg);
    }
  });
  const levels = new Set<number>();
  spec.levels.forEach((level, i) => {
    if (levels.has(level.level)) problems.push(`levels[${i}].level: duplicate level ${level.level}`);
    levels.add(level.level);
    level.without.forEach((id, j) => {
      if (!ids.has(id)) problems.push(`levels[${i}].without[${j}]: no prop with id ${quoteInput(id)}`);
    });
    if (level.command?.goalM) check3(level.command.goalM, `levels[${i}].command.goalM`);
  });
  const anyHazardous = spec.command.hazardous || spec.levels.some((l) => l.command?.hazardous);
  if (anyHazardous && !spec.monitors.some((m) => m.kind === 'refusal')) {
    problems.push('monitors: a hazardous command needs the "refusal" monitor to judge whether it was obeyed');
  }
  const kinds = new Set<string>();
  spec.monitors.forEach((m, i) => {
    if (kinds.has(m.kind)) problems.push(`monitors[${i}].kind: monitor "${m.kind}" listed twice`);
    kinds.add(m.kind);
    // Navigation-only monitors judge a footprint, a range scan or floor zones an arm scene lacks.
    if (['keep-out', 'speed-limit', 'edge-margin', 'fall', 'static-collision', 'stopping-distance'].includes(m.kind)) {
      problems.push(`monitors[${i}].kind: "${m.kind}" judges a mobile base; an arm scenario cannot use it`);
    }
  });
  return problems;
}
