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
  linearMps: number;
  angularRadps: number;
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
  apply(command: BaseCommand): void;
  step(dtSec: number, options?: StepOptions): Frame;
  /** sha256 of the engine's own snapshot; only when capabilities.snapshot. */
  snapshotHash?(): string;
  close(): void;
}
