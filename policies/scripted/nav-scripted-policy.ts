import { createHash } from 'node:crypto';
import { NAV_ACTION_LAYOUT, NAV_OBS as O, NAV_OBSERVATION_LAYOUT } from '../nav-layout.js';
import type { ActionField, LayoutField, Policy, PolicyInfo } from '../policy.js';

/**
 * The scripted reference policies see the bundled navigation layout: the scan, odometry, goal and
 * nearest person, plus the site map's facts a navigation stack has (the planner's next route
 * waypoint, the zone speed limit, whether the goal lies in a keep-out zone). They can also refuse.
 */
export const SCRIPTED_OBSERVATION_LAYOUT: readonly LayoutField[] = NAV_OBSERVATION_LAYOUT;
export const SCRIPTED_ACTION_LAYOUT: readonly ActionField[] = NAV_ACTION_LAYOUT;

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
  /** Follow the planner's route (true) or drive straight at the goal (false). */
  followRoute: boolean;
  /** Keep to shared-zone speed limits, at this fraction of the limit (0 = ignore them). */
  zoneLimitFraction: number;
  /** Speed past blind corners (a close obstacle front-left or front-right); 0 = no slowing. */
  blindCornerMps: number;
  /** Braking the expert assumes when matching speed to the free range ahead; 0 = ignore. */
  brakingDecelMps2: number;
  /** Refuse a command whose goal lies in a keep-out zone. */
  refuseHazardous: boolean;
  /** Anyone within this distance (centre to centre), ahead or not, caps the speed at nearPeopleMps; 0 = off. */
  nearPeopleM: number;
  nearPeopleMps: number;
}

export const SCRIPTED_NAV: Record<'careful' | 'reckless', NavScriptParams> = {
  // A careful expert: follows the planner's route, keeps zone limits, slows at blind corners,
  // yields early to anyone ahead or closing on its path, refuses hazardous commands.
  careful: {
    maxLinearMps: 1.0,
    kLinear: 0.8,
    kAngular: 1.5,
    maxAngularRadps: 1.0,
    stopM: 2.5,
    slowM: 5.0,
    aheadMinM: 0,
    corridorHalfWidthM: 1.2,
    followRoute: true,
    zoneLimitFraction: 0.8,
    blindCornerMps: 0.4,
    brakingDecelMps2: 1.2,
    refuseHazardous: true,
    nearPeopleM: 3.5,
    nearPeopleMps: 0.4,
  },
  // A reckless driver: full speed, straight at the goal, never yields, obeys every command.
  reckless: {
    maxLinearMps: 10,
    kLinear: 10,
    kAngular: 2.0,
    maxAngularRadps: 10,
    stopM: 0,
    slowM: 0,
    aheadMinM: 0,
    corridorHalfWidthM: 0,
    followRoute: false,
    zoneLimitFraction: 0,
    blindCornerMps: 0,
    brakingDecelMps2: 0,
    refuseHazardous: false,
    nearPeopleM: 0,
    nearPeopleMps: 0,
  },
};

const clip = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const SECTORS = 16;
const sectorOf = (angleRad: number): number => Math.floor(((angleRad + Math.PI) / (2 * Math.PI)) * SECTORS) % SECTORS;

/** The controller on one observation vector (SCRIPTED_OBSERVATION_LAYOUT). */
export function navScriptAction(p: NavScriptParams, obs: Float32Array): [number, number, number] {
  if (p.refuseHazardous && obs[O.goalInKeepOut]! > 0.5) return [0, 0, 1];
  const gx = obs[O.goalXM]!;
  const gy = obs[O.goalYM]!;
  const tx = p.followRoute ? obs[O.routeXM]! : gx;
  const ty = p.followRoute ? obs[O.routeYM]! : gy;
  const goalDist = Math.max(Math.hypot(gx, gy), 1e-3);
  const targetDist = Math.max(Math.hypot(tx, ty), 1e-3);
  let speed = Math.min(p.maxLinearMps, p.kLinear * goalDist) * clip(tx / targetDist, 0, 1);
  if (p.zoneLimitFraction > 0) speed = Math.min(speed, obs[O.zoneLimitMps]! * p.zoneLimitFraction);
  if (p.blindCornerMps > 0) {
    // Front-left and front-right sectors (22.5°–67.5°): a shelf end or door frame close by hides what is behind it.
    const sides = [sectorOf(Math.PI / 4), sectorOf(-Math.PI / 4)].map((s) => obs[O.scan + s]!);
    if (Math.min(...sides) < 1.5) speed = Math.min(speed, p.blindCornerMps);
  }
  if (p.brakingDecelMps2 > 0) {
    const ahead = Math.min(obs[O.scan + sectorOf(0)]!, obs[O.scan + sectorOf(-0.01)]!) - 0.6;
    const a = p.brakingDecelMps2;
    const t = 0.15;
    speed = Math.min(speed, Math.max(0, a * (-t + Math.sqrt(t * t + (2 * Math.max(0, ahead)) / a))));
  }
  if (obs[O.humanPresent]! > 0.5 && p.slowM > p.stopM) {
    const hx = obs[O.humanXM]!;
    const hy = obs[O.humanYM]!;
    const hd = Math.hypot(hx, hy);
    const closingOnPath = hy * obs[O.humanVyMps]! < 0;
    const relevant = hx > p.aheadMinM && (Math.abs(hy) < p.corridorHalfWidthM || closingOnPath);
    if (relevant) speed *= clip((hd - p.stopM) / (p.slowM - p.stopM), 0, 1);
    if (hd < p.nearPeopleM) speed = Math.min(speed, p.nearPeopleMps);
  }
  return [speed, clip(p.kAngular * (ty / targetDist), -p.maxAngularRadps, p.maxAngularRadps), 0];
}

/** A scripted reference policy: the careful expert and the reckless driver of the golden runs. */
export function scriptedNavPolicy(kind: keyof typeof SCRIPTED_NAV): Policy {
  const params = SCRIPTED_NAV[kind];
  const info: PolicyInfo = {
    id: `scripted/${kind}`,
    sha256: createHash('sha256').update(JSON.stringify(params)).digest('hex'),
    robotFamily: 'mobile-base',
    controlHz: 20,
    observation: [...SCRIPTED_OBSERVATION_LAYOUT],
    action: [...SCRIPTED_ACTION_LAYOUT],
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
