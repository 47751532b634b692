import type { AnyResolvedScenario } from '../../scenarios/index.js';
import { armModelFor } from '../../sim/arm/arm-model-for.js';
import type { BaseCommand, Frame, World, WorldCapabilities } from '../../sim/index.js';
import type { WorldCommand } from '../../sim/world.js';
import { SafetyEnvelope, type EnvelopeOffer, type EnvelopeState } from '../envelope/safety-envelope.js';
import { RosLink } from '../link/ros-link.js';
import type { RosVersion } from '../messages/ros-dialect.js';
import { rosTimeSec } from '../messages/ros-types.js';
import { StampTracker } from '../messages/stamp-tracker.js';
import { familyMismatch, type TopicProfile } from '../profile/topic-profile.js';
import { diagnoseTopic, TopicHealth } from './topic-health.js';
import { armRobot } from './arm-robot.js';
import { baseRobot } from './base-robot.js';
import type { BridgeRobot } from './bridge-robot.js';

export type BridgeMode = 'shadow' | 'live';

/** What goes to a robot: a base's body velocity, or an arm's joint velocities in the profile's joint order. */
export type RobotCommand = BaseCommand | number[];

export interface RosbridgeWorldOptions {
  profile: TopicProfile;
  /** The site, resolved for the profile's robot family: limits, mount and URDF come from it. */
  scene: AnyResolvedScenario;
  url: string;
  token?: string;
  mode: BridgeMode;
  /** Monotonic seconds; the wall clock by default. */
  clock?: () => number;
  /** Epoch seconds for stamps on outgoing stamped messages. */
  epochClock?: () => number;
  watchdogPeriodSec?: number;
  reconnectMinSec?: number;
  /** The first connection attempt's handshake limit (each retry doubles it). */
  handshakeTimeoutSec?: number;
}

export interface BridgeProblem {
  timeSec: number;
  kind: 'malformed' | 'stale' | 'link' | 'rosbridge';
  topic?: string;
  message: string;
}

/** A problem of the same kind on the same topic is recorded at most this often (the count is kept). */
const PROBLEM_REPORT_SEC = 1;

/** The family side for a profile; a site of the other family is refused by name. */
function robotFor(profile: TopicProfile, scene: AnyResolvedScenario): BridgeRobot<RobotCommand> {
  if (profile.family === 'arm' && scene.family === 'arm') return armRobot(profile, scene, armModelFor(scene)) as BridgeRobot<RobotCommand>;
  if (profile.family === 'mobile-base' && scene.family === 'mobile-base') return baseRobot(profile, scene) as BridgeRobot<RobotCommand>;
  throw new Error(familyMismatch(profile, scene.id, scene.family === 'arm'));
}

/**
 * The real robot behind the World seam, over rosbridge: frames from the profile's topics,
 * commands to its command topic through the safety envelope. Real time: step() does not
 * advance anything, it returns the latest telemetry; the caller paces the loop.
 * Capabilities: no reset, no snapshot, not deterministic. The robot family's own part
 * (topics, checks, frames, messages) is a BridgeRobot; everything here is shared.
 */
export class RosbridgeWorld implements World {
  readonly capabilities: WorldCapabilities = { reset: false, snapshot: false, deterministic: false, realtime: true };
  readonly envelope: SafetyEnvelope<RobotCommand>;
  readonly problemCounts: Record<BridgeProblem['kind'], number> = { malformed: 0, stale: 0, link: 0, rosbridge: 0 };
  /** Commands actually handed to the link (live mode), for the record. */
  published = 0;
  private readonly robot: BridgeRobot<RobotCommand>;
  private readonly link: RosLink;
  private readonly clock: () => number;
  private readonly epochClock: () => number;
  private readonly stamps = new Map<string, StampTracker>();
  /** Per telemetry key: what arrived, what was refused and why, its rate and deadline. */
  readonly health = new Map<string, TopicHealth>();
  private downSinceSec: number | undefined;
  private everUp = false;
  private lastLinkProblem: string | undefined;
  private readonly problems: BridgeProblem[] = [];
  private readonly lastReported = new Map<string, number>();
  private readonly linkEvents: Array<{ up: boolean; timeSec: number; reason?: string; ros?: RosVersion }> = [];
  private readonly startSec: number;
  private watchdog: NodeJS.Timeout | undefined;
  private stepIndex = 0;
  private frameSeq = 0;
  private lastFrameSeq = -1;
  private hasFrameData = false;
  private lastOffer: EnvelopeOffer<RobotCommand> | undefined;

  constructor(private readonly options: RosbridgeWorldOptions) {
    const { profile } = options;
    this.robot = robotFor(profile, options.scene);
    this.clock = options.clock ?? (() => performance.now() / 1000);
    this.epochClock = options.epochClock ?? (() => (performance.timeOrigin + performance.now()) / 1000);
    this.startSec = this.clock();
    const subscriptions = this.robot.subscriptions;
    for (const s of subscriptions) {
      const health = new TopicHealth(s, profile.telemetryDeadlineSec);
      this.health.set(s.key, health);
      this.stamps.set(s.key, new StampTracker(() => health.deadlineSec));
    }
    this.envelope = new SafetyEnvelope(
      {
        controlHz: profile.controlHz,
        telemetryDeadlineSec: profile.telemetryDeadlineSec,
        stopRepeatHz: profile.stopRepeatHz,
        requiredTelemetry: subscriptions.filter((s) => s.required).map((s) => s.key),
        optionalTelemetry: subscriptions.filter((s) => !s.required).map((s) => s.key),
        deadlineSec: (key) => this.health.get(key)?.deadlineSec ?? profile.telemetryDeadlineSec,
      },
      this.robot.shaper,
    );
    this.link = new RosLink(
      {
        url: options.url,
        token: options.token,
        subscriptions,
        // Shadow mode publishes nothing at all: its allow-list is empty.
        publications: options.mode === 'live' ? [this.robot.commandTopic] : [],
        clock: this.clock,
        ros: profile.ros,
        reconnectMinSec: options.reconnectMinSec,
        handshakeTimeoutSec: options.handshakeTimeoutSec,
      },
      {
        message: (key, msg, arrivalSec) => this.onMessage(key, msg, arrivalSec),
        up: (ros) => {
          this.envelope.linkUp();
          this.everUp = true;
          this.downSinceSec = undefined;
          this.linkEvents.push({ up: true, timeSec: this.now(), ros });
          this.runWatchdog();
        },
        down: (reason) => {
          this.envelope.linkDown();
          this.downSinceSec = this.now();
          this.linkEvents.push({ up: false, timeSec: this.now(), reason });
          this.robot.clear();
          for (const h of this.health.values()) h.linkLost();
          this.hasFrameData = false;
        },
        problem: (text) => {
          if (text.startsWith('link')) this.lastLinkProblem = text;
          this.report(text.startsWith('rosbridge') ? 'rosbridge' : 'link', undefined, text);
        },
      },
    );
  }

  /** The robot's ROS, as the profile sets it or as detected on connecting; undefined before the first connection. */
  get rosVersion(): RosVersion | undefined {
    return this.link.rosVersion;
  }

  /** Seconds the link has been down without a break (0 while up; since start when it never came up). */
  linkDownForSec(): number {
    if (this.link.isUp) return 0;
    return this.now() - (this.downSinceSec ?? 0);
  }

  /** Offers a std_srvs/Trigger service through rosbridge (live mode only: shadow offers nothing on the robot's ROS graph). */
  offerReleaseService(name: string, handler: () => { success: boolean; message: string }): void {
    if (this.options.mode === 'live') this.link.offerTrigger(name, handler);
  }

  /** Stale topics by name, with their age and deadline, for the terminal and the record. */
  staleTopics(): Array<{ name: string; ageSec: number; deadlineSec: number }> {
    return this.envelope
      .staleTopics(this.clock())
      .map((s) => ({ name: this.health.get(s.topic)?.topic.name ?? s.topic, ageSec: s.ageSec, deadlineSec: s.deadlineSec }));
  }

  /**
   * Why telemetry is missing, one line per topic with the fix: never seen (and what the server
   * says it has under that name), or received and refused (each reason, how often, an example).
   */
  async diagnose(): Promise<string[]> {
    if (!this.everUp)
      return [
        `never connected to the robot's rosbridge${this.lastLinkProblem ? ` (${this.lastLinkProblem})` : ''}: is rosbridge_server running at that address?`,
      ];
    const serverTypes = await this.link.topicTypes(1);
    return [...this.health.values()].map((h) => diagnoseTopic(h, serverTypes, this.rosVersion));
  }

  /** Seconds since this world was made. */
  now(): number {
    return this.clock() - this.startSec;
  }

  /** Connects and keeps reconnecting until close(); the watchdog runs from here on. */
  start(): void {
    this.link.start();
    const periodSec = this.options.watchdogPeriodSec ?? 0.01;
    this.watchdog = setInterval(() => this.runWatchdog(), periodSec * 1000);
  }

  reset(): Frame {
    throw new Error('a real robot cannot be reset by software (capabilities.reset is false)');
  }

  /** Offers a command to the envelope; in live mode what it lets through is published. */
  apply(command: WorldCommand): void {
    const offer = this.envelope.offer(this.robot.fromWorldCommand(command), this.clock());
    this.lastOffer = offer;
    if (offer.kind !== 'discard') this.send(offer.command);
  }

  /** What the envelope did with the last applied command. */
  get lastDecision(): EnvelopeOffer<RobotCommand> | undefined {
    return this.lastOffer;
  }

  /** The latest telemetry as a frame; undefined until the robot's state (odometry, joint states) has arrived. */
  latestFrame(): Frame | undefined {
    return this.robot.frame(this.stepIndex, this.now());
  }

  step(): Frame {
    this.stepIndex += 1;
    const frame = this.latestFrame();
    if (!frame) throw new Error(`no ${this.robot.frameKey} telemetry received yet`);
    this.lastFrameSeq = this.frameSeq;
    return frame;
  }

  /** Whether the robot's state has been updated since the last step(). */
  get hasNewTelemetry(): boolean {
    return this.frameSeq !== this.lastFrameSeq && this.hasFrameData;
  }

  state(): EnvelopeState {
    return this.envelope.state(this.clock());
  }

  /** Latches a protective stop: zero velocity now and until resetProtectiveStop(). */
  protectiveStop(reason: string): void {
    this.envelope.protectiveStop(reason);
    this.runWatchdog();
  }

  resetProtectiveStop(): void {
    this.envelope.reset();
  }

  /** Problems since the last call, at most one per kind and topic per second. */
  drainProblems(): BridgeProblem[] {
    return this.problems.splice(0);
  }

  drainLinkEvents(): Array<{ up: boolean; timeSec: number; reason?: string; ros?: RosVersion }> {
    return this.linkEvents.splice(0);
  }

  close(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    // Leave the robot commanded to stand still.
    if (this.link.isUp) for (let i = 0; i < 3; i++) this.send(this.robot.shaper.zero);
    this.link.close();
  }

  private runWatchdog(): void {
    const stop = this.envelope.watchdog(this.clock());
    if (stop) this.send(stop);
  }

  private send(command: RobotCommand): void {
    if (this.options.mode !== 'live') return;
    const topic = this.robot.commandTopic;
    try {
      if (this.link.publish(topic.name, topic.type, this.robot.message(command, this.epochClock()))) this.published += 1;
    } catch (err) {
      this.report('link', topic.name, (err as Error).message);
    }
  }

  private onMessage(key: string, msg: unknown, arrivalSec: number): void {
    const health = this.health.get(key);
    if (!health) return;
    const topic = health.topic.name;
    health.seen();
    const checked = this.robot.check(key, msg);
    if (!checked.ok) {
      health.dropped(checked.reason, checked.problem);
      this.report('malformed', topic, `${topic}: ${checked.problem}; message dropped`);
      return;
    }
    const stamp = this.robot.stampOf(key, checked.msg);
    const verdict = this.stamps.get(key)!.check(stamp, arrivalSec);
    if (!verdict.ok) {
      health.dropped(verdict.reason, verdict.problem);
      this.report('stale', topic, `${topic}: ${verdict.problem}; message dropped`);
      return;
    }
    health.accepted(rosTimeSec(stamp));
    this.robot.accept(key, checked.msg, rosTimeSec(stamp));
    if (key === this.robot.frameKey) {
      this.frameSeq += 1;
      this.hasFrameData = true;
    }
    this.envelope.telemetry(key, arrivalSec);
  }

  private report(kind: BridgeProblem['kind'], topic: string | undefined, message: string): void {
    this.problemCounts[kind] += 1;
    const key = `${kind}:${topic ?? ''}`;
    const now = this.now();
    const last = this.lastReported.get(key);
    if (last !== undefined && now - last < PROBLEM_REPORT_SEC) return;
    this.lastReported.set(key, now);
    this.problems.push({ timeSec: now, kind, ...(topic ? { topic } : {}), message });
  }
}
