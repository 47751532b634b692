import type { Frame, World } from '../../sim/index.js';
import type { WorldCommand } from '../../sim/world.js';
import type { InboundPublish, RosbridgeServer } from './rosbridge-server.js';
import type { ServedRobot } from './served-robot.js';

export interface SimRobotOptions {
  /** The robot family's topics, messages and controller (servedBase or servedArm). */
  robot: ServedRobot;
  /** Physics and control rates of the scenario. */
  physicsHz: number;
  controlHz: number;
  /**
   * No command for this long puts the robot back to idle, like diff_drive_controller's
   * cmd_vel_timeout (0.5 s). Infinity holds the last command, as forward_command_controller does.
   */
  commandTimeoutSec: number;
  /** Monotonic seconds (wall clock by default) and epoch seconds for stamps. */
  clock?: () => number;
  epochClock?: () => number;
}

export type { ReceivedCommand } from './served-base.js';
export type { ReceivedJointCommand } from './served-arm.js';

/**
 * The simulator playing the robot: a World stepped in real time, its frames published as the
 * robot family's telemetry, commands from its command topic applied to it the way its ROS 2
 * controller would (an unusable message ignored, silence past the timeout is a stop).
 */
export class SimRobotNode {
  private timer: NodeJS.Timeout | undefined;
  private lastCommandSec = Number.NEGATIVE_INFINITY;
  private holdSec: number;
  private command: WorldCommand;
  private frame: Frame;
  private tick = 0;
  /** Every command message that reached the robot, counted (the logs keep only the newest). */
  commandsReceived = 0;
  private readonly robot: ServedRobot;
  private readonly clock: () => number;
  private readonly epochClock: () => number;
  private readonly startSec: number;
  private readonly onPublish = (p: InboundPublish): void => this.onCommand(p);

  constructor(
    private readonly server: RosbridgeServer,
    private readonly world: World,
    private readonly options: SimRobotOptions,
    seed = 0,
  ) {
    this.robot = options.robot;
    this.command = this.robot.idle;
    this.holdSec = options.commandTimeoutSec;
    this.clock = options.clock ?? (() => performance.now() / 1000);
    this.epochClock = options.epochClock ?? (() => (performance.timeOrigin + performance.now()) / 1000);
    this.startSec = this.clock();
    for (const t of this.robot.advertised) server.advertise(t.name, t.type, t.name === this.robot.commandTopic ? 'in' : 'out');
    server.on('publish', this.onPublish);
    this.frame = world.reset(seed);
  }

  /** Seconds since the node started. */
  now(): number {
    return this.clock() - this.startSec;
  }

  get latestFrame(): Frame {
    return this.frame;
  }

  start(): void {
    const ctrlDtSec = 1 / this.options.controlHz;
    const run = (): void => {
      // Catch up with the wall clock, but never by more than a few ticks (a stalled process skips).
      const due = Math.floor(this.now() / ctrlDtSec);
      if (due - this.tick > 5) this.tick = due - 5;
      while (this.tick < due) this.advance();
      this.timer = setTimeout(run, Math.max(1, ((this.tick + 1) * ctrlDtSec - this.now()) * 1000));
    };
    this.timer = setTimeout(run, ctrlDtSec * 1000);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.server.off('publish', this.onPublish);
  }

  private advance(): void {
    const { physicsHz, controlHz } = this.options;
    const stepsPerControl = physicsHz / controlHz;
    if (this.now() - this.lastCommandSec > this.holdSec) this.command = this.robot.idle;
    this.world.apply(this.command);
    for (let i = 0; i < stepsPerControl; i++) this.frame = this.world.step(1 / physicsHz, { sense: i === stepsPerControl - 1 });
    this.tick += 1;
    for (const { topic, msg } of this.robot.messages(this.frame, this.epochClock())) this.server.publish(topic, msg as Record<string, unknown>);
  }

  private onCommand(p: InboundPublish): void {
    if (p.topic !== this.robot.commandTopic) return;
    const at = this.now();
    const taken = this.robot.take(p.msg, at);
    this.commandsReceived += 1;
    if (!taken) return;
    this.command = taken.command;
    this.holdSec = taken.holdSec ?? this.options.commandTimeoutSec;
    this.lastCommandSec = at;
  }
}
