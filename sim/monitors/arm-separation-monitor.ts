import type { ArmPreset } from '../../scenarios/index.js';
import { nearestArmHuman } from '../geometry/capsule-geometry.js';
import type { Frame } from '../frame.js';
import type { Monitor } from '../monitor.js';
import { idle, protectiveSeparationM, STANDSTILL_MPS, type SeparationConfig } from './separation-monitor.js';

/** Below this joint speed (rad/s) on every joint the arm counts as stopped. */
export const ARM_STANDSTILL_RADPS = 0.02;

/** Whether an arm's frame shows it moving (tool or any joint). */
export function armMoving(frame: Frame): boolean {
  const arm = frame.arm;
  if (!arm) return false;
  const v = arm.toolVelocityMps;
  return Math.hypot(v.x, v.y, v.z) >= STANDSTILL_MPS || arm.jointVelocitiesRadps.some((w) => Math.abs(w) >= ARM_STANDSTILL_RADPS);
}

/**
 * ISO/TS 15066 speed and separation monitoring for an arm: the clearance between the closest
 * link and body region against S_p, with the speed of that link's nearest point towards that
 * region as v_r (an elbow swinging at someone counts, not only the tool) and the arm's
 * protective-stop deceleration for T_s and S_s. A stopped arm meets SSM.
 */
export function armSeparationMonitor(config: SeparationConfig, robot: ArmPreset): Monitor<null> {
  return {
    id: 'separation',
    units: 'm',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const arm = frame.arm;
      const n = arm ? nearestArmHuman(arm, frame.humans) : undefined;
      if (!arm || !n) return { state, sample: idle('separation', 'm') };
      const d = { x: n.humanPointM.x - n.armPointM.x, y: n.humanPointM.y - n.armPointM.y, z: n.humanPointM.z - n.armPointM.z };
      const len = Math.hypot(d.x, d.y, d.z) || 1;
      const va = n.armPointVelocityMps;
      const vr = Math.max(0, (va.x * d.x + va.y * d.y + va.z * d.z) / len);
      const vp = n.part.velocityMps;
      const vh = config.humanSpeedMps === 'measured' ? Math.max(0, -(vp.x * d.x + vp.y * d.y + vp.z * d.z) / len) : config.humanSpeedMps;
      const limitM = protectiveSeparationM({ humanSpeedMps: vh, robotSpeedMps: vr, brakingDecelMps2: robot.stopDecelMps2, config });
      const margin = n.clearanceM - limitM;
      const moving = armMoving(frame);
      return {
        state,
        sample: {
          monitor: 'separation',
          value: n.clearanceM,
          limit: limitM,
          margin,
          units: 'm',
          status: margin < 0 && moving ? 'violated' : 'ok',
          bodies: [`arm:${n.link.link}`, `${n.human.id}:${n.part.region}`],
          positionM: { ...n.humanPointM },
          ...(margin < 0 && !moving ? { note: 'inside S_p but the arm is at standstill' } : {}),
        },
      };
    },
  };
}
