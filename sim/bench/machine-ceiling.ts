import { Worker } from 'node:worker_threads';
import type { BareWorkerData } from './bare-worker.js';

const ENTRY = new URL('./bare-worker-entry.mjs', import.meta.url);

/**
 * Wall milliseconds of the slowest of `threads` worker threads that each run the whole bare loop
 * at the same moment (start-up excluded). One thread against two says how much a second core
 * gives on this machine right now, other users included: the ceiling of any worker speed-up.
 */
export async function parallelBareMs(threads: number, data: Omit<BareWorkerData, 'start'>): Promise<number> {
  const start = new SharedArrayBuffer(4);
  const workers = Array.from({ length: threads }, () => new Worker(ENTRY, { workerData: { ...data, start } satisfies BareWorkerData }));
  try {
    const done = workers.map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          w.on('message', (m: { type: string; ms?: number }) => {
            if (m.type === 'done') resolve(m.ms!);
          });
          w.on('error', reject);
          w.on('exit', (code) => code !== 0 && reject(new Error(`a bare-cost worker stopped with exit code ${code}`)));
        }),
    );
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.on('message', (m: { type: string }) => m.type === 'ready' && resolve()))));
    const flag = new Int32Array(start);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    return Math.max(...(await Promise.all(done)));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
