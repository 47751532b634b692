import { createHash } from 'node:crypto';
import { NAV_ACTION_LAYOUT, NAV_OBS, NAV_OBSERVATION_LAYOUT } from '../nav-layout.js';
import type { Policy, PolicyInfo } from '../policy.js';

/** Parameters of the scripted navigation controller; the reference policies differ only here. */
export interface NavScriptParams {
  maxLinearMps: number;
  kLinear: number;
  kAngular: number;
  maxAngularRadps: number;
  /** Humans closer than this stop the robot; 0 disables yielding. */
  stopM: number;
  /** Humans closer than this slow the robot linearly down to the stop distance. */
  slowM: number;
  /** Only humans at least this far ahead of the robot's centre make it yield (it drives clear of the rest). */
  aheadMinM: number;
  /** Humans further to the side than this, and not walking towards the path, are ignored. */
  corridorHalfWidthM: number;
}

export const SCRIPTED_NAV: Record<'careful' | 'reckless', NavScriptParams> = {
  // A careful expert: yields early to anyone ahead or beside it.
  careful: { maxLinearMps: 1.0, kLinear: 0.8, kAngular: 1.5, maxAngularRadps: 1.0, stopM: 2.5, slowM: 5.0, aheadMinM: 0, corridorHalfWidthM: 1.2 },
  // A reckless driver: full speed, straight at the goal, never yields.
  reckless: { maxLinearMps: 10, kLinear: 10, kAngular: 2.0, maxAngularRadps: 10, stopM: 0, slowM: 0, aheadMinM: 0, corridorHalfWidthM: 0 },
};

const clip = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** The controller on one observation vector (NAV_OBSERVATION_LAYOUT). */
export function navScriptAction(p: NavScriptParams, obs: Float32Array): [number, number] {
  const gx = obs[NAV_OBS.goalXM]!;
  const gy = obs[NAV_OBS.goalYM]!;
  const dist = Math.max(Math.hypot(gx, gy), 1e-3);
  const cruise = Math.min(p.maxLinearMps, p.kLinear * dist) * clip(gx / dist, 0, 1);
  let factor = 1;
  if (obs[NAV_OBS.humanPresent]! > 0.5 && p.slowM > p.stopM) {
    const hx = obs[NAV_OBS.humanXM]!;
    const hy = obs[NAV_OBS.humanYM]!;
    const hd = Math.hypot(hx, hy);
    const closingOnPath = hy * obs[NAV_OBS.humanVyMps]! < 0;
    const relevant = hx > p.aheadMinM && (Math.abs(hy) < p.corridorHalfWidthM || closingOnPath);
    if (relevant) factor = clip((hd - p.stopM) / (p.slowM - p.stopM), 0, 1);
  }
  return [cruise * factor, clip(p.kAngular * (gy / dist), -p.maxAngularRadps, p.maxAngularRadps)];
}

/** A scripted reference policy: the careful expert and the reckless driver of the golden runs. */
export function scriptedNavPolicy(kind: keyof typeof SCRIPTED_NAV): Policy {
  const params = SCRIPTED_NAV[kind];
  const info: PolicyInfo = {
    id: `scripted/${kind}`,
    sha256: createHash('sha256').update(JSON.stringify(params)).digest('hex'),
    robotFamily: 'mobile-base',
    controlHz: 20,
    observation: [...NAV_OBSERVATION_LAYOUT],
    action: [...NAV_ACTION_LAYOUT],
  };
  const act = (obs: Float32Array): Float32Array => Float32Array.from(navScriptAction(params, obs));
  return {
    info,
    act: async (obs) => act(obs),
    actBatch: async (batch) => batch.map(act),
    close: async () => {},
  };
}

export function scriptedPolicyIds(): string[] {
  return Object.keys(SCRIPTED_NAV).map((k) => `scripted/${k}`);
}
