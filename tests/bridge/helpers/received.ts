import type { ReceivedCommand } from '../../../bridge/index.js';

export const isZero = (c: ReceivedCommand): boolean => c.linearMps === 0 && c.angularRadps === 0;

/** Seconds from `fromSec` to the first zero-velocity command the robot received after it. */
export function secondsToFirstZero(received: readonly ReceivedCommand[], fromSec: number): number {
  const first = received.find((c) => c.timeSec >= fromSec && isZero(c));
  return first ? first.timeSec - fromSec : Number.POSITIVE_INFINITY;
}
