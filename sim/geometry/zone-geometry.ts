import type { Rect } from '../../scenarios/index.js';
import type { RobotFrame } from '../frame.js';

/** Signed distance of a point to a rectangle: negative inside (depth), positive outside. */
export function signedDistanceToRect(p: { x: number; y: number }, r: Rect): number {
  return distanceToRect(p.x, p.y, r);
}

/**
 * Signed clearance of the footprint from a rectangle: the smallest signed distance of any
 * footprint corner (negative = that far inside). Corners suffice for an axis-aligned zone
 * larger than the robot; for the centre crossing we also check the centre.
 */
export function footprintClearanceM(robot: RobotFrame, lengthM: number, widthM: number, r: Rect): number {
  // The four footprint corners, computed in place rather than built as objects: monitors call
  // this for every zone on every physics step.
  const c = Math.cos(robot.yawRad);
  const s = Math.sin(robot.yawRad);
  const px = robot.positionM.x;
  const py = robot.positionM.y;
  const hl = lengthM / 2;
  const hw = widthM / 2;
  let best = distanceToRect(px + c * hl - s * hw, py + s * hl + c * hw, r);
  best = Math.min(best, distanceToRect(px + c * hl - s * -hw, py + s * hl + c * -hw, r));
  best = Math.min(best, distanceToRect(px + c * -hl - s * hw, py + s * -hl + c * hw, r));
  best = Math.min(best, distanceToRect(px + c * -hl - s * -hw, py + s * -hl + c * -hw, r));
  return Math.min(best, distanceToRect(px, py, r));
}

/** signedDistanceToRect on coordinates, so the footprint's corners need no objects. */
function distanceToRect(x: number, y: number, r: Rect): number {
  const dx = Math.max(r.xMinM - x, 0, x - r.xMaxM);
  const dy = Math.max(r.yMinM - y, 0, y - r.yMaxM);
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return -Math.min(x - r.xMinM, r.xMaxM - x, y - r.yMinM, r.yMaxM - y);
}

export function pointInRect(p: { x: number; y: number }, r: Rect): boolean {
  return p.x >= r.xMinM && p.x <= r.xMaxM && p.y >= r.yMinM && p.y <= r.yMaxM;
}
