import type { Vec3 } from '../frame.js';
import { actuatedJoints, type ArmModel, type Pose } from './arm-model.js';

// Forward kinematics, the geometric Jacobian and one damped-least-squares IK step.
// Row-major 3x3 rotation matrices; plain arrays so tests can check numbers by hand.

export type Mat3 = [number, number, number, number, number, number, number, number, number];

export interface Transform {
  p: Vec3;
  R: Mat3;
}

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
    t * a.x * a.x + c, t * a.x * a.y - s * a.z, t * a.x * a.z + s * a.y,
    t * a.x * a.y + s * a.z, t * a.y * a.y + c, t * a.y * a.z - s * a.x,
    t * a.x * a.z - s * a.y, t * a.y * a.z + s * a.x, t * a.z * a.z + c,
  ];
}

export function compose(a: Transform, b: Transform): Transform {
  const q = apply(a.R, b.p);
  return { p: { x: a.p.x + q.x, y: a.p.y + q.y, z: a.p.z + q.z }, R: mul(a.R, b.R) };
}

export function poseToTransform(pose: Pose): Transform {
  return { p: { ...pose.xyzM }, R: rpyToMat(pose.rpyRad) };
}

export const cross = (a: Vec3, b: Vec3): Vec3 => ({ x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x });
export const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
export const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;
export const norm = (a: Vec3): number => Math.hypot(a.x, a.y, a.z);

export interface ForwardKinematics {
  /** World transform of every chain link, keyed by link name. */
  links: Map<string, Transform>;
  /** World position and unit axis of each actuated joint, in chain order. */
  joints: Array<{ positionM: Vec3; axis: Vec3 }>;
  tip: Transform;
}

/** Forward kinematics for joint positions q (actuated joints in chain order) from a base transform. */
export function forwardKinematics(model: ArmModel, q: readonly number[], base: Transform = { p: { x: 0, y: 0, z: 0 }, R: IDENTITY }): ForwardKinematics {
  const links = new Map<string, Transform>([[model.root, base]]);
  const joints: ForwardKinematics['joints'] = [];
  let k = 0;
  let at = base;
  for (const j of model.chain) {
    const jointFrame = compose(links.get(j.parent) ?? at, poseToTransform(j.origin));
    if (j.type === 'fixed') {
      at = jointFrame;
    } else {
      const axis = apply(jointFrame.R, j.axis);
      joints.push({ positionM: jointFrame.p, axis });
      at = { p: jointFrame.p, R: mul(jointFrame.R, axisAngle(j.axis, q[k] ?? 0)) };
      k += 1;
    }
    links.set(j.child, at);
  }
  return { links, joints, tip: at };
}

/** Geometric Jacobian (6 x n, rows vx vy vz wx wy wz) of a point fixed to the tip. */
export function jacobian(fk: ForwardKinematics, pointM: Vec3 = fk.tip.p): number[][] {
  const rows: number[][] = [[], [], [], [], [], []];
  for (const { positionM, axis } of fk.joints) {
    const v = cross(axis, sub(pointM, positionM));
    for (const [i, x] of [v.x, v.y, v.z, axis.x, axis.y, axis.z].entries()) rows[i]!.push(x);
  }
  return rows;
}

/** Solves A x = b for a small dense square A (Gaussian elimination with partial pivoting). */
export function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const pivot = M[c]![c]!;
    if (Math.abs(pivot) < 1e-15) throw new Error('singular system');
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / pivot;
      for (let k = c; k <= n; k++) M[r]![k] = M[r]![k]! - f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/**
 * One damped-least-squares step: joint velocities qdot = Jᵀ (J Jᵀ + λ² I)⁻¹ ẋ for a tool twist
 * ẋ = [v; ω]. The damping λ keeps the step bounded near singularities, at the cost of
 * tracking error there (Wampler 1986; Nakamura & Hanafusa 1986).
 */
export function dlsStep(J: number[][], twist: readonly number[], dampingLambda: number): number[] {
  const m = J.length;
  const n = J[0]?.length ?? 0;
  const JJt: number[][] = [];
  for (let i = 0; i < m; i++) {
    JJt.push([]);
    for (let j = 0; j < m; j++) {
      let s = i === j ? dampingLambda * dampingLambda : 0;
      for (let k = 0; k < n; k++) s += J[i]![k]! * J[j]![k]!;
      JJt[i]!.push(s);
    }
  }
  const y = solve(JJt, [...twist]);
  const qdot = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++) for (let i = 0; i < m; i++) qdot[k] = qdot[k]! + J[i]![k]! * y[i]!;
  return qdot;
}

export function jointCount(model: ArmModel): number {
  return actuatedJoints(model).length;
}
