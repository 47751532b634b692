import type { Frame } from './frame.js';

/** What a backend can do. Code branches on these, never on which backend it has. */
export interface WorldCapabilities {
  reset: boolean;
  snapshot: boolean;
  deterministic: boolean;
  realtime: boolean;
}

/** Body-velocity command of a mobile base, already clamped to the robot's limits. */
export interface BaseCommand {
  /** Left out by most writers: a command without a kind is a base's. */
  kind?: 'base';
  linearMps: number;
  angularRadps: number;
}

/** Joint-velocity command of an arm, already clamped to its joint limits and speeds. */
export interface ArmCommand {
  kind: 'arm';
  jointVelocitiesRadps: number[];
  /** 0 = close, 1 = open. */
  gripper: number;
}

/** What a world can be told to do: a mobile base's body velocity or an arm's joint velocities. */
export type WorldCommand = BaseCommand | ArmCommand;

export function isArmCommand(command: WorldCommand): command is ArmCommand {
  return command.kind === 'arm';
}

export interface StepOptions {
  /** Run the range sensor this step (control ticks only: ray casts are the costly part). */
  sense: boolean;
}

export interface World {
  readonly capabilities: WorldCapabilities;
  /** Rebuilds the world for this seed and returns the first frame. */
  reset(seed: number): Frame;
  /** Holds this command until the next call. */
  apply(command: WorldCommand): void;
  step(dtSec: number, options?: StepOptions): Frame;
  /** sha256 of the engine's own snapshot; only when capabilities.snapshot. */
  snapshotHash?(): string;
  close(): void;
}
