import type { Frame } from '../../sim/index.js';
import type { WorldCommand } from '../../sim/world.js';

/** A command the simulated controller accepted, and how long it holds without a newer one. */
export interface TakenCommand {
  command: WorldCommand;
  /** Overrides the command timeout (a trajectory holds for its own duration). */
  holdSec?: number;
}

/**
 * One robot family as the simulator serves it: the topics a real robot of that family publishes
 * for a frame, and how its controller reads a command message.
 */
export interface ServedRobot {
  /** Every topic to advertise, the command topic included. */
  readonly advertised: Array<{ name: string; type: string }>;
  readonly commandTopic: string;
  /** Standing still: what the robot does with no fresh command. */
  readonly idle: WorldCommand;
  /** A command message as the controller reads it; undefined when the controller would ignore it (NaN, wrong size). */
  take(msg: Record<string, unknown>, timeSec: number): TakenCommand | undefined;
  messages(frame: Frame, stampSec: number): Array<{ topic: string; msg: object }>;
}
