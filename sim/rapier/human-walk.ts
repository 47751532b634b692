import type { Point2, ResolvedHuman } from '../../scenarios/index.js';

export interface WalkPose {
  xM: number;
  yM: number;
  headingRad: number;
  /** Unit direction of travel at this point. */
  dirX: number;
  dirY: number;
  /** True once the last waypoint is reached. */
  arrived: boolean;
}

/**
 * Where a waypoint-walking human stands after walking `distanceM` along the polyline.
 * Pure, so any backend and any test gets the same path from the same resolved scenario.
 */
export function humanPoseAlong(human: ResolvedHuman, distanceM: number): WalkPose {
  const pts = human.waypointsM;
  let remaining = Math.max(0, distanceM);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    const segM = Math.hypot(b.xM - a.xM, b.yM - a.yM);
    if (remaining < segM) {
      const f = segM > 0 ? remaining / segM : 0;
      return pose(a.xM + (b.xM - a.xM) * f, a.yM + (b.yM - a.yM) * f, a, b, false);
    }
    remaining -= segM;
  }
  const last = pts[pts.length - 1]!;
  const prev = pts.length > 1 ? pts[pts.length - 2]! : { xM: last.xM - 1, yM: last.yM };
  return pose(last.xM, last.yM, prev, last, true);
}

function pose(x: number, y: number, a: Point2, b: Point2, arrived: boolean): WalkPose {
  const heading = Math.atan2(b.yM - a.yM, b.xM - a.xM);
  return { xM: x, yM: y, headingRad: heading, dirX: Math.cos(heading), dirY: Math.sin(heading), arrived };
}

/** Gap a walking person keeps to an obstacle straight ahead before halting. */
export const HUMAN_HALT_GAP_M = 0.3;

/**
 * A person's walk, advanced step by step: waits until startSec, then walks at speedMps,
 * halting while the robot blocks the way ahead (people do not walk into a robot that
 * stands in their path; a robot that drives into them is another matter).
 */
export class HumanWalker {
  distanceM = 0;
  speedMps = 0;
  /** Index of the next stop-and-go pause, and until when the current one lasts. */
  private nextPause = 0;
  private pausedUntilSec = Number.NEGATIVE_INFINITY;
  private readonly pauses: Array<{ atM: number; forSec: number }>;

  constructor(readonly human: ResolvedHuman) {
    this.pauses = [...human.pauses].sort((a, b) => a.atM - b.atM);
  }

  pose(): WalkPose {
    return humanPoseAlong(this.human, this.distanceM);
  }

  /** Advances to time t + dt; `gapAheadM(pose)` is the free distance ahead of the person. */
  advance(timeSec: number, dtSec: number, gapAheadM: (pose: WalkPose) => number): void {
    const current = this.pose();
    const started = timeSec + dtSec > this.human.startSec;
    const blocked = gapAheadM(current) < HUMAN_HALT_GAP_M;
    const paused = timeSec + dtSec <= this.pausedUntilSec;
    if (!started || current.arrived || blocked || paused) {
      this.speedMps = 0;
      return;
    }
    const walkSec = Math.min(dtSec, timeSec + dtSec - this.human.startSec);
    let next = this.distanceM + this.human.speedMps * walkSec;
    const pause = this.pauses[this.nextPause];
    if (pause && next >= pause.atM) {
      // Stop exactly at the pause point and stand there for forSec.
      next = Math.max(this.distanceM, pause.atM);
      this.pausedUntilSec = timeSec + dtSec + pause.forSec;
      this.nextPause += 1;
    }
    this.speedMps = (next - this.distanceM) / dtSec;
    this.distanceM = next;
  }
}
