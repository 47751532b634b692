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

/** The received-command log keeps at most this many entries (the newest), so a long rehearsal holds bounded memory. */
export const RECEIVED_LOG_LIMIT = 10_000;

/** Appends to a received-command log, dropping the oldest half when it is full. */
export function logReceived<T>(log: T[], entry: T): void {
  if (log.length >= RECEIVED_LOG_LIMIT) log.splice(0, RECEIVED_LOG_LIMIT / 2);
  log.push(entry);
}
