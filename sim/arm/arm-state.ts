import type { ArmFrame, LinkSegmentFrame, Vec3 } from '../frame.js';
import type { ArmModel } from './arm-model.js';
import { cross, matToQuat, sub, type Mat3 } from '../geometry/rotation.js';
import { forwardKinematics, jacobian, type Transform } from './arm-kinematics.js';

// Conversions between what a physics engine reports (link rotations) and an arm's joint
// state, shared by every arm backend so they all describe the arm the same way.

const transpose = (m: Mat3): Mat3 => [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];

/**
 * Signed rotation about unit axis a (child frame) of the relative rotation that takes the
 * reference parent→child rotation to the current one: the joint's travel since the reference.
 */
export function jointTravelRad(parentRef: Mat3, childRef: Mat3, parentNow: Mat3, childNow: Mat3, a: Vec3): number {
  const mulT = (p: Mat3, c: Mat3): Mat3 => {
    const pt = transpose(p);
    const o = new Array(9).fill(0) as Mat3;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[i * 3 + j] = o[i * 3 + j]! + pt[i * 3 + k]! * c[k * 3 + j]!;
    return o;
  };
  const rel0 = mulT(parentRef, childRef);
  const rel = mulT(parentNow, childNow);
  const d = mulT(rel0, rel);
  const sin = (a.x * (d[7] - d[5]) + a.y * (d[2] - d[6]) + a.z * (d[3] - d[1])) / 2;
  const cos = (d[0] + d[4] + d[8] - 1) / 2;
  return Math.atan2(sin, cos);
}

/** The arm's frame from its joint state: tool pose and velocity by forward kinematics. */
export function armFrameFromJoints(model: ArmModel, base: Transform, q: number[], qdot: number[], gripperOpening: number, linkRadiusM: number): ArmFrame {
  const fk = forwardKinematics(model, q, base);
  const J = jacobian(fk);
  const v = [0, 1, 2].map((r) => J[r]!.reduce((s, x, k) => s + x * qdot[k]!, 0));
  const points = [...fk.joints.map((j) => j.positionM), fk.tip.p];
  // Point k is carried by the joints before it: v = sum over j < k of qdot_j a_j x (p_k - p_j).
  // (Joint k turns about an axis through p_k, so it adds nothing there.)
  const velocities = points.map((p, k) => {
    const v = { x: 0, y: 0, z: 0 };
    for (let j = 0; j < k && j < fk.joints.length; j++) {
      const { positionM, axis } = fk.joints[j]!;
      const w = cross(axis, sub(p, positionM));
      const rate = qdot[j] ?? 0;
      v.x += rate * w.x;
      v.y += rate * w.y;
      v.z += rate * w.z;
    }
    return v;
  });
  const moving = model.chain.filter((j) => j.type !== 'fixed');
  const links: LinkSegmentFrame[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    links.push({
      link: moving[i]!.child,
      startM: points[i]!,
      endM: points[i + 1]!,
      radiusM: linkRadiusM,
      startVelocityMps: velocities[i]!,
      endVelocityMps: velocities[i + 1]!,
    });
  }
  return {
    jointPositionsRad: [...q],
    jointVelocitiesRadps: [...qdot],
    toolPositionM: { ...fk.tip.p },
    toolVelocityMps: { x: v[0]!, y: v[1]!, z: v[2]! },
    toolRotation: matToQuat(fk.tip.R),
    gripperOpening,
    links,
  };
}
