import type { ResolvedArmScenario } from '../../scenarios/index.js';
import { armBaseTransform, armModelFor } from '../arm/arm-model-for.js';
import { advanceArmRoute, armObservationContext } from '../observation/index.js';
import type { Control } from './control.js';
import { decideArmCommand } from './decide-arm-command.js';

/** The arm's side: tool-velocity actions through the IK step, a 3-D goal for the tool. */
export function armControl(scene: ResolvedArmScenario, ctrlDtSec: number): Control {
  const model = armModelFor(scene);
  const base = armBaseTransform(scene);
  let routeIndex = 0;
  return {
    idle: { action: [], finite: true, linearMps: 0, angularRadps: 0, clamped: false, stopped: false },
    context(frame) {
      routeIndex = advanceArmRoute(frame, scene, routeIndex);
      return armObservationContext(frame, scene, routeIndex);
    },
    decide(action, frame) {
      if (!frame.arm) throw new Error('an arm scenario needs arm frames from its world');
      return decideArmCommand(action, frame.arm, model, scene.robot, base, ctrlDtSec);
    },
    reached(frame) {
      const p = frame.arm?.toolPositionM;
      if (!p) return false;
      return Math.hypot(p.x - scene.goal.xM, p.y - scene.goal.yM, p.z - scene.goal.zM) <= scene.goal.toleranceM;
    },
  };
}
