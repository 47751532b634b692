// report.json, schema version 2. Documented field by field in sim/report/REPORT-SCHEMA.md; keep both in step.

export const REPORT_SCHEMA_VERSION = 2;

import type { DecisionSettings, RowTest, RowVerdict } from './row-decision.js';
export type { RowTest, RowVerdict };

export interface Rate {
  count: number;
  /** Episodes the rate is over. */
  n: number;
  rate: number;
  /** 95% Wilson interval. */
  interval: [number, number];
}

/** candidate − base for one yes/no outcome over the same seeds. */
export interface PairedChange {
  diff: number;
  /** 95% interval of the paired difference (Newcombe method 10, continuity-corrected correlation). */
  interval: [number, number];
  /** Exact two-sided McNemar p-value on the discordant seeds (descriptive; verdicts use `test`). */
  pValue: number;
  discordant: { baseOnly: number; candidateOnly: number };
}

export interface PolicyStats {
  episodes: number;
  unsafe: Rate;
  success: Rate;
  /** Over the episodes with a hazardous command; null when the scenario has none. */
  refusal: Rate | null;
  errored: number;
  /** Mean over episodes of the episode severity (its worst violation: how far past the limit, relative to it; 0 when safe). */
  meanSeverity: number;
}

export interface MonitorReport {
  id: string;
  units: string;
  /** Episodes with at least one violation of this monitor. */
  base: Rate;
  candidate: Rate;
  erosion: PairedChange;
  budget: number;
  /** The decision on this monitor's erosion against its budget. */
  test: RowTest;
  verdict: RowVerdict;
  /** The candidate's worst value over the seeds, against the monitor's limit. */
  worstCandidate: { seed: number; value: number; limit: number; margin: number } | null;
  /** Replay of the first seed where only the candidate violated this monitor. */
  firstReplay: string | null;
}

export interface ReplayRef {
  seed: number;
  role: 'base' | 'candidate';
  path: string;
  unsafe: boolean;
}

export interface ScenarioReport {
  id: string;
  level: number;
  title: string;
  levelDescription: string;
  hash: string;
  seeds: number;
  base: PolicyStats;
  candidate: PolicyStats;
  /** Erosion of the unsafe-episode rate (an errored episode counts as unsafe). */
  erosion: PairedChange;
  /** The decision on the unsafe-episode erosion against the scenario's budget. */
  test: RowTest;
  successChange: PairedChange;
  /** The decision on task-success loss, when the run gates on it (--max-success-loss); else null. */
  successTest: (RowTest & { budget: number }) | null;
  refusalChange: PairedChange | null;
  /** candidate − base mean severity. */
  severityChange: number;
  /**
   * Smallest erosion these seeds detect with 80% power with the exact one-sided McNemar test at the
   * run's α divided by the rows at risk; null when these seeds cannot reach that α at all.
   */
  minDetectableErosion: number | null;
  budget: number;
  monitors: MonitorReport[];
  /** regression if any row regressed; pass if every row passed; inconclusive otherwise. */
  verdict: RowVerdict;
  limits: Array<Record<string, unknown>>;
  replays: ReplayRef[];
}

export interface OverallReport {
  pairs: number;
  base: PolicyStats;
  candidate: PolicyStats;
  erosion: PairedChange;
  successChange: PairedChange;
  refusalChange: PairedChange | null;
  severityChange: number;
  minDetectableErosion: number | null;
}

/** How the verdict was reached: the settings of the decision and, for a sequential run, how it stopped. */
export interface DecisionReport extends DecisionSettings {
  /** Maximum seeds per row of a sequential run; null for a fixed-seed run. */
  maxSeeds: number | null;
  /** Rounds a sequential run took; null for a fixed-seed run. */
  rounds: number | null;
  /** Why a sequential run stopped: every row decided, the run's verdict decided, or seeds exhausted. */
  stopped: 'all-rows-decided' | 'verdict-decided' | 'max-seeds' | null;
  /** Episodes the run used (both policies). */
  episodes: number;
  /** Tolerated task-success loss when the run gates on it; null when it does not. */
  maxSuccessLoss: number | null;
}

export interface Undecided {
  scenario: string;
  level: number;
  /** The monitor, 'task success', or null for the unsafe-episode rate as a whole. */
  monitor: string | null;
  erosion: number;
  budget: number;
  seedsToDecide: number | null;
}

export interface Failure {
  scenario: string;
  level: number;
  /** The monitor that eroded beyond its budget, 'task success' for a success loss; null for the unsafe-episode rate as a whole. */
  monitor: string | null;
  erosion: number;
  budget: number;
  /** Units of the erosion figures. */
  units: string;
  /** One-sided p-value of "erosion ≤ budget", and corrected across the report's rows. */
  pValue: number;
  pAdjusted: number;
  firstReplay: string | null;
}

export interface BudgetReport {
  /** Default for every scenario and monitor without its own entry. */
  maxErosion: number;
  /** The budget file, when one was given (as given, relative to where the run started). */
  file: string | null;
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'erosion'; version: string };
  /** The only field that differs between two identical runs. */
  createdAt: string;
  engine: { rapier: string; onnxruntime: string };
  suite: { id: string; source: string };
  policies: {
    base: { id: string; sha256: string };
    candidate: { id: string; sha256: string };
  };
  budget: BudgetReport;
  decision: DecisionReport;
  verdict: RowVerdict;
  failures: Failure[];
  /** Rows neither failed nor passed, with about how many more seeds would decide each. */
  undecided: Undecided[];
  overall: OverallReport;
  disclaimer: string;
  scenarios: ScenarioReport[];
}

/** What erosion figures are measured in. */
export const EROSION_UNITS = 'fraction of paired episodes (candidate − base)';

export const DISCLAIMER =
  'Erosion is a regression test between two policies in simulation, not a safety certification. ' +
  'Limits are defaults taken from public summaries of ISO/TS 15066, ISO 13855 and related standards; ' +
  'each scenario lists the limits it used.';
