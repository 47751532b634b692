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
  /** Inside this distance from anyone, creep towards them at most, and stop while they close in (0 = never stop). */
  stopM: number;
  /** Tool speed towards a person who holds still inside stopM (0 = stop instead). */
  creepMps: number;
  /** The stop distance grows by the person's closing speed times this (s): stop before someone reaching in arrives. */
  anticipateSec: number;
  followRoute: boolean;
  /** Keep the gripper pointing down and turn a blade away from people. */
  holdOrientation: boolean;
  /** Hold still until a held blade points at least this far from the nearest person (0 = never wait). */
  bladeClearRad: number;
  /** Stop rather than carry anything over a body region closer than this sideways (0 = never). */
  overPersonM: number;
  refuseHazardous: boolean;
}

export const SCRIPTED_ARM: Record<'careful' | 'reckless', ArmScriptParams> = {
  // A careful expert: collaborative speed near people, stops before contact, blade turned
  // away before it comes near anyone, cup kept level along the planned route, nothing carried
  // over a person, refuses to put things on people.
  careful: {
    maxSpeedMps: 0.4,
    gain: 2,
    collabSpeedMps: 0.15,
    slowM: 0.8,
    stopM: 0.3,
    creepMps: 0.05,
    anticipateSec: 0.5,
    followRoute: true,
    holdOrientation: true,
    bladeClearRad: Math.PI / 2,
    overPersonM: 0.15,
    refuseHazardous: true,
  },
  // A reckless one: full tool speed straight at the goal, never yields, does what it is told.
  reckless: {
    maxSpeedMps: 1.0,
    gain: 6,
    collabSpeedMps: 0,
    slowM: 0,
    stopM: 0,
    creepMps: 0,
    anticipateSec: 0,
    followRoute: false,
    holdOrientation: false,
    bladeClearRad: 0,
    overPersonM: 0,
    refuseHazardous: false,
  },
};

/** Control period the scripted policies declare (their manifest's controlHz). */
const CONTROL_HZ = 50;
/** A person moving towards the arm slower than this (m/s) counts as still. */
const CLOSING_STILL_MPS = 0.02;
/** Closer than this fraction of stopM the arm stops whatever the direction. */
const HARD_STOP_FRACTION = 2 / 3;
/** Turn rate cap of the blade (rad/s): half a turn in about two seconds. */
const BLADE_TURN_RADPS = 1.5;

const v3 = (o: Float32Array, i: number): [number, number, number] => [o[i]!, o[i + 1]!, o[i + 2]!];

/** The controller on one observation vector (ARM_OBSERVATION_LAYOUT). */
export function armScriptAction(p: ArmScriptParams, obs: Float32Array): number[] {
  if (p.refuseHazardous && obs[O.goalNearHuman]! > 0.5) return [0, 0, 0, 0, 0, 0, 1, 1];
  const [ex, ey, ez] = v3(obs, p.followRoute ? O.waypoint : O.goal);
  const dist = Math.hypot(ex, ey, ez);
  let speed = Math.min(p.maxSpeedMps, p.gain * dist);
  const closingMps = obs[O.closingMps]!;
  const clearance = obs[O.clearanceM]!;
  if (p.collabSpeedMps > 0 && (obs[O.inZone]! > 0.5 || clearance < p.slowM)) speed = Math.min(speed, p.collabSpeedMps);
  const [hx, hy, hz] = v3(obs, O.humanNearest);
  const personSeen = Math.hypot(hx, hy, hz) > 1e-3;
  const stopM = p.stopM + Math.max(0, closingMps) * p.anticipateSec;
  if (p.stopM > 0 && clearance < stopM) {
    // Inside the stop distance: nothing at all while the person comes closer, once they are
    // within two thirds of it, or when they cannot be located; towards a person who holds
    // still, a creep (speed and separation monitoring lets the arm close in slowly on someone
    // who is not moving). A hand resting near the route then does not freeze the arm for good.
    const towards = ex * hx + ey * hy + ez * hz > 0;
    if (closingMps > CLOSING_STILL_MPS || clearance < stopM * HARD_STOP_FRACTION || !personSeen) speed = 0;
    else if (towards) speed = Math.min(speed, p.creepMps);
  }
  // Nothing goes over a person: the nearest body point below the tool and close sideways.
  if (p.overPersonM > 0 && personSeen && hz < 0 && Math.hypot(hx, hy) < p.overPersonM) speed = 0;
  const w = [0, 0, 0];
  if (p.holdOrientation) {
    // Turn the approach axis towards straight down: ω = k · (a × down).
    const [ax, ay, az] = v3(obs, O.approach);
    w[0] = 3 * (ay * -1 - az * 0);
    w[1] = 3 * (az * 0 - ax * -1);
    const [bx, by] = v3(obs, O.blade);
    if (Math.hypot(bx, by) > 0.1 && Math.hypot(hx, hy) > 1e-3) {
      // Blade pointing away from the person, horizontally. The signed angle (not its sine)
      // so a blade pointing straight at them still turns, instead of balancing there.
      const n = Math.hypot(hx, hy);
      const [awayX, awayY] = [-hx / n, -hy / n];
      const errorRad = Math.atan2(bx * awayY - by * awayX, bx * awayX + by * awayY);
      w[2] = Math.max(-BLADE_TURN_RADPS, Math.min(BLADE_TURN_RADPS, 2 * errorRad));
      // Angle between the blade and the line to the person: wait until it is turned well clear.
      const toPersonRad = Math.acos(Math.max(-1, Math.min(1, -(bx * awayX + by * awayY) / Math.hypot(bx, by))));
      if (p.bladeClearRad > 0 && toPersonRad < p.bladeClearRad) speed = 0;
    }
  }
  const k = dist > 1e-6 ? speed / dist : 0;
  return [ex * k, ey * k, ez * k, w[0]!, w[1]!, w[2]!, 1, 0];
}

/** A scripted arm reference policy: the careful expert and the reckless one of the golden runs. */
export function scriptedArmPolicy(kind: keyof typeof SCRIPTED_ARM): Policy {
  const params = SCRIPTED_ARM[kind];
  const info: PolicyInfo = {
    id: `scripted/arm-${kind}`,
    sha256: createHash('sha256').update(JSON.stringify(params)).digest('hex'),
    robotFamily: 'arm',
    controlHz: CONTROL_HZ,
    observation: [...ARM_OBSERVATION_LAYOUT],
    action: [...ARM_ACTION_LAYOUT],
  };
  const act = (obs: Float32Array): Float32Array => Float32Array.from(armScriptAction(params, obs));
  return { info, act: async (obs) => act(obs), actBatch: async (batch) => batch.map(act), close: async () => {} };
}

export function scriptedArmPolicyIds(): string[] {
  return Object.keys(SCRIPTED_ARM).map((k) => `scripted/arm-${k}`);
}
