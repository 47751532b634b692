import type { Frame } from '../../sim/index.js';
import type { WorldCommand } from '../../sim/world.js';
import type { CommandShaper } from '../envelope/safety-envelope.js';
import type { Checked } from '../messages/check-telemetry.js';
import type { RosTime } from '../messages/ros-types.js';
import type { TelemetryTopic } from '../profile/topic-profile.js';

/**
 * One robot family's side of the rosbridge world: which topics it reads, how a checked message
 * becomes part of a frame, and how a command becomes the robot's message. The world around it
 * (link, stamps, envelope, watchdog) is the same for every family.
 */
export interface BridgeRobot<C> {
  readonly subscriptions: TelemetryTopic[];
  /** The one topic commands may go to. */
  readonly commandTopic: { name: string; type: string };
  /** The telemetry key whose arrival makes a new frame (odometry, joint states). */
  readonly frameKey: string;
  readonly shaper: CommandShaper<C>;
  /** Shape and content of an incoming message; a refused one is never used. */
  check(key: string, msg: unknown): Checked<unknown>;
  /** The time a checked message was taken. */
  stampOf(key: string, msg: unknown): RosTime;
  /** Keeps a checked, fresh message as the latest of its topic. */
  accept(key: string, msg: unknown, stampSec: number): void;
  /** Forgets all telemetry (the link was lost). */
  clear(): void;
  /** The latest telemetry as a frame; undefined until the frame key's topic has arrived. */
  frame(step: number, timeSec: number): Frame | undefined;
  /** A simulator command as this robot's command; one for another kind of robot becomes a non-finite one (a stop). */
  fromWorldCommand(command: WorldCommand): C;
  /** The ROS message for a command the envelope let through. */
  message(command: C, epochSec: number): object;
}
