import type { ArmFrame, Quat, Vec3 } from '../frame.js';

// Rotations and 3-vectors: row-major 3x3 rotation matrices as plain arrays, so tests can check
// numbers by hand. Shared by the arm's kinematics, the observation and the monitors.

export type Mat3 = [number, number, number, number, number, number, number, number, number];

export const IDENTITY: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function mul(a: Mat3, b: Mat3): Mat3 {
  const o = new Array(9).fill(0) as Mat3;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[i * 3 + j] = o[i * 3 + j]! + a[i * 3 + k]! * b[k * 3 + j]!;
  return o;
}

export function apply(R: Mat3, v: Vec3): Vec3 {
  return { x: R[0] * v.x + R[1] * v.y + R[2] * v.z, y: R[3] * v.x + R[4] * v.y + R[5] * v.z, z: R[6] * v.x + R[7] * v.y + R[8] * v.z };
}

/** URDF roll-pitch-yaw: R = Rz(yaw) Ry(pitch) Rx(roll). */
export function rpyToMat(rpy: Vec3): Mat3 {
  const [cr, sr, cp, sp, cy, sy] = [Math.cos(rpy.x), Math.sin(rpy.x), Math.cos(rpy.y), Math.sin(rpy.y), Math.cos(rpy.z), Math.sin(rpy.z)];
  return [cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr, sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr, -sp, cp * sr, cp * cr];
}

/** Rotation by angle about a unit axis (Rodrigues). */
export function axisAngle(a: Vec3, angle: number): Mat3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * a.x * a.x + c,
    t * a.x * a.y - s * a.z,
    t * a.x * a.z + s * a.y,
    t * a.x * a.y + s * a.z,
    t * a.y * a.y + c,
    t * a.y * a.z - s * a.x,
    t * a.x * a.z - s * a.y,
    t * a.y * a.z + s * a.x,
    t * a.z * a.z + c,
  ];
}

export const cross = (a: Vec3, b: Vec3): Vec3 => ({ x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x });
export const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
export const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;
export const norm = (a: Vec3): number => Math.hypot(a.x, a.y, a.z);

export function quatToMat(q: Quat): Mat3 {
  const { x, y, z, w } = q;
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - z * w),
    2 * (x * z + y * w),
    2 * (x * y + z * w),
    1 - 2 * (x * x + z * z),
    2 * (y * z - x * w),
    2 * (x * z - y * w),
    2 * (y * z + x * w),
    1 - 2 * (x * x + y * y),
  ];
}

export function matToQuat(m: Mat3): Quat {
  const tr = m[0] + m[4] + m[8];
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2;
    return { w: s / 4, x: (m[7] - m[5]) / s, y: (m[2] - m[6]) / s, z: (m[3] - m[1]) / s };
  }
  if (m[0] > m[4] && m[0] > m[8]) {
    const s = Math.sqrt(1 + m[0] - m[4] - m[8]) * 2;
    return { w: (m[7] - m[5]) / s, x: s / 4, y: (m[1] + m[3]) / s, z: (m[2] + m[6]) / s };
  }
  if (m[4] > m[8]) {
    const s = Math.sqrt(1 + m[4] - m[0] - m[8]) * 2;
    return { w: (m[2] - m[6]) / s, x: (m[1] + m[3]) / s, y: s / 4, z: (m[5] + m[7]) / s };
  }
  const s = Math.sqrt(1 + m[8] - m[0] - m[4]) * 2;
  return { w: (m[3] - m[1]) / s, x: (m[2] + m[6]) / s, y: (m[5] + m[7]) / s, z: s / 4 };
}

/** A direction fixed in the tool frame, in world coordinates. */
export function toolAxis(arm: ArmFrame, local: Vec3): Vec3 {
  return apply(quatToMat(arm.toolRotation), local);
}

/** Approach axis of the bundled gripper in its tool frame. */
export const APPROACH_AXIS: Vec3 = { x: 0, y: 1, z: 0 };
