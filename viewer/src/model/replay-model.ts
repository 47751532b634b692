// Everything the viewer derives from a decoded replay once, at load: a time index, per-monitor
// series and the violation markers. All per-step data stays in the decoder's typed-array columns,
// so a 60 s episode at 240 Hz costs a few MB and every lookup while playing is a binary search and
// a few array reads, not a scan and no allocation.

import type { EpisodeEvent, EpisodeFooter, EpisodeHeader } from '../../../sim/record/episode-record.js';
import { readRecordScene, type RecordScene } from '../../../sim/record/record-scene.js';
import { STATUS, type EpisodeColumns } from '../decode/episode-columns.js';
import type { DecodedReplay } from '../decode/decode-replay.js';

export interface MonitorSeries {
  id: string;
  units: string;
  /** Signed margin per step; NaN while the monitor is idle. Negative = violated. */
  margin: Float32Array;
  value: Float32Array;
  limit: Float32Array;
}

export interface ViolationMarker {
  timeSec: number;
  step: number;
  monitor: string;
  event: EpisodeEvent;
}

/** A record without its steps: those live in `columns`. */
export interface LoadedRecord {
  header: EpisodeHeader;
  events: EpisodeEvent[];
  footer?: EpisodeFooter;
}

export interface ReplayModel {
  source: string;
  record: LoadedRecord;
  columns: EpisodeColumns;
  problem?: string;
  scene: RecordScene;
  times: Float64Array;
  durationSec: number;
  monitors: MonitorSeries[];
  /** Policy output, what the actuators let through, and what the robot did, per step (m/s). */
  speed: { commanded: Float32Array; applied: Float32Array; measured: Float32Array };
  violations: ViolationMarker[];
}

/** A monitor in violation at one step, for the on-screen incident line. */
export interface ViolatedSample {
  monitor: string;
  value: number;
  limit: number;
  units: string;
  bodies?: string[];
}

const VIOLATION_KINDS = new Set(['violation-start', 'non-finite-action']);

export function buildReplayModel(replay: DecodedReplay): ReplayModel {
  const { header, events, footer, columns } = replay;
  const n = columns.count;
  const unitsOf = new Map(header.monitors.map((m) => [m.id, m.units]));
  const monitors: MonitorSeries[] = columns.monitors.map((m) => ({
    id: m.id,
    units: unitsOf.get(m.id) ?? '',
    margin: m.margin,
    value: m.value,
    limit: m.limit,
  }));
  const violations = events
    .filter((e) => VIOLATION_KINDS.has(e.kind))
    .map((event) => ({ timeSec: event.timeSec, step: event.step, monitor: event.monitor ?? event.kind, event }))
    .sort((a, b) => a.timeSec - b.timeSec);
  const record: LoadedRecord = footer ? { header, events, footer } : { header, events };
  const scene = readRecordScene(header.scene);
  const model: ReplayModel = {
    source: replay.source,
    record,
    columns,
    scene,
    times: columns.times,
    durationSec: n > 0 ? columns.times[n - 1]! : 0,
    monitors,
    // An arm's policy commands a tool twist: its speed is the linear part's length.
    speed: { commanded: scene.arm ? columns.commandedTool : columns.commanded, applied: columns.applied, measured: columns.measured },
    violations,
  };
  if (replay.problem) model.problem = replay.problem;
  return model;
}

/** Index of the last step at or before `timeSec` (0 before the first). */
export function stepIndexAt(times: Float64Array, timeSec: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || timeSec <= times[0]!) return 0;
  if (timeSec >= times[hi]!) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= timeSec + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first violation strictly after `timeSec` (wrapping to the first), for the jump key. */
export function nextViolation(model: ReplayModel, timeSec: number): ViolationMarker | undefined {
  return model.violations.find((v) => v.timeSec > timeSec + 1e-6) ?? model.violations[0];
}

export function previousViolation(model: ReplayModel, timeSec: number): ViolationMarker | undefined {
  return [...model.violations].reverse().find((v) => v.timeSec < timeSec - 1e-6) ?? model.violations.at(-1);
}

/** Monitors violated at this step, in the order their samples were recorded. */
export function violatedAt(model: ReplayModel, index: number): ViolatedSample[] {
  const c = model.columns;
  const out: ViolatedSample[] = [];
  if (index < 0 || index >= c.count) return out;
  for (const m of c.monitors) {
    if (m.status[index] !== STATUS.violated) continue;
    const sample: ViolatedSample = { monitor: m.id, value: m.value[index]!, limit: m.limit[index]!, units: c.strings[m.units[index]!] ?? '' };
    if (m.bodies[index]! >= 0) sample.bodies = c.lists[m.bodies[index]!];
    out.push(sample);
  }
  return out;
}
