import { rosTimeSec, type RosTime } from './ros-types.js';

export type StampVerdict = { ok: true; ageSec: number } | { ok: false; problem: string; reason: 'stale' | 'order' };

/**
 * Refuses stale and out-of-order messages on one topic. The robot's clock and ours need not
 * agree: the smallest (arrival − stamp) seen so far is taken as the link's own offset, and a
 * message whose delay exceeds that by more than the deadline is stale. A message stamped no
 * later than the last one accepted is a replay or a reordering and is refused too.
 */
export class StampTracker {
  private lastStampSec = Number.NEGATIVE_INFINITY;
  private minOffsetSec = Number.POSITIVE_INFINITY;

  /** The deadline as a number, or read afresh on every check (it may follow the topic's measured rate). */
  constructor(private readonly deadlineSec: number | (() => number)) {}

  check(stamp: RosTime, arrivalSec: number): StampVerdict {
    const stampSec = rosTimeSec(stamp);
    if (stampSec <= this.lastStampSec) {
      return { ok: false, reason: 'order', problem: `stamp ${stampSec.toFixed(3)} s is not newer than the last accepted (${this.lastStampSec.toFixed(3)} s)` };
    }
    const offsetSec = arrivalSec - stampSec;
    const ageSec = Number.isFinite(this.minOffsetSec) ? offsetSec - this.minOffsetSec : 0;
    const deadlineSec = typeof this.deadlineSec === 'number' ? this.deadlineSec : this.deadlineSec();
    if (ageSec > deadlineSec) {
      return { ok: false, reason: 'stale', problem: `stale: ${ageSec.toFixed(3)} s old on arrival (deadline ${Number(deadlineSec.toFixed(3))} s)` };
    }
    this.minOffsetSec = Math.min(this.minOffsetSec, offsetSec);
    this.lastStampSec = stampSec;
    return { ok: true, ageSec: Math.max(0, ageSec) };
  }
}
