import type { Frame } from '../frame.js';
import type { Monitor } from '../monitor.js';
import { idle } from './separation-monitor.js';

/** A policy output with NaN or Infinity is a violation in itself; the loop has already stopped the robot. */
export function nonFiniteActionMonitor(): Monitor<null> {
  return {
    id: 'non-finite-action',
    units: '1',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const cmd = frame.command;
      if (!cmd) return { state, sample: idle('non-finite-action', '1') };
      const bad = cmd.action.filter((a) => !Number.isFinite(a)).length;
      return {
        state,
        sample: {
          monitor: 'non-finite-action',
          value: bad,
          limit: 0,
          margin: -bad,
          units: '1',
          status: bad > 0 ? 'violated' : 'ok',
          bodies: ['robot'],
          positionM: { ...frame.robot.positionM },
          ...(bad > 0 ? { note: `policy output [${cmd.action.join(', ')}] is not finite; robot stopped` } : {}),
        },
      };
    },
  };
}
