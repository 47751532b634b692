// Worker-thread side of the machine-ceiling measure: the bare loop of bare-cost.ts on its own
// thread, started together with its twin so two cores' worth of the same work run at once.
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadedSuite } from '../../scenarios/index.js';
import { closePolicySet, loadPolicySet } from '../run/policy-set.js';
import type { EpisodeResult } from '../record/episode-result.js';
import { bareCostMs } from './bare-cost.js';

export interface BareWorkerData {
  suite: LoadedSuite;
  results: EpisodeResult[];
  baseRef: string;
  candidateRef: string;
  /** Resolved by the parent once every worker is ready, so the loops start together. */
  start: SharedArrayBuffer;
}

const data = workerData as BareWorkerData;
const port = parentPort!;
const policies = { base: await loadPolicySet(data.baseRef), candidate: await loadPolicySet(data.candidateRef) };
port.postMessage({ type: 'ready' });
const flag = new Int32Array(data.start);
Atomics.wait(flag, 0, 0);
const ms = await bareCostMs(data.suite, data.results, policies);
await closePolicySet(policies.base);
await closePolicySet(policies.candidate);
port.postMessage({ type: 'done', ms });
