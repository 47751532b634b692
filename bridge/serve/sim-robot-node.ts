import type { ResolvedScenario } from '../../scenarios/index.js';
import type { BaseCommand, Frame, World } from '../../sim/index.js';
import { TWIST_STAMPED, type MobileBaseProfile } from '../profile/topic-profile.js';
import { laserScanMessage, odometryMessage, peopleMessage } from './frame-messages.js';
import type { InboundPublish, RosbridgeServer } from './rosbridge-server.js';

export interface SimRobotOptions {
  /** Topic names and types to serve (the bundled nav-base profile by default). */
  profile: MobileBaseProfile;
  /** Like diff_drive_controller's cmd_vel_timeout: no command for this long brakes the base. */
  cmdVelTimeoutSec?: number;
  /** Monotonic seconds (wall clock by default) and epoch seconds for stamps. */
  clock?: () => number;
  epochClock?: () => number;
}

export interface ReceivedCommand {
  timeSec: number;
  linearMps: number;
  angularRadps: number;
}

/**
 * The simulator playing the robot: a World stepped in real time, its frames published as
 * LaserScan, Odometry and People, velocity commands from cmd_vel applied to it. It behaves
 * like ros2_controllers' diff_drive_controller: a NaN command is ignored, and silence for
 * cmdVelTimeoutSec brakes the base.
 */
export class SimRobotNode {
  /** Every velocity command received, in order (tests and the serve log read it). */
  readonly received: ReceivedCommand[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastCommandSec = Number.NEGATIVE_INFINITY;
  private command: BaseCommand = { linearMps: 0, angularRadps: 0 };
  private frame: Frame;
  private tick = 0;
  private readonly clock: () => number;
  private readonly epochClock: () => number;
  private readonly startSec: number;
  private readonly onPublish = (p: InboundPublish): void => this.onCommand(p);

  constructor(
    private readonly server: RosbridgeServer,
    private readonly world: World,
    private readonly scene: ResolvedScenario,
    private readonly options: SimRobotOptions,
    seed = 0,
  ) {
    this.clock = options.clock ?? (() => performance.now() / 1000);
    this.epochClock = options.epochClock ?? (() => (performance.timeOrigin + performance.now()) / 1000);
    this.startSec = this.clock();
    const { topics } = options.profile;
    server.advertise(topics.scan.name, topics.scan.type);
    server.advertise(topics.odom.name, topics.odom.type);
    if (topics.people) server.advertise(topics.people.name, topics.people.type);
    server.advertise(topics.cmdVel.name, topics.cmdVel.type);
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
    const ctrlDtSec = 1 / this.scene.controlHz;
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
    const { physicsHz, controlHz } = this.scene;
    const stepsPerControl = physicsHz / controlHz;
    const timeoutSec = this.options.cmdVelTimeoutSec ?? 0.5;
    if (this.now() - this.lastCommandSec > timeoutSec) this.command = { linearMps: 0, angularRadps: 0 };
    this.world.apply(this.command);
    for (let i = 0; i < stepsPerControl; i++) this.frame = this.world.step(1 / physicsHz, { sense: i === stepsPerControl - 1 });
    this.tick += 1;
    const stamp = this.epochClock();
    const { topics } = this.options.profile;
    this.server.publish(topics.odom.name, odometryMessage(this.frame, stamp, this.scene.robot.heightM / 2) as unknown as Record<string, unknown>);
    const scan = laserScanMessage(this.frame, stamp, 1 / controlHz);
    if (scan) this.server.publish(topics.scan.name, scan as unknown as Record<string, unknown>);
    if (topics.people) this.server.publish(topics.people.name, peopleMessage(this.frame, stamp) as unknown as Record<string, unknown>);
  }

  private onCommand(p: InboundPublish): void {
    const { cmdVel } = this.options.profile.topics;
    if (p.topic !== cmdVel.name) return;
    const twist = (cmdVel.type === TWIST_STAMPED ? (p.msg.twist as Record<string, unknown> | undefined) : p.msg) as
      | { linear?: { x?: unknown }; angular?: { z?: unknown } }
      | undefined;
    const v = twist?.linear?.x;
    const w = twist?.angular?.z;
    const at = this.now();
    // Recorded as received, even when unusable, so a test can see exactly what came over the wire.
    this.received.push({ timeSec: at, linearMps: typeof v === 'number' ? v : Number.NaN, angularRadps: typeof w === 'number' ? w : Number.NaN });
    if (typeof v !== 'number' || typeof w !== 'number' || !Number.isFinite(v) || !Number.isFinite(w)) return;
    this.command = { linearMps: v, angularRadps: w };
    this.lastCommandSec = at;
  }
}
