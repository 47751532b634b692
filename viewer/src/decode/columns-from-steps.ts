// Columns from parsed step objects: the reference the byte scanner is tested against, and the path
// for replays the fast reader refuses (cut or damaged files, decoded by the codec's own reader).

import type { EpisodeStep } from '../../../sim/record/episode-record.js';
import { ColumnsBuilder, statusCode } from './columns-builder.js';
import { ARM_OWNER, type EpisodeColumns } from './episode-columns.js';

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
    b.robotZ[i] = num(frame.robot?.positionM?.z);
    b.measured[i] = num(frame.robot?.linearMps);
    const command = frame.command;
    if (command) {
      const action = Array.isArray(command.action) ? command.action : [];
      b.commanded[i] = action.length > 0 ? num(action[0]) : Number.NaN;
      b.commandedTool[i] = action.length >= 3 ? Math.hypot(num(action[0]), num(action[1]), num(action[2])) : Number.NaN;
      b.applied[i] = num(command.linearMps);
    }
    for (const h of frame.humans ?? []) {
      const id = str(b, h.id);
      b.human(id, num(h.positionM?.x), num(h.positionM?.y), num(h.velocityMps?.x), num(h.velocityMps?.y), num(h.heightM));
      for (const p of h.parts ?? []) {
        b.capsule(id, str(b, p.region), num(p.startM?.x), num(p.startM?.y), num(p.startM?.z), num(p.endM?.x), num(p.endM?.y), num(p.endM?.z), num(p.radiusM));
      }
    }
    const arm = frame.arm;
    if (arm) {
      const q = arm.toolRotation;
      if (q) b.toolQuat.set([num(q.x), num(q.y), num(q.z), num(q.w)], 4 * i);
      const owner = b.string(ARM_OWNER);
      for (const l of arm.links ?? []) {
        b.capsule(owner, str(b, l.link), num(l.startM?.x), num(l.startM?.y), num(l.startM?.z), num(l.endM?.x), num(l.endM?.y), num(l.endM?.z), num(l.radiusM));
      }
    }
    for (const o of frame.objects ?? []) {
      b.object(
        str(b, o.id),
        num(o.positionM?.x),
        num(o.positionM?.y),
        num(o.positionM?.z),
        num(o.rotation?.x),
        num(o.rotation?.y),
        num(o.rotation?.z),
        num(o.rotation?.w),
      );
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
