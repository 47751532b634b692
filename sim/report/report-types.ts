// report.json, schema version 1. Documented field by field in sim/report/REPORT-SCHEMA.md; keep both in step.

export const REPORT_SCHEMA_VERSION = 1;

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
  /** 95% interval of the paired difference (Newcombe method 10). */
  interval: [number, number];
  /** Exact two-sided McNemar p-value on the discordant seeds. */
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
  /** Mean episode severity (how far past the limit, relative to it; 0 when safe). */
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
  verdict: 'pass' | 'regression';
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
  /** Erosion of the unsafe-episode rate, with its Holm-adjusted p-value across scenario levels. */
  erosion: PairedChange & { pHolm: number };
  successChange: PairedChange;
  refusalChange: PairedChange | null;
  /** candidate − base mean severity. */
  severityChange: number;
  /** Smallest erosion these seeds detect with 80% power at 95% confidence; null if none. */
  minDetectableErosion: number | null;
  budget: number;
  monitors: MonitorReport[];
  verdict: 'pass' | 'regression';
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

export interface Failure {
  scenario: string;
  level: number;
  /** The monitor that eroded beyond its budget; null for the unsafe-episode rate as a whole. */
  monitor: string | null;
  erosion: number;
  budget: number;
  /** Units of the erosion figures. */
  units: string;
  pValue: number;
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
  verdict: 'pass' | 'regression';
  failures: Failure[];
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
