import type { Vec3 } from '../frame.js';

// A serial arm as plain data, as read from a URDF file: what the kinematics, the actuator
// clamps and the Rapier builder all work from, so they cannot disagree about the robot.

export type CollisionShape = { kind: 'box'; sizeM: Vec3 } | { kind: 'cylinder'; radiusM: number; lengthM: number } | { kind: 'sphere'; radiusM: number };

export interface Pose {
  xyzM: Vec3;
  rpyRad: Vec3;
}

export interface LinkCollision {
  origin: Pose;
  shape: CollisionShape;
}

export interface ArmLink {
  name: string;
  massKg: number;
  collisions: LinkCollision[];
}

export interface ArmJoint {
  name: string;
  type: 'revolute' | 'continuous' | 'fixed';
  parent: string;
  child: string;
  origin: Pose;
  /** Unit axis in the child link's frame. */
  axis: Vec3;
  lowerRad: number;
  upperRad: number;
  maxVelocityRadps: number;
  maxEffortNm: number;
}

export interface ArmModel {
  name: string;
  links: ArmLink[];
  /** Joints from the root link to the tip link, in chain order (fixed joints included). */
  chain: ArmJoint[];
  /** Links hanging off the chain by fixed joints (fingers, tool), with the chain link that carries them. */
  attachments: Array<{ joint: ArmJoint; carrier: string }>;
  root: string;
  tip: string;
}

/** The joints a command moves, in chain order. */
export function actuatedJoints(model: ArmModel): ArmJoint[] {
  return model.chain.filter((j) => j.type !== 'fixed');
}

export function linkByName(model: ArmModel, name: string): ArmLink {
  const link = model.links.find((l) => l.name === name);
  if (!link) throw new Error(`arm ${model.name}: no link "${name}"`);
  return link;
}
