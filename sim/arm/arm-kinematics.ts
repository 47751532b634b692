import type { Vec3 } from '../frame.js';
import { apply, axisAngle, cross, IDENTITY, mul, rpyToMat, sub, type Mat3 } from '../geometry/rotation.js';
import { actuatedJoints, type ArmModel, type Pose } from './arm-model.js';

// Forward kinematics, the geometric Jacobian and one damped-least-squares IK step.
// Rotations are the row-major 3x3 matrices of sim/geometry/rotation.ts.

export interface Transform {
  p: Vec3;
  R: Mat3;
}

export function compose(a: Transform, b: Transform): Transform {
  const q = apply(a.R, b.p);
  return { p: { x: a.p.x + q.x, y: a.p.y + q.y, z: a.p.z + q.z }, R: mul(a.R, b.R) };
}

export function poseToTransform(pose: Pose): Transform {
  return { p: { ...pose.xyzM }, R: rpyToMat(pose.rpyRad) };
}

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
