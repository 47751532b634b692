import { createHash } from 'node:crypto';
import type { LoadedSuite } from '../../scenarios/index.js';
import type { EngineVersions } from '../episode/run-episode.js';
import type { Budget } from '../report/budget.js';
import type { DecisionSettings } from '../report/row-decision.js';
import type { Shard } from './run-matrix.js';

export interface PolicyRef {
  /** As given on the command line: a worker loads the policy from this, never from an object. */
  ref: string;
  id: string;
  sha256: string;
}

/** Everything a run needs to be resumed, merged or reported again without the original files. */
export interface RunConfig {
  suite: LoadedSuite;
  /** The suite's source as the report shows it. */
  suiteSource: string;
  base: PolicyRef;
  candidate: PolicyRef;
  engine: EngineVersions;
  shard: Shard | null;
  budget: Budget;
  /** How rows are decided; runs stored before it existed read as the defaults. */
  decision?: DecisionSettings;
  /** Tolerated task-success loss, when the run gates on it. */
  maxSuccessLoss?: number | null;
  /** Seeds added in rounds until decided (the suite's entries then list every seed up to maxSeeds). */
  sequential?: SequentialSettings | null;
  /** Which pairs get replays; runs stored before it existed read as 'unsafe'. */
  replays?: ReplayChoice;
}

/**
 * Which pairs' replays a run writes (both episodes of a pair, so the incident can be set beside
 * what the other policy did): 'unsafe' — every pair where either episode was unsafe or errored;
 * 'discordant' — only pairs where exactly one of them was (the pairs that show the erosion, or its
 * reverse); 'none' — no replays, the fastest run. Runs are deterministic, so any episode's replay
 * can be made later with `erosion run`.
 */
export type ReplayChoice = 'unsafe' | 'discordant' | 'none';
export const REPLAY_CHOICES: readonly ReplayChoice[] = ['unsafe', 'discordant', 'none'];
export const DEFAULT_REPLAYS: ReplayChoice = 'unsafe';

export interface SequentialSettings {
  /** Most seeds any row may use. */
  maxSeeds: number;
  /** Seeds of each suite entry in the first round (the suite file's own counts). */
  firstSeeds: number[];
  /** Keep going until every row is decided, not only the run's verdict. */
  everyRow: boolean;
}

/**
 * A scenario level's seeds in the next round of a sequential run. A level whose evidence leans
 * towards a regression doubles its seeds, so a real erosion is confirmed in few rounds; while any
 * level leans, the others wait (their seeds would not change the verdict); when none leans, every
 * undecided level grows by half (at least 4 seeds). Valid for any such rule: the always-valid
 * tests allow seeds to be added on what was seen so far.
 */
export function nextSeedCount(current: number, leaning: boolean, anyLeaning: boolean, maxSeeds: number): number {
  if (anyLeaning && !leaning) return current;
  const grown = leaning ? current * 2 : current + Math.max(4, Math.ceil(current / 2));
  return Math.min(maxSeeds, Math.max(current + 1, grown));
}

/**
 * What makes two runs' episodes interchangeable: the scenarios (by hash), levels, seeds, both
 * policies' bytes and the engines. Resume and merge refuse runs whose fingerprints differ.
 */
export function matrixFingerprint(c: RunConfig): string {
  const key = {
    suite: c.suite.id,
    entries: c.suite.entries.map((e) => ({ scenario: e.scenario.spec.id, hash: e.scenario.hash, levels: e.levels, seeds: e.seeds })),
    base: c.base.sha256,
    candidate: c.candidate.sha256,
    engine: c.engine,
    // A sequential run's matrix is its seeds up to the maximum, reached in rounds.
    sequential: c.sequential ? { maxSeeds: c.sequential.maxSeeds, firstSeeds: c.sequential.firstSeeds, everyRow: c.sequential.everyRow } : null,
  };
  // Fixed-seed runs keep the fingerprint they always had, so older run folders still resume and merge.
  const { sequential, ...fixed } = key;
  return createHash('sha256')
    .update(JSON.stringify(sequential ? key : fixed))
    .digest('hex');
}
