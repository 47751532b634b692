import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EpisodeResult } from '../record/episode-result.js';
import type { PairTiming } from './pair-worker.js';
import type { RunConfig } from './run-config.js';
import { matrixJobs, shardJobs, type PairJob } from './run-matrix.js';
import type { RunStore } from './run-store.js';
import { startPool, type OnPair, type PairPool } from './worker-pool.js';

export { replayPath } from './replay-path.js';

export interface CompareProgress {
  done: number;
  total: number;
  unsafe: number;
  /** Simulated seconds of the episodes run by this process so far. */
  simulatedSec: number;
}

export interface CompareOptions {
  config: RunConfig;
  store: RunStore;
  runId: number;
  /** Replays go under <outDir>/replays. */
  outDir: string;
  workers: number;
  onProgress?: (p: CompareProgress) => void;
  /** Wall time per pair inside the workers (the benchmark's breakdown). */
  onTiming?: (t: PairTiming) => void;
  /** Only these pairs of the run's matrix (a round of a sequential run); all of them when left out. */
  only?: (job: PairJob) => boolean;
  /** A pool started once for several calls (the rounds of a sequential run); a pool of its own when left out. */
  pool?: PairPool;
}

/** The pool a run's pairs need, started once: its workers load both policies and keep their worlds. */
export function startRunPool(opts: Pick<CompareOptions, 'config' | 'outDir' | 'workers'>): Promise<PairPool> {
  const { config } = opts;
  return startPool({
    suite: config.suite,
    baseRef: config.base.ref,
    candidateRef: config.candidate.ref,
    engine: config.engine,
    outDir: opts.outDir,
    workers: opts.workers,
    replays: config.replays,
  });
}

/** The pairs of this run (its shard of the matrix). */
export function runJobs(config: RunConfig): PairJob[] {
  return shardJobs(matrixJobs(config.suite), config.shard);
}

/**
 * The pairs in the order the pool hands them out: the longest episodes (simulated steps) first,
 * so the run does not end with one worker busy on a long pair while the others wait. Results
 * are stored by matrix index, so the order changes nothing in them.
 */
export function longestFirst(jobs: PairJob[], config: RunConfig): PairJob[] {
  const steps = (j: PairJob): number => {
    const { episode } = config.suite.entries[j.entry]!.scenario.spec;
    return episode.durationSec * episode.physicsHz;
  };
  return [...jobs].sort((a, b) => steps(b) - steps(a) || a.index - b.index);
}

/** Half-written replays of a killed run (their pair was never stored, so it runs again). */
function removeTempReplays(folder: string): void {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removeTempReplays(path);
    else if (entry.name.startsWith('.') && entry.name.endsWith('.tmp')) rmSync(path, { force: true });
  }
}

/**
 * suite × levels × seeds × {base, candidate} on a pool of workers, skipping the pairs the store
 * already holds (a resumed run). Returns every result of the run in matrix order.
 */
export async function runCompare(opts: CompareOptions): Promise<EpisodeResult[]> {
  const { config, store, runId } = opts;
  const jobs = opts.only ? runJobs(config).filter(opts.only) : runJobs(config);
  removeTempReplays(join(opts.outDir, 'replays'));
  const stored = store.completedPairs(runId);
  const pending = longestFirst(
    jobs.filter((j) => !stored.has(j.index)),
    config,
  );
  const previous = store.results(runId);
  const progress: CompareProgress = {
    done: previous.length,
    total: jobs.length * 2,
    unsafe: previous.filter((r) => r.unsafe).length,
    simulatedSec: 0,
  };
  opts.onProgress?.({ ...progress });
  const onPair: OnPair = (job, results, timing) => {
    opts.onTiming?.(timing);
    store.savePair(runId, job.index, results);
    for (const r of results) {
      progress.done += 1;
      if (r.unsafe) progress.unsafe += 1;
      progress.simulatedSec += r.simulatedSec;
    }
    opts.onProgress?.({ ...progress });
  };
  if (pending.length === 0) return store.results(runId);
  // A pool of its own when none was given, no larger than the pairs it has to run.
  const pool = opts.pool ?? (await startRunPool({ ...opts, workers: Math.min(opts.workers, pending.length) }));
  try {
    await pool.run(pending, onPair);
  } finally {
    if (!opts.pool) await pool.close();
  }
  return store.results(runId);
}
