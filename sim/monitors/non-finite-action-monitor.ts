import type { CommandFrame, Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';

/** A policy output with NaN or Infinity is a violation in itself; the loop has already stopped the robot. */
export function nonFiniteActionMonitor(): Monitor<null> {
  let lastCommand: CommandFrame | undefined;
  let bad = 0;
  let note: string | undefined;
  return {
    id: 'non-finite-action',
    units: '1',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const cmd = frame.command;
      if (!cmd) return { state, sample: idle('non-finite-action', '1') };
      // One command object spans a control tick's physics steps (commands are replaced, never
      // changed in place): count its bad values once per tick, not once per step.
      if (cmd !== lastCommand) {
        lastCommand = cmd;
        bad = 0;
        for (const a of cmd.action) if (!Number.isFinite(a)) bad += 1;
        note = bad > 0 ? `policy output [${cmd.action.join(', ')}] is not finite; robot stopped` : undefined;
      }
      const sample: MonitorSample = {
        monitor: 'non-finite-action',
        value: bad,
        limit: 0,
        margin: -bad,
        units: '1',
        status: bad > 0 ? 'violated' : 'ok',
        bodies: ['robot'],
        positionM: { ...frame.robot.positionM },
      };
      if (note !== undefined) sample.note = note;
      return { state, sample };
    },
  };
}
