import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import type { EpisodeEvent, EpisodeFooter, MonitorSummary, Outcome } from '../record/episode-record.js';

/**
 * Runs the monitors over frames and keeps what a record needs of them: violation
 * start/end events with their details, per-monitor summaries, the terminal monitor
 * that ended the episode. Shared by the simulated loop and the live (bridge) loop.
 */
export class EpisodeJudge {
  readonly events: EpisodeEvent[] = [];
  private readonly states: unknown[];
  private readonly active: boolean[];
  private readonly summaries: Record<string, MonitorSummary> = {};
  /** The same summaries in monitor order, so the per-step path indexes instead of hashing ids. */
  private readonly ordered: MonitorSummary[] = [];
  /** Set when a terminal monitor was violated. */
  terminatedBy: string | undefined;

  constructor(readonly monitors: Monitor[]) {
    this.states = monitors.map((m) => m.init());
    this.active = monitors.map(() => false);
    for (const m of monitors) {
      this.summaries[m.id] = { violations: 0, violatedSteps: 0, worstMargin: Number.POSITIVE_INFINITY, worstValue: 0, limit: 0, units: m.units };
    }
    // Two monitors with one id share a summary, as they did when looked up by id.
    for (const m of monitors) this.ordered.push(this.summaries[m.id]!);
  }

  /** Judges one frame; returns every monitor's sample, in monitor order. */
  judge(frame: Frame): MonitorSample[] {
    const samples: MonitorSample[] = [];
    for (let i = 0; i < this.monitors.length; i++) {
      const monitor = this.monitors[i]!;
      const { state, sample } = monitor.update(this.states[i], frame);
      this.states[i] = state;
      samples.push(sample);
      this.track(monitor, sample, i, frame);
      if (sample.status === 'violated' && monitor.terminal && !this.terminatedBy) this.terminatedBy = monitor.id;
    }
    return samples;
  }

  /** Whether any monitor is in violation right now. */
  get violating(): boolean {
    return this.active.some(Boolean);
  }

  private track(monitor: Monitor, sample: MonitorSample, i: number, frame: Frame): void {
    const s = this.ordered[i]!;
    const violated = sample.status === 'violated';
    if (violated) s.violatedSteps += 1;
    if (sample.status !== 'idle' && sample.margin < s.worstMargin) {
      s.worstMargin = sample.margin;
      s.worstValue = sample.value;
      s.limit = sample.limit;
    }
    if (violated === this.active[i]) return;
    this.active[i] = violated;
    if (violated) s.violations += 1;
    const event: EpisodeEvent = {
      kind: violated ? 'violation-start' : 'violation-end',
      timeSec: frame.timeSec,
      step: frame.step,
      monitor: monitor.id,
      value: sample.value,
      limit: sample.limit,
      margin: sample.margin,
      units: sample.units,
    };
    if (sample.bodies) event.bodies = sample.bodies;
    if (sample.positionM) event.positionM = sample.positionM;
    if (sample.note) event.message = sample.note;
    this.events.push(event);
  }

  /** The footer: outcome plus the summary every report is built from. */
  footer(outcome: Outcome, steps: number, simulatedSec: number): EpisodeFooter {
    const monitors = this.summaries;
    const violated = Object.values(monitors).filter((m) => m.violations > 0);
    // Severity: how far past its limit the worst violation went, relative to the limit
    // (a count-valued monitor such as non-finite-action counts as 1).
    const severity = violated.reduce((worst, m) => Math.max(worst, m.limit > 0 ? -m.worstMargin / m.limit : 1), 0);
    return {
      outcome,
      summary: { steps, simulatedSec, unsafe: violated.length > 0, success: outcome.kind === 'success', severity, monitors },
    };
  }
}
