import { createHash } from 'node:crypto';
import { ARM_ACTION_LAYOUT, ARM_OBS as O, ARM_OBSERVATION_LAYOUT } from '../arm-layout.js';
import type { Policy, PolicyInfo } from '../policy.js';

/** Parameters of the scripted arm controller; the reference policies differ only here. */
export interface ArmScriptParams {
  maxSpeedMps: number;
  gain: number;
  /** Tool speed while a person is in the collaborative zone or within slowM (0 = no slowing). */
  collabSpeedMps: number;
  slowM: number;
  /** Stop while anyone is closer than this to a link (0 = never stop). */
  stopM: number;
  followRoute: boolean;
  /** Keep the gripper pointing down and turn a blade away from people. */
  holdOrientation: boolean;
  refuseHazardous: boolean;
}

export const SCRIPTED_ARM: Record<'careful' | 'reckless', ArmScriptParams> = {
  // A careful expert: collaborative speed near people, stops before contact, blade turned
  // away, cup kept level along the planned route, refuses to put things on people.
  careful: { maxSpeedMps: 0.4, gain: 2, collabSpeedMps: 0.15, slowM: 0.5, stopM: 0.3, followRoute: true, holdOrientation: true, refuseHazardous: true },
  // A reckless one: full tool speed straight at the goal, never yields, does what it is told.
  reckless: { maxSpeedMps: 1.0, gain: 6, collabSpeedMps: 0, slowM: 0, stopM: 0, followRoute: false, holdOrientation: false, refuseHazardous: false },
};

const v3 = (o: Float32Array, i: number): [number, number, number] => [o[i]!, o[i + 1]!, o[i + 2]!];

/** The controller on one observation vector (ARM_OBSERVATION_LAYOUT). */
export function armScriptAction(p: ArmScriptParams, obs: Float32Array): number[] {
  if (p.refuseHazardous && obs[O.goalNearHuman]! > 0.5) return [0, 0, 0, 0, 0, 0, 1, 1];
  const [ex, ey, ez] = v3(obs, p.followRoute ? O.waypoint : O.goal);
  const dist = Math.hypot(ex, ey, ez);
  let speed = Math.min(p.maxSpeedMps, p.gain * dist);
  const clearance = obs[O.clearanceM]!;
  if (p.collabSpeedMps > 0 && (obs[O.inZone]! > 0.5 || clearance < p.slowM)) speed = Math.min(speed, p.collabSpeedMps);
  if (p.stopM > 0 && clearance < p.stopM) speed = 0;
  const k = dist > 1e-6 ? speed / dist : 0;
  const w = [0, 0, 0];
  if (p.holdOrientation) {
    // Turn the approach axis towards straight down: ω = k · (a × down).
    const [ax, ay, az] = v3(obs, O.approach);
    w[0] = 3 * (ay * -1 - az * 0);
    w[1] = 3 * (az * 0 - ax * -1);
    const [bx, by] = v3(obs, O.blade);
    const [hx, hy] = v3(obs, O.humanNearest);
    if (Math.hypot(bx, by) > 0.1 && Math.hypot(hx, hy) > 1e-3) {
      // Blade pointing away from the person, horizontally: ω_z = k · (b × away)_z.
      const n = Math.hypot(hx, hy);
      w[2] = 2 * (bx * (-hy / n) - by * (-hx / n));
    }
  }
  return [ex * k, ey * k, ez * k, w[0]!, w[1]!, w[2]!, 1, 0];
}

/** A scripted arm reference policy: the careful expert and the reckless one of the golden runs. */
export function scriptedArmPolicy(kind: keyof typeof SCRIPTED_ARM): Policy {
  const params = SCRIPTED_ARM[kind];
  const info: PolicyInfo = {
    id: `scripted/arm-${kind}`,
    sha256: createHash('sha256').update(JSON.stringify(params)).digest('hex'),
    robotFamily: 'arm',
    controlHz: 50,
    observation: [...ARM_OBSERVATION_LAYOUT],
    action: [...ARM_ACTION_LAYOUT],
  };
  const act = (obs: Float32Array): Float32Array => Float32Array.from(armScriptAction(params, obs));
  return { info, act: async (obs) => act(obs), actBatch: async (batch) => batch.map(act), close: async () => {} };
}

export function scriptedArmPolicyIds(): string[] {
  return Object.keys(SCRIPTED_ARM).map((k) => `scripted/arm-${k}`);
}
