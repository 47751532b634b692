import type { ArmFrame, HumanFrame, HumanPartFrame, LinkSegmentFrame, Vec3 } from '../frame.js';

// Distances between capsules (segments with a radius): the arm's links and a person's body
// regions. Used by the separation monitor and the observation alike.

const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;
const at = (p: Vec3, d: Vec3, t: number): Vec3 => ({ x: p.x + d.x * t, y: p.y + d.y * t, z: p.z + d.z * t });
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Closest points between segments p1-q1 and p2-q2 (Ericson, Real-Time Collision Detection 5.1.9),
 * with their fractions s and t along each.
 */
export function closestPoints(p1: Vec3, q1: Vec3, p2: Vec3, q2: Vec3): { a: Vec3; b: Vec3; distanceM: number; s: number; t: number } {
  const d1 = sub(q1, p1);
  const d2 = sub(q2, p2);
  const r = sub(p1, p2);
  const a = dot(d1, d1);
  const e = dot(d2, d2);
  const f = dot(d2, r);
  let s = 0;
  let t = 0;
  if (a <= 1e-12 && e <= 1e-12) {
    s = 0;
    t = 0;
  } else if (a <= 1e-12) {
    t = clamp01(f / e);
  } else {
    const c = dot(d1, r);
    if (e <= 1e-12) {
      s = clamp01(-c / a);
    } else {
      const b = dot(d1, d2);
      const denom = a * e - b * b;
      s = denom > 1e-12 ? clamp01((b * f - c * e) / denom) : 0;
      t = (b * s + f) / e;
      if (t < 0) {
        t = 0;
        s = clamp01(-c / a);
      } else if (t > 1) {
        t = 1;
        s = clamp01((b - c) / a);
      }
    }
  }
  const ca = at(p1, d1, s);
  const cb = at(p2, d2, t);
  return { a: ca, b: cb, distanceM: Math.hypot(ca.x - cb.x, ca.y - cb.y, ca.z - cb.z), s, t };
}

export interface Nearest {
  link: LinkSegmentFrame;
  part: HumanPartFrame;
  human: HumanFrame;
  /** Surface-to-surface distance (0 when touching or overlapping). */
  clearanceM: number;
  armPointM: Vec3;
  /** Velocity of the link at armPointM (the link is rigid: its ends' velocities interpolated). */
  armPointVelocityMps: Vec3;
  humanPointM: Vec3;
}

/** Centre and half-length of a segment: every point of it lies within that of the centre. */
function sphereOf(s: { startM: Vec3; endM: Vec3 }): { x: number; y: number; z: number; reach: number } {
  const { startM: a, endM: b } = s;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, z: (a.z + b.z) / 2, reach: Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z) / 2 };
}

/** One answer per frame: the observation and the monitors ask the same frame the same question. */
const nearestOf = new WeakMap<ArmFrame, { humans: readonly HumanFrame[]; nearest: Nearest | undefined }>();

/** The closest pair of arm link and body region over every person, or undefined with nobody there. */
export function nearestArmHuman(arm: ArmFrame, humans: readonly HumanFrame[]): Nearest | undefined {
  const known = nearestOf.get(arm);
  if (known && known.humans === humans) return known.nearest;
  let best: Nearest | undefined;
  const links = arm.links.map(sphereOf);
  for (const h of humans) {
    for (const part of h.parts ?? []) {
      const ps = sphereOf(part);
      arm.links.forEach((link, k) => {
        // A pair whose bounding spheres are already farther apart than the best clearance cannot
        // beat it (the margin keeps rounding from ever skipping a pair that would).
        const ls = links[k]!;
        const lowerBound = Math.hypot(ls.x - ps.x, ls.y - ps.y, ls.z - ps.z) - ls.reach - ps.reach - link.radiusM - part.radiusM;
        if (best && lowerBound > best.clearanceM + 1e-9) return;
        const c = closestPoints(link.startM, link.endM, part.startM, part.endM);
        const clearanceM = Math.max(0, c.distanceM - link.radiusM - part.radiusM);
        if (!best || clearanceM < best.clearanceM) {
          best = {
            link,
            part,
            human: h,
            clearanceM,
            armPointM: c.a,
            armPointVelocityMps: at(link.startVelocityMps, sub(link.endVelocityMps, link.startVelocityMps), c.s),
            humanPointM: c.b,
          };
        }
      });
    }
  }
  nearestOf.set(arm, { humans, nearest: best });
  return best;
}

/** Distance from a point to a capsule's surface (negative inside). */
export function pointToCapsuleM(p: Vec3, part: { startM: Vec3; endM: Vec3; radiusM: number }): number {
  return closestPoints(p, p, part.startM, part.endM).distanceM - part.radiusM;
}
