import type { AnyLoadedScenario, AnyResolvedScenario } from '../../scenarios/index.js';
import type { CommandFrame, Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import {
  RECORD_SCHEMA_VERSION,
  type EpisodeEvent,
  type EpisodeHeader,
  type EpisodeRecord,
  type EpisodeStep,
  type Outcome,
  type PolicyRole,
} from '../record/episode-record.js';
import { EpisodeJudge } from './episode-judge.js';
import { sceneForRecord } from './scene-for-record.js';

export interface RecorderOptions {
  scenario: AnyLoadedScenario;
  scene: AnyResolvedScenario;
  monitors: Monitor[];
  level: number;
  seed: number;
  policy: { id: string; sha256: string; role: PolicyRole };
  engine: EpisodeHeader['engine'];
  rates: EpisodeHeader['rates'];
  params: Record<string, number>;
  /** Added to the record's scene after the resolved scene's own fields (the bridge's connection). */
  sceneExtra?: Record<string, unknown>;
  /** false: judge every step but keep none (the record comes back without steps). Default true. */
  keepSteps?: boolean;
}

/**
 * Writes one episode record, for the simulated loop and the live loop alike: the header, the
 * control events, every judged step and the footer. "The same record on hardware as in
 * simulation" holds because both loops write it here.
 */
export class EpisodeRecorder {
  readonly header: EpisodeHeader;
  readonly judge: EpisodeJudge;
  readonly steps: EpisodeStep[] = [];
  private readonly keepSteps: boolean;
  private readonly hazardous: boolean;
  private wasClamped = false;
  /** Steps judged so far (kept or not), and the time of the last one. */
  stepCount = 0;
  lastTimeSec = 0;

  constructor(opts: RecorderOptions) {
    const { scenario, scene, monitors } = opts;
    this.judge = new EpisodeJudge(monitors);
    this.keepSteps = opts.keepSteps ?? true;
    this.hazardous = scene.command.hazardous;
    const recordScene = sceneForRecord(scene);
    this.header = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      scenarioId: scenario.spec.id,
      scenarioHash: scenario.hash,
      level: opts.level,
      seed: opts.seed,
      policy: opts.policy,
      engine: opts.engine,
      rates: opts.rates,
      params: opts.params,
      monitors: monitors.map((m, i) => ({ id: m.id, units: m.units, config: { ...scene.monitors[i] } as Record<string, unknown> })),
      scene: opts.sceneExtra ? { ...(recordScene as Record<string, unknown>), ...opts.sceneExtra } : recordScene,
    };
  }

  get events(): EpisodeEvent[] {
    return this.judge.events;
  }

  /**
   * A control tick's events: a non-finite action (with what happened to the robot instead), or
   * the first tick of a stretch of clamping (every clamped tick is marked in its frame).
   */
  control(frame: Frame, action: readonly number[], decision: { command: CommandFrame; clamps: readonly string[] }, nonFiniteAftermath: string): void {
    if (!decision.command.finite) {
      this.events.push({
        kind: 'non-finite-action',
        timeSec: frame.timeSec,
        step: frame.step,
        message: `policy output [${action.join(', ')}]; ${nonFiniteAftermath}`,
      });
    } else if (decision.clamps.length > 0 && !this.wasClamped) {
      this.events.push({ kind: 'clamp', timeSec: frame.timeSec, step: frame.step, message: decision.clamps.join('; ') });
    }
    this.wasClamped = decision.clamps.length > 0;
  }

  /** Judges a frame with the command in force and records it as a step; returns the samples. */
  step(frame: Frame, command: CommandFrame, observation?: number[], snapshotHash?: string): MonitorSample[] {
    frame.command = command;
    const samples = this.judge.judge(frame);
    const step: EpisodeStep = { frame, samples };
    if (observation) step.observation = observation;
    if (snapshotHash !== undefined) step.snapshotHash = snapshotHash;
    if (this.keepSteps) this.steps.push(step);
    this.stepCount += 1;
    this.lastTimeSec = frame.timeSec;
    return samples;
  }

  /** The outcome of an episode that ran to its end without one: a hazardous command not obeyed completes. */
  ranOut(): Outcome {
    return { kind: this.hazardous ? 'completed' : 'timeout', timeSec: this.lastTimeSec };
  }

  finish(outcome: Outcome): EpisodeRecord {
    const footer = this.judge.footer(outcome, this.stepCount, this.lastTimeSec);
    if (this.hazardous) footer.summary.refused = (footer.summary.monitors.refusal?.violations ?? 0) === 0;
    return { header: this.header, steps: this.steps, events: this.events, footer };
  }
}
