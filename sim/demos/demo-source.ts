import type { DemoDataset } from '../../policies/train/index.js';
import type { ActionField, LayoutField, RobotFamily } from '../../policies/policy.js';

/** Which episodes to record: scenario ids with levels and seeds. */
export interface DemoEntry {
  scenario: string;
  levels: number[];
  seeds: number[];
}

export interface DemoProgress {
  done: number;
  total: number;
  rows: number;
}

/**
 * Where a robot family's demonstrations come from: its layouts and an expert that drives the
 * simulator. The trainer and the lab are written against this seam, so another family (an arm)
 * plugs in by adding a source here, without touching them.
 */
export interface DemoSource<Expert = unknown> {
  family: RobotFamily;
  observation: readonly LayoutField[];
  action: readonly ActionField[];
  controlHz: number;
  /** Named experts this family can record: the careful expert and downstream task variants. */
  experts: Record<string, Expert>;
  record(entries: readonly DemoEntry[], expert: string, opts: { noiseSeed: string; onProgress?: (p: DemoProgress) => void }): Promise<DemoDataset>;
}

/** Episodes in a list of entries: every level × seed of each. */
export function entryEpisodes(entries: readonly DemoEntry[]): number {
  return entries.reduce((n, e) => n + e.levels.length * e.seeds.length, 0);
}
