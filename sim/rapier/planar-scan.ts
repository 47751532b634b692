import { HUMAN_PROXY } from '../body-model.js';

// The navigation scene cut at the scanner's height is flat: walls are vertical boxes and people
// are vertical capsules, so a horizontal beam meets rotated rectangles and circles only. Casting
// the beams here, in one pass over that cut, costs a fraction of one physics-engine query per
// beam (each crosses into the engine, walks its tree and allocates a hit) and finds the same
// surfaces: the test casts every beam through Rapier too and compares.

/** A wall as the beams see it: a rectangle in its own frame (centre, half sizes, yaw). */
export interface ScanWall {
  centerXM: number;
  centerYM: number;
  halfLengthM: number;
  halfThicknessM: number;
  yawRad: number;
  /** Top of the wall; a beam above it passes over. */
  heightM: number;
}

/** A person's body part cut at the beam height: a circle at an offset in the person's frame. */
interface PartCut {
  forwardM: number;
  leftM: number;
  radiusM: number;
}

interface Rect {
  cx: number;
  cy: number;
  hx: number;
  hy: number;
  cos: number;
  sin: number;
}

const PARALLEL = 1e-12;

/**
 * The cut of one navigation scene at the scanner's height. Walls are fixed at construction;
 * people move, so `placePerson` sets each one's pose before a scan.
 */
export class PlanarScene {
  private readonly rects: Rect[];
  private readonly cuts: PartCut[][];
  /** Per person: circle centres x, y and radius, flattened, updated by placePerson. */
  private readonly circles: Float64Array[];

  constructor(
    walls: readonly ScanWall[],
    peopleHeightsM: readonly number[],
    readonly beamHeightM: number,
  ) {
    this.rects = walls
      .filter((w) => w.heightM >= beamHeightM)
      .map((w) => ({ cx: w.centerXM, cy: w.centerYM, hx: w.halfLengthM, hy: w.halfThicknessM, cos: Math.cos(w.yawRad), sin: Math.sin(w.yawRad) }));
    this.cuts = peopleHeightsM.map((h) => partsAtHeight(h, beamHeightM));
    this.circles = this.cuts.map((parts) => new Float64Array(parts.length * 3));
  }

  /** A person's pose on the floor (body origin and heading), as the physics placed them. */
  placePerson(index: number, xM: number, yM: number, headingRad: number): void {
    const parts = this.cuts[index]!;
    const out = this.circles[index]!;
    const c = Math.cos(headingRad);
    const s = Math.sin(headingRad);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      out[3 * i] = xM + c * p.forwardM - s * p.leftM;
      out[3 * i + 1] = yM + s * p.forwardM + c * p.leftM;
      out[3 * i + 2] = p.radiusM;
    }
  }

  /**
   * Distance along the beam from (x, y) in direction (dx, dy) (unit) to the first surface within
   * maxM, or Infinity; `hit.person` is the index of the person hit, or -1 for a wall. A beam
   * starting inside a body reads 0, as a solid ray cast does.
   */
  cast(x: number, y: number, dx: number, dy: number, maxM: number, hit: { person: number } = { person: -1 }): number {
    let best = Infinity;
    hit.person = -1;
    for (const r of this.rects) {
      const t = rayRect(r, x, y, dx, dy);
      if (t < best && t <= maxM) best = t;
    }
    for (let k = 0; k < this.circles.length; k++) {
      const cs = this.circles[k]!;
      for (let i = 0; i < cs.length; i += 3) {
        const t = rayCircle(cs[i]!, cs[i + 1]!, cs[i + 2]!, x, y, dx, dy);
        if (t < best && t <= maxM) {
          best = t;
          hit.person = k;
        }
      }
    }
    return best;
  }
}

/** The proxy's parts that reach the beam height, each as the circle the capsule cuts there. */
function partsAtHeight(heightM: number, beamM: number): PartCut[] {
  const scale = heightM / 1.75;
  const out: PartCut[] = [];
  for (const part of HUMAN_PROXY) {
    const radius = part.radiusM * scale;
    const z0 = part.z0 * heightM;
    const z1 = part.z1 * heightM;
    // As the world builds the capsule: centred between z0 and z1, segment half-height at least 1 mm.
    const half = Math.max(0.001, (z1 - z0) / 2);
    const dz = Math.max(0, Math.abs(beamM - (z0 + z1) / 2) - half);
    if (dz >= radius) continue;
    out.push({ forwardM: part.xM * scale, leftM: part.yM * scale, radiusM: Math.sqrt(radius * radius - dz * dz) });
  }
  return out;
}

/** Slab test in the rectangle's own frame; 0 from inside, Infinity on a miss. */
function rayRect(r: Rect, x: number, y: number, dx: number, dy: number): number {
  const px = x - r.cx;
  const py = y - r.cy;
  const ox = r.cos * px + r.sin * py;
  const oy = -r.sin * px + r.cos * py;
  const ux = r.cos * dx + r.sin * dy;
  const uy = -r.sin * dx + r.cos * dy;
  let tMin = 0;
  let tMax = Infinity;
  if (Math.abs(ux) < PARALLEL) {
    if (Math.abs(ox) > r.hx) return Infinity;
  } else {
    const a = (-r.hx - ox) / ux;
    const b = (r.hx - ox) / ux;
    tMin = Math.max(tMin, Math.min(a, b));
    tMax = Math.min(tMax, Math.max(a, b));
  }
  if (Math.abs(uy) < PARALLEL) {
    if (Math.abs(oy) > r.hy) return Infinity;
  } else {
    const a = (-r.hy - oy) / uy;
    const b = (r.hy - oy) / uy;
    tMin = Math.max(tMin, Math.min(a, b));
    tMax = Math.min(tMax, Math.max(a, b));
  }
  return tMin <= tMax ? tMin : Infinity;
}

/** First crossing of a circle; 0 from inside, Infinity on a miss or behind. */
function rayCircle(cx: number, cy: number, radius: number, x: number, y: number, dx: number, dy: number): number {
  const rx = cx - x;
  const ry = cy - y;
  const c = rx * rx + ry * ry - radius * radius;
  if (c <= 0) return 0;
  const b = rx * dx + ry * dy;
  if (b <= 0) return Infinity;
  const disc = b * b - c;
  if (disc < 0) return Infinity;
  return b - Math.sqrt(disc);
}
