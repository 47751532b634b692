import type { ResolvedScenario } from '../../scenarios/index.js';
import type { BaseCommand, Frame, World, WorldCapabilities } from '../../sim/index.js';
import { baseCommandShaper } from '../envelope/command-shapers.js';
import { SafetyEnvelope, type EnvelopeOffer, type EnvelopeState } from '../envelope/safety-envelope.js';
import { RosLink } from '../link/ros-link.js';
import { checkLaserScan, checkOdometry, checkPeople, headerOf, type Checked } from '../messages/check-telemetry.js';
import { twistMessage } from '../messages/command-messages.js';
import { StampTracker } from '../messages/stamp-tracker.js';
import { telemetryTopics, type MobileBaseProfile } from '../profile/topic-profile.js';
import { frameFromTelemetry, type FrameContext, type Telemetry } from './telemetry-frame.js';

export type BridgeMode = 'shadow' | 'live';

export interface RosbridgeWorldOptions {
  profile: MobileBaseProfile;
  /** The site, resolved: the robot's limits come from it. */
  scene: ResolvedScenario;
  url: string;
  token?: string;
  mode: BridgeMode;
  /** Monotonic seconds; the wall clock by default. */
  clock?: () => number;
  /** Epoch seconds for stamps on outgoing stamped messages. */
  epochClock?: () => number;
  watchdogPeriodSec?: number;
  reconnectMinSec?: number;
}

export interface BridgeProblem {
  timeSec: number;
  kind: 'malformed' | 'stale' | 'link' | 'rosbridge';
  topic?: string;
  message: string;
}

const CHECKS: Record<string, (msg: unknown) => Checked<unknown>> = { odom: checkOdometry, scan: checkLaserScan, people: checkPeople };
/** A problem of the same kind on the same topic is recorded at most this often (the count is kept). */
const PROBLEM_REPORT_SEC = 1;

/**
 * The real robot behind the World seam, over rosbridge: frames from the profile's topics,
 * commands to its velocity topic through the safety envelope. Real time: step() does not
 * advance anything, it returns the latest telemetry; the caller paces the loop.
 * Capabilities: no reset, no snapshot, not deterministic.
 */
export class RosbridgeWorld implements World {
  readonly capabilities: WorldCapabilities = { reset: false, snapshot: false, deterministic: false, realtime: true };
  readonly envelope: SafetyEnvelope<BaseCommand>;
  readonly problemCounts: Record<BridgeProblem['kind'], number> = { malformed: 0, stale: 0, link: 0, rosbridge: 0 };
  /** Commands actually handed to the link (live mode), for the record. */
  published = 0;
  private readonly link: RosLink;
  private readonly clock: () => number;
  private readonly epochClock: () => number;
  private readonly telemetry: Telemetry = {};
  private readonly stamps = new Map<string, StampTracker>();
  private readonly problems: BridgeProblem[] = [];
  private readonly lastReported = new Map<string, number>();
  private readonly linkEvents: Array<{ up: boolean; timeSec: number; reason?: string }> = [];
  private readonly startSec: number;
  private watchdog: NodeJS.Timeout | undefined;
  private stepIndex = 0;
  private odomSeq = 0;
  private lastFrameOdomSeq = -1;
  private lastOffer: EnvelopeOffer<BaseCommand> | undefined;

  constructor(private readonly options: RosbridgeWorldOptions) {
    const { profile, scene } = options;
    this.clock = options.clock ?? (() => performance.now() / 1000);
    this.epochClock = options.epochClock ?? (() => (performance.timeOrigin + performance.now()) / 1000);
    this.startSec = this.clock();
    const subscriptions = telemetryTopics(profile);
    this.envelope = new SafetyEnvelope(
      {
        controlHz: profile.controlHz,
        telemetryDeadlineSec: profile.telemetryDeadlineSec,
        stopRepeatHz: profile.stopRepeatHz,
        requiredTelemetry: subscriptions.map((s) => s.key),
      },
      baseCommandShaper(scene.robot),
    );
    for (const s of subscriptions) this.stamps.set(s.key, new StampTracker(profile.telemetryDeadlineSec));
    this.link = new RosLink(
      {
        url: options.url,
        token: options.token,
        subscriptions,
        // Shadow mode publishes nothing at all: its allow-list is empty.
        publications: options.mode === 'live' ? [profile.topics.cmdVel] : [],
        clock: this.clock,
        reconnectMinSec: options.reconnectMinSec,
      },
      {
        message: (key, msg, arrivalSec) => this.onMessage(key, msg, arrivalSec),
        up: () => {
          this.envelope.linkUp();
          this.linkEvents.push({ up: true, timeSec: this.now() });
          this.runWatchdog();
        },
        down: (reason) => {
          this.envelope.linkDown();
          this.linkEvents.push({ up: false, timeSec: this.now(), reason });
          for (const key of Object.keys(this.telemetry)) delete this.telemetry[key as keyof Telemetry];
        },
        problem: (text) => this.report(text.startsWith('rosbridge') ? 'rosbridge' : 'link', undefined, text),
      },
    );
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
  apply(command: BaseCommand): void {
    // A mobile-base world: any other kind of command (an arm's) is not finite for it, so it becomes a stop.
    const base = 'kind' in command ? { linearMps: Number.NaN, angularRadps: Number.NaN } : command;
    const offer = this.envelope.offer(base, this.clock());
    this.lastOffer = offer;
    if (offer.kind !== 'discard') this.send(offer.command);
  }

  /** What the envelope did with the last applied command. */
  get lastDecision(): EnvelopeOffer<BaseCommand> | undefined {
    return this.lastOffer;
  }

  /** The latest telemetry as a frame; undefined until odometry has arrived. */
  latestFrame(): Frame | undefined {
    return frameFromTelemetry(this.telemetry, this.frameCtx(), this.stepIndex, this.now());
  }

  step(): Frame {
    this.stepIndex += 1;
    const frame = this.latestFrame();
    if (!frame) throw new Error('no odometry received yet');
    this.lastFrameOdomSeq = this.odomSeq;
    return frame;
  }

  /** Whether new odometry has arrived since the last step(). */
  get hasNewTelemetry(): boolean {
    return this.odomSeq !== this.lastFrameOdomSeq && this.telemetry.odom !== undefined;
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

  drainLinkEvents(): Array<{ up: boolean; timeSec: number; reason?: string }> {
    return this.linkEvents.splice(0);
  }

  close(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    // Leave the robot commanded to stand still.
    if (this.link.isUp) for (let i = 0; i < 3; i++) this.send({ linearMps: 0, angularRadps: 0 });
    this.link.close();
  }

  private frameCtx(): FrameContext {
    return { robot: this.options.scene.robot, odomZ: this.options.profile.odomZ, personHeightM: this.options.profile.personHeightM };
  }

  private runWatchdog(): void {
    const stop = this.envelope.watchdog(this.clock());
    if (stop) this.send(stop);
  }

  private send(command: BaseCommand): void {
    if (this.options.mode !== 'live') return;
    const { cmdVel } = this.options.profile.topics;
    const msg = twistMessage(cmdVel.type, command, cmdVel.frameId, this.epochClock());
    try {
      if (this.link.publish(cmdVel.name, cmdVel.type, msg)) this.published += 1;
    } catch (err) {
      this.report('link', cmdVel.name, (err as Error).message);
    }
  }

  private onMessage(key: string, msg: unknown, arrivalSec: number): void {
    const topic = telemetryTopics(this.options.profile).find((t) => t.key === key)?.name;
    const checked = CHECKS[key]?.(msg);
    if (!checked || !checked.ok) {
      this.report('malformed', topic, `${topic}: ${checked ? checked.problem : 'no check for this topic'}; message dropped`);
      return;
    }
    const verdict = this.stamps.get(key)!.check(headerOf(checked.msg).stamp, arrivalSec);
    if (!verdict.ok) {
      this.report('stale', topic, `${topic}: ${verdict.problem}; message dropped`);
      return;
    }
    (this.telemetry as Record<string, unknown>)[key] = checked.msg;
    if (key === 'odom') this.odomSeq += 1;
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
