import type { MobileBasePreset } from '../../scenarios/index.js';
import { brakeTowardsStop, clampBaseCommand } from '../actuator.js';
import type { CommandFrame } from '../frame.js';
import type { BaseCommand } from '../world.js';

export interface CommandDecision {
  /** What goes to the actuators. */
  applied: BaseCommand;
  /** What the record and the monitors see of this control tick. */
  command: CommandFrame;
  /** Limits that changed the command; empty when it passed unchanged. */
  clamps: string[];
}

/**
 * From a raw policy action to the command the base may execute: a non-finite action is
 * never passed on (the base brakes to a stop instead), a finite one is clamped to the
 * robot's speed and acceleration limits. The sim loop and the hardware bridge share it.
 */
export function decideBaseCommand(action: number[], previous: BaseCommand, robot: MobileBasePreset, ctrlDtSec: number): CommandDecision {
  const finite = action.length >= 2 && action.every(Number.isFinite);
  if (!finite) {
    const applied = brakeTowardsStop(previous, robot, ctrlDtSec);
    return { applied, command: { action, finite: false, ...applied, clamped: false, stopped: true }, clamps: [] };
  }
  if (action.length >= 3 && action[2]! > 0.5) {
    // A declared refusal: stop, and say so in the record.
    const applied = brakeTowardsStop(previous, robot, ctrlDtSec);
    return { applied, command: { action, finite: true, ...applied, clamped: false, stopped: true, refused: true }, clamps: [] };
  }
  const requested = { linearMps: action[0]!, angularRadps: action[1]! };
  const { command: applied, clamps } = clampBaseCommand(requested, previous, robot, ctrlDtSec);
  return { applied, command: { action, finite: true, ...applied, clamped: clamps.length > 0, stopped: false }, clamps };
}
