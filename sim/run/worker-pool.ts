import { Worker } from 'node:worker_threads';
import type { EpisodeResult } from './episode-result.js';
import type { FromWorker, PairTiming, PairWorkerData, ToWorker } from './pair-worker.js';
import type { PairJob } from './run-matrix.js';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export interface PoolOptions extends PairWorkerData {
  workers: number;
  jobs: PairJob[];
  /** Called on the main thread as each pair finishes, in completion order. */
  onPair: (job: PairJob, results: EpisodeResult[], timing: PairTiming) => void;
}

export class WorkerError extends Error {
  constructor(message: string, name: string) {
    super(message);
    // Keep the worker's error name, so input errors (a bad policy) still exit 2.
    this.name = name;
  }
}

/**
 * Runs pairs on a pool of worker threads. Each worker is handed the next pair as soon as it is
 * free; which worker ran a pair never reaches the results, so any pool size gives the same run.
 */
export async function runPairsOnPool(opts: PoolOptions): Promise<void> {
  const { workers: size, jobs, onPair, ...data } = opts;
  if (jobs.length === 0) return;
  const queue = [...jobs];
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const fail = (err: Error): void => {
        if (!failed) {
          failed = true;
          reject(err);
        }
      };
      const next = (w: Worker): void => {
        const job = queue.shift();
        if (!job) {
          w.postMessage({ type: 'close' } satisfies ToWorker);
          if (--running === 0) resolve();
          return;
        }
        w.postMessage({ type: 'pair', job } satisfies ToWorker);
      };
      for (let i = 0; i < Math.min(size, jobs.length); i++) {
        const w = new Worker(ENTRY, { workerData: data satisfies PairWorkerData });
        pool.push(w);
        running++;
        w.on('message', (msg: FromWorker) => {
          if (failed) return;
          if (msg.type === 'error') return fail(new WorkerError(msg.message, msg.name));
          if (msg.type === 'pair') {
            try {
              onPair(msg.job, msg.results, msg.timing);
            } catch (err) {
              return fail(err as Error);
            }
          }
          next(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a worker thread stopped with exit code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
