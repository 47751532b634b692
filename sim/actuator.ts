import type { MobileBasePreset } from '../scenarios/index.js';
import type { BaseCommand } from './world.js';

export interface ClampResult {
  command: BaseCommand;
  /** What was limited, e.g. "linear speed 2.000 > 1.2 m/s"; empty when the command passed unchanged. */
  clamps: string[];
}

/**
 * Limits a requested body velocity to the base's speed and acceleration limits over one
 * control period. Shared by the simulator and the hardware bridge so both clamp alike.
 */
export function clampBaseCommand(requested: BaseCommand, previous: BaseCommand, robot: MobileBasePreset, ctrlDtSec: number): ClampResult {
  const clamps: string[] = [];
  let v = requested.linearMps;
  let w = requested.angularRadps;
  if (Math.abs(v) > robot.maxLinearMps) {
    clamps.push(`linear speed ${v.toFixed(3)} beyond ±${robot.maxLinearMps} m/s`);
    v = Math.sign(v) * robot.maxLinearMps;
  }
  if (Math.abs(w) > robot.maxAngularRadps) {
    clamps.push(`angular speed ${w.toFixed(3)} beyond ±${robot.maxAngularRadps} rad/s`);
    w = Math.sign(w) * robot.maxAngularRadps;
  }
  const dvMax = robot.maxLinearAccelMps2 * ctrlDtSec;
  if (Math.abs(v - previous.linearMps) > dvMax + 1e-12) {
    clamps.push(`linear acceleration beyond ${robot.maxLinearAccelMps2} m/s²`);
    v = previous.linearMps + Math.sign(v - previous.linearMps) * dvMax;
  }
  const dwMax = robot.maxAngularAccelRadps2 * ctrlDtSec;
  if (Math.abs(w - previous.angularRadps) > dwMax + 1e-12) {
    clamps.push(`angular acceleration beyond ${robot.maxAngularAccelRadps2} rad/s²`);
    w = previous.angularRadps + Math.sign(w - previous.angularRadps) * dwMax;
  }
  return { command: { linearMps: v, angularRadps: w }, clamps };
}

/** The command of a controlled stop (IEC 60204-1 category 2) at the braking deceleration. */
export function brakeTowardsStop(previous: BaseCommand, robot: MobileBasePreset, ctrlDtSec: number): BaseCommand {
  const dv = robot.brakingDecelMps2 * ctrlDtSec;
  const dw = robot.maxAngularAccelRadps2 * ctrlDtSec;
  const towardsZero = (x: number, d: number): number => (Math.abs(x) <= d ? 0 : x - Math.sign(x) * d);
  return { linearMps: towardsZero(previous.linearMps, dv), angularRadps: towardsZero(previous.angularRadps, dw) };
}
