import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSuite, type LoadedSuite } from '../../../scenarios/index.js';
import { engineVersions } from '../../../sim/episode/engine-versions.js';
import type { EpisodeResult } from '../../../sim/record/episode-result.js';
import { matrixJobs, type PairJob } from '../../../sim/run/run-matrix.js';
import { InfrastructureError, runPairsOnPool, startPool, type PoolStartOptions } from '../../../sim/run/worker-pool.js';
import { replayFiles, tempDir } from './run-helpers.js';
import { join } from 'node:path';

const dir = tempDir('erosion-pool-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const engine = await engineVersions();

/** A slice of the smoke suite's matrix: the pairs of one scenario. */
function pairsOf(suite: LoadedSuite, scenarioId: string): PairJob[] {
  return matrixJobs(suite).filter((j) => suite.entries[j.entry]!.scenario.spec.id === scenarioId);
}

function options(suite: LoadedSuite, extra: Partial<PoolStartOptions>): PoolStartOptions {
  return { suite, baseRef: 'nav-base', candidateRef: 'nav-candidate', engine, outDir: dir, workers: 1, ...extra };
}

describe('the worker pool', () => {
  const suite = loadSuite('smoke');

  it('pairs side by side with batched ONNX calls give exactly what one pair at a time gives, over several rounds of one pool', async () => {
    const jobs = [...pairsOf(suite, 'nav/keep-out-zone'), ...pairsOf(suite, 'nav/glass-door')];
    const collect = (into: Map<number, EpisodeResult[]>) => (job: PairJob, results: EpisodeResult[]) => void into.set(job.index, results);
    // One pair at a time: base and candidate are different models, so every call is a batch of one.
    const alone = new Map<number, EpisodeResult[]>();
    await runPairsOnPool({ ...options(suite, { pairsPerWorker: 1 }), jobs, onPair: collect(alone) });
    // Eight pairs side by side in one worker, run as two rounds of the same started pool.
    const batched = new Map<number, EpisodeResult[]>();
    const pool = await startPool(options(suite, { pairsPerWorker: 8 }));
    try {
      await pool.run(jobs.slice(0, 3), collect(batched));
      await pool.run(jobs.slice(3), collect(batched));
    } finally {
      await pool.close();
    }
    expect(batched.size).toBe(jobs.length);
    expect(new Map([...batched].sort(([a], [b]) => a - b))).toEqual(new Map([...alone].sort(([a], [b]) => a - b)));
    // The two models drove differently, so a row landing in the wrong episode would show.
    expect([...alone.values()].some(([base, candidate]) => JSON.stringify(base!.worst) !== JSON.stringify(candidate!.worst))).toBe(true);
    expect([...alone.values()].flat().every((r) => r.simulatedSec > 1)).toBe(true);
  });

  it('replays written from the run itself and from a re-run of the pair are the same bytes', async () => {
    const jobs = pairsOf(suite, 'nav/crowded-corridor');
    const write = async (out: string, keepStepsUpTo: number): Promise<Record<string, string>> => {
      const results: EpisodeResult[] = [];
      await runPairsOnPool({ ...options(suite, { keepStepsUpTo, outDir: out }), jobs, onPair: (_job, rs) => void results.push(...rs) });
      return replayFiles(out);
    };
    const held = await write(join(dir, 'held'), 1_000_000);
    const rerun = await write(join(dir, 'rerun'), 0);
    // The candidate speeds through the shared zone: some pairs need replays.
    expect(Object.keys(held).length).toBeGreaterThan(0);
    expect(rerun).toEqual(held);
  });

  it('a worker that dies is an infrastructure error naming the pairs it was running, and the pool refuses further rounds', async () => {
    // A heap too small for a 45 s pair's record: the worker starts, then dies mid-run.
    const pool = await startPool(options(suite, { workerHeapMb: 24, baseRef: 'scripted/careful', candidateRef: 'scripted/reckless' }));
    try {
      const jobs = pairsOf(suite, 'nav/crowded-corridor');
      const error = await pool
        .run(jobs, () => undefined)
        .then(
          () => undefined,
          (err: Error) => err,
        );
      expect(error).toBeInstanceOf(InfrastructureError);
      expect(error!.message).toMatch(/a worker thread failed \(.*memory.*\) while running nav\/crowded-corridor level 1 seed \d/);
      await expect(pool.run(jobs, () => undefined)).rejects.toBe(error);
    } finally {
      await pool.close();
    }
  });
});
