import type { DropReason } from '../messages/check-telemetry.js';
import { rosTypeName, typeNameForm, type RosVersion } from '../messages/ros-dialect.js';
import type { TelemetryTopic } from '../profile/topic-profile.js';

// Per telemetry topic: what arrived, what was refused and why, the topic's rate, and its
// staleness deadline. The deadline follows the rate so a slow sensor does not keep tripping a
// fixed one, and is capped so a stop still lands soon after the last fresh data:
//
//   deadline = min(max(floor, 2.5 · T), 0.4 s + T)      T: the topic's period
//
// The watchdog checks every 10 ms, so the first stop goes out at most deadline + 0.01 s after
// the last fresh message: never later than 0.41 s + T, within 0.5 s + one period. T is the
// profile's rateHz when declared, otherwise the median of the last stamp intervals; until two
// intervals are known the deadline is 0.4 s.

/** The staleness deadline for a topic of period `periodSec`, never below `floorSec`. */
export function deadlineForPeriod(periodSec: number, floorSec: number): number {
  return Math.min(Math.max(floorSec, 2.5 * periodSec), 0.4 + periodSec);
}

const UNKNOWN_RATE_DEADLINE_SEC = 0.4;
const INTERVALS_KEPT = 16;

export interface TopicStats {
  seen: number;
  accepted: number;
  drops: Map<DropReason, { count: number; example: string }>;
}

export class TopicHealth {
  readonly stats: TopicStats = { seen: 0, accepted: 0, drops: new Map() };
  private readonly intervalsSec: number[] = [];
  private lastStampSec: number | undefined;

  constructor(
    readonly topic: TelemetryTopic,
    private readonly floorSec: number,
  ) {}

  /** The period in use: declared, measured, or undefined while unknown. */
  get periodSec(): number | undefined {
    if (this.topic.rateHz !== undefined) return 1 / this.topic.rateHz;
    if (this.intervalsSec.length < 2) return undefined;
    const sorted = [...this.intervalsSec].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  get deadlineSec(): number {
    const period = this.periodSec;
    return period === undefined ? Math.max(this.floorSec, UNKNOWN_RATE_DEADLINE_SEC) : deadlineForPeriod(period, this.floorSec);
  }

  seen(): void {
    this.stats.seen += 1;
  }

  dropped(reason: DropReason, problem: string): void {
    const d = this.stats.drops.get(reason);
    if (d) d.count += 1;
    else this.stats.drops.set(reason, { count: 1, example: problem });
  }

  accepted(stampSec: number): void {
    this.stats.accepted += 1;
    if (this.lastStampSec !== undefined && stampSec > this.lastStampSec) {
      this.intervalsSec.push(stampSec - this.lastStampSec);
      if (this.intervalsSec.length > INTERVALS_KEPT) this.intervalsSec.shift();
    }
    this.lastStampSec = stampSec;
  }

  /** After a link loss a gap is not a period. */
  linkLost(): void {
    this.lastStampSec = undefined;
  }
}

const FIX: Record<DropReason, (t: TelemetryTopic, ros: RosVersion | undefined) => string> = {
  'stamp-form': () => 'the robot runs ROS 1: set "ros: 1" in the profile (or leave "ros" out to detect it)',
  frame: (t) => `publish it in frame "${t.frameId}", or set topics.${t.key}.frameId in the profile to the frame your robot uses`,
  'non-finite': () => 'the driver publishes NaN or infinite values (rosbridge sends them as null): fix or filter them at the driver',
  shape: (t, ros) => `the message does not have the shape of ${rosTypeName(t.type, ros ?? 2)}: check topics.${t.key}.type in the profile`,
  stale: () => 'messages arrive older than the deadline: check the link latency and that the robot stamps them when taken',
  order: () => 'stamps do not move forward: the driver re-publishes old messages or its clock jumps back',
};

/**
 * Why a topic gives no usable telemetry, with the fix: never seen (and what the server says it
 * has under that name), or seen and refused (each reason, how often, an example).
 * `serverTypes`: the server's topics and types from rosapi, when it answered.
 */
export function diagnoseTopic(h: TopicHealth, serverTypes: Map<string, string> | undefined, ros: RosVersion | undefined): string {
  const t = h.topic;
  const what = `${t.name} (${rosTypeName(t.type, ros ?? 2)}${t.required ? '' : ', optional'})`;
  if (h.stats.seen === 0) {
    if (!serverTypes) return `${what}: never seen; rosapi did not answer, so the server's topics are unknown: is the driver publishing it?`;
    const theirs = serverTypes.get(t.name);
    if (theirs === undefined) return `${what}: never seen; the server has no such topic: is the driver running, and is the name right (topics.${t.key}.name)?`;
    const form = typeNameForm(theirs);
    if (form !== undefined && ros !== undefined && form !== ros) {
      return `${what}: never seen; the server has it as ${theirs} (ROS ${form} type names) and silently refused ours: set "ros: ${form}" in the profile`;
    }
    if (rosTypeName(theirs, 2) !== t.type) return `${what}: never seen; the server has it as ${theirs}: fix topics.${t.key}.type in the profile`;
    return `${what}: never seen; the server lists it as ${theirs}, but nothing was published on it`;
  }
  if (h.stats.accepted === 0 || h.stats.drops.size > 0) {
    const reasons = [...h.stats.drops].map(([reason, d]) => `${d.count} ${reason} (e.g. ${d.example}): ${FIX[reason](t, ros)}`);
    const head = `${what}: ${h.stats.seen} received, ${h.stats.accepted} usable`;
    return reasons.length > 0 ? `${head}; refused: ${reasons.join('; ')}` : head;
  }
  return `${what}: ${h.stats.accepted} usable`;
}
