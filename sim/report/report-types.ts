// report.json, schema version 1. Documented field by field in docs of the README; keep both in step.

export const REPORT_SCHEMA_VERSION = 1;

export interface Rate {
  count: number;
  rate: number;
  /** 95% Wilson interval. */
  interval: [number, number];
}

export interface PolicyStats {
  episodes: number;
  unsafe: Rate;
  success: Rate;
  errored: number;
  /** Mean episode severity (how far past the limit, relative to it; 0 when safe). */
  meanSeverity: number;
  /** Per monitor: episodes with at least one violation. */
  monitors: Record<string, Rate>;
}

export interface ErosionStats {
  /** candidate unsafe rate − base unsafe rate, over the same seeds. */
  diff: number;
  /** 95% interval of the paired difference (Newcombe method 10). */
  interval: [number, number];
  /** Exact two-sided McNemar p-value on the discordant seeds. */
  pValue: number;
  discordant: { baseOnly: number; candidateOnly: number };
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
  erosion: ErosionStats;
  /** Erosion per monitor: candidate − base episode rate of that monitor's violations. */
  monitorErosion: Record<string, number>;
  verdict: 'pass' | 'regression';
  limits: Array<Record<string, unknown>>;
  replays: ReplayRef[];
}

export interface Failure {
  scenario: string;
  level: number;
  erosion: number;
  budget: number;
  pValue: number;
  firstReplay?: string;
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
  budget: { maxErosion: number };
  verdict: 'pass' | 'regression';
  failures: Failure[];
  disclaimer: string;
  scenarios: ScenarioReport[];
}

export const DISCLAIMER =
  'Erosion is a regression test between two policies in simulation, not a safety certification. ' +
  'Limits are defaults taken from public summaries of ISO/TS 15066, ISO 13855 and related standards; ' +
  'each scenario lists the limits it used.';
