// Columns from parsed step objects: the reference the byte scanner is tested against, and the path
// for replays the fast reader refuses (cut or damaged files, decoded by the codec's own reader).

import type { EpisodeStep } from '../../../sim/record/episode-record.js';
import { ColumnsBuilder, statusCode } from './columns-builder.js';
import type { EpisodeColumns } from './episode-columns.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const str = (b: ColumnsBuilder, v: unknown): number => (typeof v === 'string' ? b.string(v) : -1);

export function columnsFromSteps(steps: EpisodeStep[], monitorIds: string[]): EpisodeColumns {
  const b = new ColumnsBuilder(monitorIds, steps.length);
  for (const { frame, samples } of steps) {
    const i = b.beginStep();
    b.times[i] = num(frame.timeSec);
    b.robotX[i] = num(frame.robot?.positionM?.x);
    b.robotY[i] = num(frame.robot?.positionM?.y);
    b.robotYaw[i] = num(frame.robot?.yawRad);
    b.measured[i] = num(frame.robot?.linearMps);
    const command = frame.command;
    if (command) {
      b.commanded[i] = Array.isArray(command.action) && command.action.length > 0 ? num(command.action[0]) : Number.NaN;
      b.applied[i] = num(command.linearMps);
    }
    for (const h of frame.humans ?? []) {
      b.human(str(b, h.id), num(h.positionM?.x), num(h.positionM?.y), num(h.velocityMps?.x), num(h.velocityMps?.y), num(h.heightM));
    }
    for (const c of frame.contacts ?? []) {
      b.contact(str(b, c.humanId), str(b, c.region), num(c.forceN), num(c.pointM?.x), num(c.pointM?.y), num(c.pointM?.z));
    }
    if (frame.scan) {
      b.beginScan(i, num(frame.scan.angleMinRad), num(frame.scan.angleIncrementRad), num(frame.scan.rangeMaxM));
      for (const r of frame.scan.rangesM ?? []) b.scanRanges.push(num(r));
    }
    for (const s of samples ?? []) {
      if (typeof s.monitor !== 'string') continue;
      const bodies = Array.isArray(s.bodies) ? b.list(s.bodies) : -1;
      b.sample(i, b.monitorIndex(s.monitor), num(s.value), num(s.limit), num(s.margin), statusCode(s.status), str(b, s.units), bodies);
    }
    b.endStep();
  }
  return b.finish();
}
