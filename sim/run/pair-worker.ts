// Worker-thread side of the pool: loads both policies by reference and keeps one physics world
// per scenario level, all created once, then runs the pairs it is sent.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { AnyLoadedScenario, LoadedSuite } from '../../scenarios/index.js';
import { runEpisode, type EngineVersions } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import type { EpisodeRecord } from '../record/episode-record.js';
import { writeEpisodeFile } from '../record/index.js';
import { resultOf, type EpisodeResult } from './episode-result.js';
import { closePolicySet, familyOf, loadPolicySet, policyForFamily, type PolicySet } from './policy-set.js';
import { replayPath } from './replay-path.js';
import type { World } from '../world.js';
import type { PairJob } from './run-matrix.js';

/** Wall time a worker spent on one pair, for the benchmark's breakdown; never part of a result. */
export interface PairTiming {
  episodesMs: number;
  replaysMs: number;
}

export interface PairWorkerData {
  suite: LoadedSuite;
  baseRef: string;
  candidateRef: string;
  engine: EngineVersions;
  outDir: string;
}

export type ToWorker = { type: 'pair'; job: PairJob } | { type: 'close' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'pair'; job: PairJob; results: EpisodeResult[]; timing: PairTiming }
  | { type: 'error'; message: string; name: string };

const data = workerData as PairWorkerData;
const port = parentPort!;
const worlds = new Map<string, World>();
let policies: { base: PolicySet; candidate: PolicySet } | undefined;

async function worldFor(scenario: AnyLoadedScenario, level: number): Promise<World> {
  const key = `${scenario.spec.id}#${scenario.hash}#${level}`;
  let world = worlds.get(key);
  if (!world) {
    world = await createRapierWorld(scenario.spec, level);
    worlds.set(key, world);
  }
  return world;
}

/**
 * Both policies on the same seed. When either episode is unsafe or errored, both replays are
 * written, so the incident can be compared with what the other policy did.
 */
async function runPair(job: PairJob): Promise<{ results: EpisodeResult[]; timing: PairTiming }> {
  const started = performance.now();
  const entry = data.suite.entries[job.entry]!;
  const scenario = entry.scenario;
  const family = familyOf(scenario.spec);
  const world = await worldFor(scenario, job.level);
  const pair: EpisodeRecord[] = [];
  const chosen = [
    ['base', policyForFamily(policies!.base, family, `--base ${data.baseRef}`)],
    ['candidate', policyForFamily(policies!.candidate, family, `--candidate ${data.candidateRef}`)],
  ] as const;
  for (const [role, policy] of chosen) {
    pair.push(await runEpisode({ scenario, level: job.level, seed: job.seed, policy, role, world, engine: data.engine }));
  }
  const simulated = performance.now();
  const keep = pair.some((r) => r.footer.summary.unsafe || r.footer.outcome.kind === 'errored');
  const results: EpisodeResult[] = [];
  for (const record of pair) {
    let replay: string | undefined;
    if (keep) {
      replay = replayPath(scenario.spec.id, job.level, job.seed, record.header.policy.role);
      await writeEpisodeFile(record, join(data.outDir, replay));
    }
    results.push(resultOf(record, replay));
  }
  return { results, timing: { episodesMs: simulated - started, replaysMs: performance.now() - simulated } };
}

function send(message: FromWorker): void {
  port.postMessage(message);
}

async function start(): Promise<void> {
  try {
    policies = { base: await loadPolicySet(data.baseRef), candidate: await loadPolicySet(data.candidateRef) };
    send({ type: 'ready' });
  } catch (err) {
    send({ type: 'error', message: (err as Error).message, name: (err as Error).name });
    return;
  }
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'close') {
      for (const w of worlds.values()) w.close();
      void Promise.all([closePolicySet(policies!.base), closePolicySet(policies!.candidate)]).finally(() => port.close());
      return;
    }
    runPair(msg.job).then(
      ({ results, timing }) => send({ type: 'pair', job: msg.job, results, timing }),
      (err: Error) => send({ type: 'error', message: err.message, name: err.name }),
    );
  });
}

void start();
