import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyLoadedScenario, LoadedSuite } from '../../scenarios/index.js';
import type { EngineVersions } from '../episode/run-episode.js';
import type { EpisodeResult } from '../record/episode-result.js';
import type { PairJob } from '../run/run-matrix.js';
import { runPairsOnPool } from '../run/worker-pool.js';
import { huntScenario } from './hunt-world.js';
import type { PairEvaluator, PairResult } from './pair-evaluator.js';

export interface PoolEvaluatorOptions {
  scenario: AnyLoadedScenario;
  level: number;
  seed: number;
  baseRef: string;
  candidateRef: string;
  engine: EngineVersions;
  workers: number;
  /** A folder for the pool's own replays of unsafe pairs; removed by close(). */
  scratchParent: string;
}

/**
 * The compare run engine's worker pool, fed one batch at a time: each batch becomes a suite
 * of pinned worlds (one entry per vector, one pair job per entry), so a hunt's episodes are
 * run exactly as compare runs them. The pool writes replays of unsafe pairs; they land in a
 * scratch folder, since the hunt writes its own for the counterexamples it keeps.
 */
export function poolEvaluator(opts: PoolEvaluatorOptions): PairEvaluator {
  const scratch = mkdtempSync(join(opts.scratchParent, '.hunt-scratch-'));
  return {
    scenario: opts.scenario,
    level: opts.level,
    seed: opts.seed,
    async evaluate(vectors) {
      if (vectors.length === 0) return [];
      const suite: LoadedSuite = {
        id: 'hunt',
        description: `worlds of ${opts.scenario.spec.id} chosen by erosion hunt`,
        source: opts.scenario.source,
        entries: vectors.map((v) => ({ scenario: huntScenario(opts.scenario, v), levels: [opts.level], seeds: [opts.seed] })),
      };
      const jobs: PairJob[] = vectors.map((_, i) => ({ index: i, entry: i, level: opts.level, seed: opts.seed }));
      const out: Array<PairResult | undefined> = vectors.map(() => undefined);
      await runPairsOnPool({
        suite,
        baseRef: opts.baseRef,
        candidateRef: opts.candidateRef,
        engine: opts.engine,
        outDir: scratch,
        workers: opts.workers,
        jobs,
        onPair: (job, results: EpisodeResult[]) => {
          const base = results.find((r) => r.role === 'base')!;
          const candidate = results.find((r) => r.role === 'candidate')!;
          out[job.index] = { base, candidate };
        },
      });
      return out.map((r, i) => {
        if (!r) throw new Error(`the worker pool returned no result for world ${i} of the batch`);
        return r;
      });
    },
    async close() {
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
