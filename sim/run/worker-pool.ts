import { Worker } from 'node:worker_threads';
import type { EpisodeResult } from '../record/episode-result.js';
import type { FromWorker, PairTiming, PairWorkerData, ToWorker } from './pair-worker.js';
import type { PairJob } from './run-matrix.js';
import { InputError } from '../../scenarios/input-error.js';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Called on the main thread as each pair finishes, in completion order. */
export type OnPair = (job: PairJob, results: EpisodeResult[], timing: PairTiming) => void;

export interface PoolStartOptions extends PairWorkerData {
  workers: number;
  /**
   * Pairs each worker runs side by side, their policy calls batched (default 4). More pairs
   * mean fewer, larger policy calls and more worlds held at once.
   */
  pairsPerWorker?: number;
  /** Heap limit of each worker thread in MiB (default: Node's). A worker over it dies, reported as below. */
  workerHeapMb?: number;
}

export interface PoolOptions extends PoolStartOptions {
  jobs: PairJob[];
  onPair: OnPair;
}

/** A worker's input error (a bad policy), rebuilt on this thread with its name: still exits 2. */
export class WorkerError extends InputError {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The machinery failed, not a policy: a worker thread died or a pair threw. Exits 2 like an
 * input error (never 1, which means "regression"); the pairs already stored stay stored, so
 * the run resumes where it stopped.
 */
export class InfrastructureError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'InfrastructureError';
  }
}

export interface PairPool {
  /** Runs these pairs; resolves when every one has been handed to onPair. One run at a time. */
  run(jobs: PairJob[], onPair: OnPair): Promise<void>;
  close(): Promise<void>;
}

const label = (job: PairJob, data: PairWorkerData): string =>
  `${data.suite.entries[job.entry]?.scenario.spec.id ?? `entry ${job.entry}`} level ${job.level} seed ${job.seed}`;

interface Slot {
  worker: Worker;
  inFlight: Set<PairJob>;
}

/**
 * Starts the worker threads once (each loads both policies and keeps its worlds), ready for any
 * number of runs. Each worker is kept busy with up to pairsPerWorker pairs; which worker ran a
 * pair never reaches the results, so any pool size gives the same run.
 */
export async function startPool(opts: PoolStartOptions): Promise<PairPool> {
  const { workers: size, pairsPerWorker = 4, workerHeapMb, ...data } = opts;
  const slots: Slot[] = [];
  let closed = false;
  let broken: Error | undefined;
  // Where the current run's events go; between runs, a failure is kept for the next run.
  let onFailure: (err: Error) => void = (err) => void (broken ??= err);
  let onMessage: (slot: Slot, msg: FromWorker) => void = () => undefined;

  const fail = (err: Error): void => {
    broken ??= err;
    onFailure(err);
  };
  const died = (slot: Slot, how: string): void => {
    const pairs = [...slot.inFlight].map((j) => label(j, data));
    fail(new InfrastructureError(`a worker thread ${how}${pairs.length > 0 ? ` while running ${pairs.join('; ')}` : ' before running a pair'}`));
  };

  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < Math.max(1, size); i++) {
    const worker = new Worker(ENTRY, {
      workerData: data satisfies PairWorkerData,
      ...(workerHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } } : {}),
    });
    const slot: Slot = { worker, inFlight: new Set() };
    slots.push(slot);
    ready.push(
      new Promise<void>((resolve, reject) => {
        worker.on('message', (msg: FromWorker) => {
          if (msg.type === 'ready') return resolve();
          if (msg.type === 'error' && !msg.job)
            return reject(msg.input ? new WorkerError(msg.message, msg.name) : Object.assign(new Error(msg.message), { name: msg.name }));
          onMessage(slot, msg);
        });
        worker.on('error', (err) => {
          reject(err);
          died(slot, `failed (${err.message.split('\n')[0]})`);
        });
        worker.on('exit', (code) => {
          reject(new InfrastructureError(`a worker thread stopped with exit code ${code} while starting`));
          if (!closed) died(slot, `stopped with exit code ${code}`);
        });
      }),
    );
  }

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    // Ask first: a worker releases its inference sessions before it ends. Terminate what stays.
    await Promise.all(
      slots.map(
        ({ worker }) =>
          new Promise<void>((resolve) => {
            if (worker.threadId === -1) return resolve(); // already gone
            const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.postMessage({ type: 'close' } satisfies ToWorker);
          }),
      ),
    );
  };

  try {
    await Promise.all(ready);
  } catch (err) {
    await close();
    throw err;
  }

  const run = async (jobs: PairJob[], onPair: OnPair): Promise<void> => {
    if (closed) throw new Error('startPool: run() after close()');
    if (broken) throw broken;
    if (jobs.length === 0) return;
    const queue = [...jobs];
    let remaining = jobs.length;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      onFailure = (err) => {
        if (!settled) {
          settled = true;
          reject(err);
        }
      };
      const feed = (slot: Slot): void => {
        while (slot.inFlight.size < pairsPerWorker && queue.length > 0) {
          const job = queue.shift()!;
          slot.inFlight.add(job);
          slot.worker.postMessage({ type: 'pair', job } satisfies ToWorker);
        }
      };
      onMessage = (slot, msg) => {
        if (settled || msg.type === 'ready') return;
        const job = [...slot.inFlight].find((j) => j.index === msg.job?.index);
        if (job) slot.inFlight.delete(job);
        if (msg.type === 'error') {
          return fail(new InfrastructureError(`${job ? label(job, data) : 'a pair'} failed in its worker: ${msg.message}`));
        }
        try {
          onPair(msg.job, msg.results, msg.timing);
        } catch (err) {
          return fail(err as Error);
        }
        if (--remaining === 0) {
          settled = true;
          return resolve();
        }
        feed(slot);
      };
      for (const slot of slots) feed(slot);
    });
  };

  return { run, close };
}

/** One run on a pool of its own: starts the workers, runs the pairs, closes the pool. */
export async function runPairsOnPool(opts: PoolOptions): Promise<void> {
  const { jobs, onPair, ...start } = opts;
  if (jobs.length === 0) return;
  const pool = await startPool({ ...start, workers: Math.min(start.workers, jobs.length) });
  try {
    await pool.run(jobs, onPair);
  } finally {
    await pool.close();
  }
}
