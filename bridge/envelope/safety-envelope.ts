// The safety envelope between a policy and a real robot. It is pure (time is passed in) so
// every rule is testable without a network: commands are clamped, rate-limited, discarded
// while the link is down, replaced by stops when telemetry is stale or after a protective stop.

/** How one kind of command is made safe: the stop, the clamp, the finiteness check. */
export interface CommandShaper<C> {
  readonly zero: C;
  isFinite(command: C): boolean;
  /** Clamps to the robot's limits, given the previous command actually sent. */
  shape(requested: C, previous: C, ctrlDtSec: number): { command: C; clamps: string[] };
}

export interface EnvelopeConfig {
  controlHz: number;
  /** Telemetry older than this stops the robot, for a topic without a deadline of its own. */
  telemetryDeadlineSec: number;
  /** Rate at which a stop is re-sent while the robot must stay stopped. */
  stopRepeatHz: number;
  /** Telemetry topics (keys) that must all be fresh for the robot to move. */
  requiredTelemetry: readonly string[];
  /** Topics not needed to start; once one has arrived (since the link came up) it must stay fresh too. */
  optionalTelemetry?: readonly string[];
  /** A topic's own deadline (it may follow the topic's rate); telemetryDeadlineSec when absent. */
  deadlineSec?: (topic: string) => number;
}

export type EnvelopeState = 'ready' | 'link-down' | 'waiting-for-telemetry' | 'telemetry-stale' | 'protective-stop';

export type EnvelopeOffer<C> =
  | { kind: 'send'; command: C; clamps: string[] }
  /** The command was replaced by a stop, which is sent. */
  | { kind: 'stop'; command: C; reason: string }
  /** Nothing is sent for this command; `why` says which rule held it back, `reason` says it in words. */
  | { kind: 'discard'; why: DiscardCause; reason: string };

/** Why a command was not sent: the link is down, the robot is held stopped, or it came too soon after the last. */
export type DiscardCause = 'link-down' | 'held-stopped' | 'rate-limited';

/** Commands closer together than this share of the control period are rate-limited (jitter allowance). */
const RATE_TOLERANCE = 0.8;

export class SafetyEnvelope<C> {
  private link = false;
  private readonly lastTelemetrySec = new Map<string, number>();
  private latchedReason: string | undefined;
  private lastSent: C;
  private lastCommandSec = Number.NEGATIVE_INFINITY;
  private lastStopSec = Number.NEGATIVE_INFINITY;
  private wasHolding = false;
  /** Counters a record and a test can read. */
  readonly counts = { sent: 0, stops: 0, clamped: 0, rateLimited: 0, discardedWhileDown: 0, heldStopped: 0, nonFinite: 0 };

  constructor(
    private readonly config: EnvelopeConfig,
    private readonly shaper: CommandShaper<C>,
  ) {
    this.lastSent = shaper.zero;
  }

  linkUp(): void {
    this.link = true;
  }

  /** The link is gone: the robot's own command timeout must stop it; nothing is queued for later. */
  linkDown(): void {
    this.link = false;
    // Fresh telemetry must arrive over the new link before anything moves again.
    this.lastTelemetrySec.clear();
    this.lastSent = this.shaper.zero;
  }

  get linkIsUp(): boolean {
    return this.link;
  }

  telemetry(topic: string, nowSec: number): void {
    this.lastTelemetrySec.set(topic, nowSec);
  }

  /** Latches a stop: nothing moves again until reset(). */
  protectiveStop(reason: string): void {
    this.latchedReason ??= reason;
  }

  get protectiveStopReason(): string | undefined {
    return this.latchedReason;
  }

  /** The explicit reset after a protective stop. */
  reset(): void {
    this.latchedReason = undefined;
  }

  /** Age of the stalest required telemetry topic (Infinity when one has not arrived). */
  telemetryAgeSec(nowSec: number): number {
    let oldest = 0;
    for (const topic of this.config.requiredTelemetry) {
      const at = this.lastTelemetrySec.get(topic);
      oldest = Math.max(oldest, at === undefined ? Number.POSITIVE_INFINITY : nowSec - at);
    }
    return oldest;
  }

  /** The deadline a topic is held to. */
  deadlineSec(topic: string): number {
    return this.config.deadlineSec?.(topic) ?? this.config.telemetryDeadlineSec;
  }

  /** Topics past their deadline: every required one, and every optional one that has arrived. */
  staleTopics(nowSec: number): Array<{ topic: string; ageSec: number; deadlineSec: number }> {
    const out: Array<{ topic: string; ageSec: number; deadlineSec: number }> = [];
    for (const topic of [...this.config.requiredTelemetry, ...(this.config.optionalTelemetry ?? [])]) {
      const at = this.lastTelemetrySec.get(topic);
      if (at === undefined) continue;
      const deadlineSec = this.deadlineSec(topic);
      if (nowSec - at > deadlineSec) out.push({ topic, ageSec: nowSec - at, deadlineSec });
    }
    return out;
  }

  state(nowSec: number): EnvelopeState {
    if (!this.link) return 'link-down';
    if (this.latchedReason) return 'protective-stop';
    if (this.telemetryAgeSec(nowSec) === Number.POSITIVE_INFINITY) return 'waiting-for-telemetry';
    if (this.staleTopics(nowSec).length > 0) return 'telemetry-stale';
    return 'ready';
  }

  /** A policy command: what, if anything, goes to the robot. */
  offer(requested: C, nowSec: number): EnvelopeOffer<C> {
    const state = this.state(nowSec);
    if (state === 'link-down') {
      this.counts.discardedWhileDown += 1;
      return { kind: 'discard', why: 'link-down', reason: 'link down: a command made while disconnected is never sent' };
    }
    if (state !== 'ready') {
      this.counts.heldStopped += 1;
      return { kind: 'discard', why: 'held-stopped', reason: `robot held stopped (${state}${this.latchedReason ? `: ${this.latchedReason}` : ''})` };
    }
    const ctrlDtSec = 1 / this.config.controlHz;
    if (nowSec - this.lastCommandSec < ctrlDtSec * RATE_TOLERANCE) {
      this.counts.rateLimited += 1;
      return {
        kind: 'discard',
        why: 'rate-limited',
        reason: `rate-limited: ${((nowSec - this.lastCommandSec) * 1000).toFixed(1)} ms after the last command (control period ${(ctrlDtSec * 1000).toFixed(0)} ms)`,
      };
    }
    this.lastCommandSec = nowSec;
    if (!this.shaper.isFinite(requested)) {
      this.counts.nonFinite += 1;
      this.counts.stops += 1;
      this.lastSent = this.shaper.zero;
      return { kind: 'stop', command: this.shaper.zero, reason: 'non-finite command replaced by a stop' };
    }
    const { command, clamps } = this.shaper.shape(requested, this.lastSent, ctrlDtSec);
    if (!this.shaper.isFinite(command)) {
      // Cannot happen with a sane shaper; a safety check never degrades silently.
      this.counts.nonFinite += 1;
      this.lastSent = this.shaper.zero;
      return { kind: 'stop', command: this.shaper.zero, reason: 'clamp produced a non-finite command' };
    }
    if (clamps.length > 0) this.counts.clamped += 1;
    this.counts.sent += 1;
    this.lastSent = command;
    return { kind: 'send', command, clamps };
  }

  /**
   * Called often by a timer of its own, so a stop goes out even when the policy hangs.
   * Returns the stop to send now while the robot must be held stopped (link up, telemetry
   * stale or missing, or a protective stop), repeated at stopRepeatHz; undefined otherwise.
   */
  watchdog(nowSec: number): C | undefined {
    const state = this.state(nowSec);
    const holding = state === 'telemetry-stale' || state === 'waiting-for-telemetry' || state === 'protective-stop';
    if (!holding) {
      this.wasHolding = false;
      return undefined;
    }
    // The first stop of a stretch goes out at once, then at the repeat rate.
    if (this.wasHolding && nowSec - this.lastStopSec < 1 / this.config.stopRepeatHz) return undefined;
    this.wasHolding = true;
    this.lastStopSec = nowSec;
    this.lastSent = this.shaper.zero;
    this.counts.stops += 1;
    return this.shaper.zero;
  }
}
