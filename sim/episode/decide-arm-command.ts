import type { ArmPreset } from '../../scenarios/index.js';
import { actuatedJoints, type ArmModel } from '../arm/arm-model.js';
import { dlsStep, forwardKinematics, jacobian, type Transform } from '../arm/arm-kinematics.js';
import type { ArmFrame, CommandFrame } from '../frame.js';
import type { ArmCommand } from '../world.js';
import { ARM_ACTION_LAYOUT } from '../../policies/arm-layout.js';

/** Damping of the IK step (m): a few centimetres keeps joint speeds bounded near singularities. */
export const IK_DAMPING = 0.04;

export interface ArmCommandDecision {
  applied: ArmCommand;
  command: CommandFrame;
  clamps: string[];
}

/** Action names of an arm driven by tool velocity (twist, gripper, refusal): the policies' one layout. */
export const ARM_ACTION_NAMES = ARM_ACTION_LAYOUT.map((a) => a.name);

/**
 * From a raw policy action (tool twist) to joint velocities the arm may execute: a non-finite
 * action or a declared refusal stops the arm; otherwise the tool speed is capped at the arm's
 * limit, one damped-least-squares IK step maps the twist to joint velocities, and each joint's
 * speed and range are enforced (a joint at its limit is not driven further). Every change is
 * reported as a clamp.
 */
export function decideArmCommand(action: number[], arm: ArmFrame, model: ArmModel, preset: ArmPreset, base: Transform, ctrlDtSec: number): ArmCommandDecision {
  const joints = actuatedJoints(model);
  const stop = (extra: Partial<CommandFrame>): ArmCommandDecision => {
    const applied: ArmCommand = { kind: 'arm', jointVelocitiesRadps: joints.map(() => 0), gripper: arm.gripperOpening };
    return {
      applied,
      command: {
        action,
        finite: extra.finite ?? true,
        linearMps: 0,
        angularRadps: 0,
        clamped: false,
        stopped: true,
        jointVelocitiesRadps: applied.jointVelocitiesRadps,
        ...extra,
      },
      clamps: [],
    };
  };
  if (action.length < 6 || !action.every(Number.isFinite)) return stop({ finite: false });
  if ((action[7] ?? 0) > 0.5) return stop({ refused: true });
  const clamps: string[] = [];
  const v = action.slice(0, 3);
  const speed = Math.hypot(v[0]!, v[1]!, v[2]!);
  if (speed > preset.maxToolSpeedMps) {
    clamps.push(`tool speed ${speed.toFixed(3)} beyond ${preset.maxToolSpeedMps} m/s`);
    for (let i = 0; i < 3; i++) v[i] = (v[i]! * preset.maxToolSpeedMps) / speed;
  }
  const fk = forwardKinematics(model, arm.jointPositionsRad, base);
  let qdot = dlsStep(jacobian(fk), [...v, action[3]!, action[4]!, action[5]!], IK_DAMPING);
  // Scale all joints together so the tool keeps its direction.
  let scale = 1;
  joints.forEach((j, i) => {
    const r = Math.abs(qdot[i]!) / j.maxVelocityRadps;
    if (r > scale) scale = r;
  });
  if (scale > 1) {
    clamps.push(`joint speed ${(scale * 100).toFixed(0)}% of the limit, scaled down`);
    qdot = qdot.map((x) => x / scale);
  }
  joints.forEach((j, i) => {
    const next = arm.jointPositionsRad[i]! + qdot[i]! * ctrlDtSec;
    if ((next > j.upperRad && qdot[i]! > 0) || (next < j.lowerRad && qdot[i]! < 0)) {
      clamps.push(`${j.name} at its limit [${j.lowerRad.toFixed(2)}, ${j.upperRad.toFixed(2)}] rad`);
      qdot[i] = 0;
    }
  });
  const gripper = Math.min(1, Math.max(0, action[6] ?? arm.gripperOpening));
  const applied: ArmCommand = { kind: 'arm', jointVelocitiesRadps: qdot, gripper };
  return {
    applied,
    command: {
      action,
      finite: true,
      linearMps: Math.min(speed, preset.maxToolSpeedMps),
      angularRadps: 0,
      clamped: clamps.length > 0,
      stopped: false,
      jointVelocitiesRadps: qdot,
    },
    clamps,
  };
}
