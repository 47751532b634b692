import type { RobotFrame, Vec3 } from '../frame.js';

/** Distance from a point to the robot's rectangular footprint (0 inside), in the plane. */
export function distanceToFootprintM(robot: RobotFrame, lengthM: number, widthM: number, p: Vec3): number {
  const dx = p.x - robot.positionM.x;
  const dy = p.y - robot.positionM.y;
  const c = Math.cos(robot.yawRad);
  const s = Math.sin(robot.yawRad);
  const lx = c * dx + s * dy;
  const ly = -s * dx + c * dy;
  const ox = Math.max(0, Math.abs(lx) - lengthM / 2);
  const oy = Math.max(0, Math.abs(ly) - widthM / 2);
  return Math.hypot(ox, oy);
}

/** Component of velocity v along the unit vector from `from` to `to` (planar). */
export function speedTowardsMps(v: Vec3, from: Vec3, to: Vec3): number {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const d = Math.hypot(dx, dy);
  if (d < 1e-9) return Math.hypot(v.x, v.y);
  return (v.x * dx + v.y * dy) / d;
}
