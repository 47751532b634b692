// Everything the viewer derives from a record once, at load: a time index, per-monitor series and
// the violation markers. Typed arrays, so a 60 s episode at 240 Hz costs a few hundred kilobytes
// and every lookup while playing is a binary search, not a scan.

import type { EpisodeEvent } from '../../../sim/record/episode-record.js';
import { readRecordScene, type RecordScene } from '../../../sim/record/record-scene.js';
import type { LoadedRecord, ParsedReplay } from '../load/parse-replay.js';

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

export interface ReplayModel {
  source: string;
  record: LoadedRecord;
  problem?: string;
  scene: RecordScene;
  times: Float64Array;
  durationSec: number;
  /** For each step, the index of the latest step at or before it that carries a scan (-1: none). */
  scanIndex: Int32Array;
  monitors: MonitorSeries[];
  /** Policy output, what the actuators let through, and what the robot did, per step (m/s). */
  speed: { commanded: Float32Array; applied: Float32Array; measured: Float32Array };
  violations: ViolationMarker[];
}

const VIOLATION_KINDS = new Set(['violation-start', 'non-finite-action']);

export function buildReplayModel(parsed: ParsedReplay): ReplayModel {
  const { record } = parsed;
  const n = record.steps.length;
  const times = new Float64Array(n);
  const scanIndex = new Int32Array(n);
  const commanded = new Float32Array(n);
  const applied = new Float32Array(n);
  const measured = new Float32Array(n);
  const monitorIds = record.header.monitors.map((m) => m.id);
  for (const sample of record.steps[0]?.samples ?? []) {
    if (!monitorIds.includes(sample.monitor)) monitorIds.push(sample.monitor);
  }
  const monitors: MonitorSeries[] = monitorIds.map((id) => ({
    id,
    units: record.header.monitors.find((m) => m.id === id)?.units ?? '',
    margin: new Float32Array(n).fill(Number.NaN),
    value: new Float32Array(n).fill(Number.NaN),
    limit: new Float32Array(n).fill(Number.NaN),
  }));
  const byId = new Map(monitors.map((m) => [m.id, m]));

  let lastScan = -1;
  for (let i = 0; i < n; i++) {
    const { frame, samples } = record.steps[i]!;
    times[i] = frame.timeSec;
    if (frame.scan) lastScan = i;
    scanIndex[i] = lastScan;
    const command = frame.command;
    commanded[i] = command && command.action.length > 0 ? command.action[0]! : Number.NaN;
    applied[i] = command ? command.linearMps : Number.NaN;
    measured[i] = frame.robot.linearMps;
    for (let k = 0; k < samples.length; k++) {
      const sample = samples[k]!;
      // Samples come in monitor order; look the id up only when that order does not hold.
      const series = monitors[k]?.id === sample.monitor ? monitors[k]! : byId.get(sample.monitor);
      if (!series) continue;
      // An idle monitor has no margin (null in the file).
      series.margin[i] = typeof sample.margin === 'number' && sample.status !== 'idle' ? sample.margin : Number.NaN;
      series.value[i] = typeof sample.value === 'number' ? sample.value : Number.NaN;
      series.limit[i] = typeof sample.limit === 'number' ? sample.limit : Number.NaN;
    }
  }
  const violations = record.events
    .filter((e) => VIOLATION_KINDS.has(e.kind))
    .map((event) => ({ timeSec: event.timeSec, step: event.step, monitor: event.monitor ?? event.kind, event }))
    .sort((a, b) => a.timeSec - b.timeSec);
  const model: ReplayModel = {
    source: parsed.source,
    record,
    scene: readRecordScene(record.header.scene),
    times,
    durationSec: n > 0 ? times[n - 1]! : 0,
    scanIndex,
    monitors,
    speed: { commanded, applied, measured },
    violations,
  };
  if (parsed.problem) model.problem = parsed.problem;
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

/** Monitors violated at this step, with their sample, for the on-screen incident line. */
export function violatedAt(model: ReplayModel, index: number) {
  const step = model.record.steps[index];
  return step ? step.samples.filter((s) => s.status === 'violated') : [];
}
