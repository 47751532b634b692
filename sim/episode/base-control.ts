import type { ResolvedScenario } from '../../scenarios/index.js';
import { advanceRoute, observationContext } from '../observation/index.js';
import type { BaseCommand } from '../world.js';
import type { Control } from './control.js';
import { decideBaseCommand } from './decide-command.js';

export const STOP: BaseCommand = { linearMps: 0, angularRadps: 0 };

/** The mobile base's side of the loop: route-following observation, body-velocity commands, a 2-D goal. */
export function baseControl(scene: ResolvedScenario, ctrlDtSec: number): Control {
  let applied: BaseCommand = STOP;
  let routeIndex = 0;
  return {
    idle: { action: [], finite: true, linearMps: 0, angularRadps: 0, clamped: false, stopped: false },
    context(frame) {
      routeIndex = advanceRoute(frame, scene, routeIndex);
      return observationContext(frame, scene, routeIndex);
    },
    decide(action) {
      const decision = decideBaseCommand(action, applied, scene.robot, ctrlDtSec);
      applied = decision.applied;
      return decision;
    },
    reached(frame) {
      const r = frame.robot.positionM;
      return Math.hypot(r.x - scene.goal.xM, r.y - scene.goal.yM) <= scene.goal.toleranceM;
    },
  };
}
