import { HUMAN_PROXY, proxySide } from '../body-model.js';
import type { BodyRegion, BodySide, HumanPartFrame, Vec3 } from '../frame.js';
import type { ResolvedArmHuman } from '../../scenarios/index.js';

// A person beside the workbench: the body stands still, the right arm reaches for a point
// on the bench on a seeded schedule. Pure, so any backend and any test gets the same motion.

export interface Capsule {
  region: BodyRegion;
  side?: BodySide;
  startM: Vec3;
  endM: Vec3;
  radiusM: number;
}

/** The regions of the reaching arm; the rest of the proxy moves with the body. */
export const REACHING_REGIONS: ReadonlySet<BodyRegion> = new Set(['upper-arm', 'lower-arm', 'hand']);

const lerp = (a: Vec3, b: Vec3, f: number): Vec3 => ({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, z: a.z + (b.z - a.z) * f });

function toWorld(h: ResolvedArmHuman, local: Vec3): Vec3 {
  const c = Math.cos(h.yawRad);
  const s = Math.sin(h.yawRad);
  return { x: h.positionM.xM + c * local.x - s * local.y, y: h.positionM.yM + s * local.x + c * local.y, z: local.z };
}

/** Fraction of the way from rest to the reach target at time t (smoothstep in, hold, out). */
export function reachFraction(h: ResolvedArmHuman, timeSec: number): number {
  const r = h.reach;
  if (!r) return 0;
  const t = timeSec - r.startSec;
  const d = Math.max(r.durationSec, 1e-3);
  const smooth = (x: number): number => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));
  if (t <= d + r.holdSec) return smooth(t / d);
  return 1 - smooth((t - d - r.holdSec) / d);
}

/** The parts of a person that never move (all but the reaching arm), in world coordinates. */
interface StillBody {
  capsules: Capsule[];
  shoulder: Vec3;
  restHand: Vec3;
}

/**
 * Per person, computed once: a person is rebuilt at every physics step (twice, for velocities),
 * and everything but the reaching arm comes out the same each time. The numbers are those the
 * full computation gives, so records keep their bytes.
 */
const stillBodies = new WeakMap<ResolvedArmHuman, StillBody>();

function stillBody(h: ResolvedArmHuman): StillBody {
  const known = stillBodies.get(h);
  if (known) return known;
  const s = h.heightM / 1.75;
  const capsules: Capsule[] = [];
  for (const part of HUMAN_PROXY) {
    // The right arm (negative y) is the one that reaches; it is rebuilt at every moment.
    if (REACHING_REGIONS.has(part.region) && part.yM < 0) continue;
    const side = proxySide(part);
    capsules.push({
      region: part.region,
      ...(side ? { side } : {}),
      startM: toWorld(h, { x: part.xM * s, y: part.yM * s, z: part.z0 * h.heightM }),
      endM: toWorld(h, { x: part.xM * s, y: part.yM * s, z: part.z1 * h.heightM }),
      radiusM: part.radiusM * s,
    });
  }
  const shoulder = toWorld(h, { x: 0, y: -0.2 * s, z: 0.8 * h.heightM });
  const restHand = h.handRestM ? { x: h.handRestM.xM, y: h.handRestM.yM, z: h.handRestM.zM } : toWorld(h, { x: 0.05 * s, y: -0.24 * s, z: 0.45 * h.heightM });
  const body = { capsules, shoulder, restHand };
  stillBodies.set(h, body);
  return body;
}

const copyVec = (v: Vec3): Vec3 => ({ x: v.x, y: v.y, z: v.z });

/** The reaching arm's three capsules (upper arm, lower arm, hand) at time t. */
function reachingArm(h: ResolvedArmHuman, still: StillBody, timeSec: number): Capsule[] {
  const s = h.heightM / 1.75;
  const shoulder = copyVec(still.shoulder);
  const restHand = still.restHand;
  const f = reachFraction(h, timeSec);
  const hand = h.reach ? lerp(restHand, { x: h.reach.targetM.xM, y: h.reach.targetM.yM, z: h.reach.targetM.zM }, f) : copyVec(restHand);
  // The elbow sits between shoulder and hand, dropped a little, as a relaxed arm does.
  const mid = lerp(shoulder, hand, 0.5);
  const elbow = { ...mid, z: mid.z - 0.08 * s };
  const wrist = lerp(elbow, hand, 0.8);
  return [
    { region: 'upper-arm', side: 'right', startM: shoulder, endM: elbow, radiusM: 0.045 * s },
    { region: 'lower-arm', side: 'right', startM: elbow, endM: wrist, radiusM: 0.04 * s },
    { region: 'hand', side: 'right', startM: wrist, endM: hand, radiusM: 0.045 * s },
  ];
}

/** The body-region capsules of a person at time t, in world coordinates (z up from the floor). */
export function humanCapsules(h: ResolvedArmHuman, timeSec: number): Capsule[] {
  const still = stillBody(h);
  // Fresh objects every time: frames own what they hold. Written out, not spread (the spread's
  // slow path), with the keys in the order records write them.
  const out: Capsule[] = still.capsules.map((c) =>
    c.side
      ? { region: c.region, side: c.side, startM: copyVec(c.startM), endM: copyVec(c.endM), radiusM: c.radiusM }
      : { region: c.region, startM: copyVec(c.startM), endM: copyVec(c.endM), radiusM: c.radiusM },
  );
  out.push(...reachingArm(h, still, timeSec));
  return out;
}

/**
 * Capsules with their velocities (central difference over dt), for frames and contact speeds.
 * The still body's velocities are zero, as the difference of two equal positions is.
 */
export function humanParts(h: ResolvedArmHuman, timeSec: number, dtSec: number): HumanPartFrame[] {
  const now = humanCapsules(h, timeSec);
  const next = reachingArm(h, stillBody(h), timeSec + dtSec);
  const firstMoving = now.length - next.length;
  // The capsules are this call's own: each takes its velocity as its last key.
  return now.map((c, i) => {
    const n = i >= firstMoving ? next[i - firstMoving]! : c;
    return Object.assign(c, { velocityMps: { x: (n.endM.x - c.endM.x) / dtSec, y: (n.endM.y - c.endM.y) / dtSec, z: (n.endM.z - c.endM.z) / dtSec } });
  });
}
