import { createHash } from 'node:crypto';
import type { LoadedSuite } from '../../scenarios/index.js';
import type { EngineVersions } from '../episode/run-episode.js';
import type { Budget } from '../report/budget.js';
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
  };
  return createHash('sha256').update(JSON.stringify(key)).digest('hex');
}
