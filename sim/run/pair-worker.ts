// Worker-thread side of the pool: loads both policies by reference and keeps one physics world
// per scenario level, all created once, then runs the pairs it is sent.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { AnyLoadedScenario, LoadedSuite } from '../../scenarios/index.js';
import { runEpisode, type EngineVersions } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import type { EpisodeRecord } from '../record/episode-record.js';
import { writeEpisodeFile } from '../record/index.js';
import { resultOf, type EpisodeResult } from '../record/episode-result.js';
import { stringifyFinite } from '../record/finite-json.js';
import { LockstepPolicies } from './lockstep-policies.js';
import { closePolicySet, familyOf, loadPolicySet, policyForFamily, type PolicySet } from './policy-set.js';
import { replayPath } from './replay-path.js';
import type { World } from '../world.js';
import type { PairJob } from './run-matrix.js';
import { isInputError } from './is-input-error.js';
import { DEFAULT_REPLAYS, type ReplayChoice } from './run-config.js';

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
  /**
   * Episodes up to this many physics steps keep their steps while they run, so a pair that needs
   * replays writes them at once; longer ones are judged without their steps and run again for the
   * replay (the same bits, checked). Memory per worker stays bounded either way. Default 20,000.
   */
  keepStepsUpTo?: number;
  /** Which pairs get replays (default DEFAULT_REPLAYS). */
  replays?: ReplayChoice;
}

/** About 60 MB of steps for a navigation episode at 240 Hz: 83 s of simulated time. */
const KEEP_STEPS_UP_TO = 20_000;

export type ToWorker = { type: 'pair'; job: PairJob } | { type: 'close' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'pair'; job: PairJob; results: EpisodeResult[]; timing: PairTiming }
  /** `job` set: that pair threw; unset: the worker could not start (its policies would not load). */
  | { type: 'error'; message: string; name: string; input: boolean; job?: PairJob };

const data = workerData as PairWorkerData;
const port = parentPort!;
/** Idle worlds by scenario and level: each episode in flight holds one of its own. */
const idleWorlds = new Map<string, World[]>();
const allWorlds: World[] = [];
const lockstep = new LockstepPolicies();
let policies: { base: PolicySet; candidate: PolicySet } | undefined;
/** Settles when the pair writing replays before this one is done. */
let replayTurn: Promise<void> = Promise.resolve();

async function borrowWorld(scenario: AnyLoadedScenario, level: number): Promise<{ world: World; release: () => void }> {
  const key = `${scenario.spec.id}#${scenario.hash}#${level}`;
  let idle = idleWorlds.get(key);
  if (!idle) idleWorlds.set(key, (idle = []));
  let world = idle.pop();
  if (!world) {
    world = await createRapierWorld(scenario.spec, level);
    allWorlds.push(world);
  }
  const w = world;
  return { world: w, release: () => idle.push(w) };
}

/** Both policies on the same seed, side by side in the lockstep with every other pair in flight. */
async function runBoth(job: PairJob, keepSteps: boolean): Promise<EpisodeRecord[]> {
  const entry = data.suite.entries[job.entry]!;
  const scenario = entry.scenario;
  const family = familyOf(scenario.spec);
  const chosen = [
    ['base', policyForFamily(policies!.base, family, `--base ${data.baseRef}`)],
    ['candidate', policyForFamily(policies!.candidate, family, `--candidate ${data.candidateRef}`)],
  ] as const;
  const borrowed = await Promise.all(chosen.map(() => borrowWorld(scenario, job.level)));
  try {
    return await Promise.all(
      chosen.map(([role, policy], i) =>
        lockstep.run((inLockstep) =>
          runEpisode({
            scenario,
            level: job.level,
            seed: job.seed,
            policy: inLockstep(policy),
            role,
            world: borrowed[i]!.world,
            engine: data.engine,
            keepSteps,
          }),
        ),
      ),
    );
  } finally {
    for (const b of borrowed) b.release();
  }
}

/**
 * Both policies on the same seed. When either episode is unsafe or errored, both replays are
 * written, so the incident can be compared with what the other policy did. Short episodes hold
 * their steps and write replays straight away; long ones are judged without their steps, and a
 * pair that needs its replays is run again, step for step the same, with them.
 */
async function runPair(job: PairJob): Promise<{ results: EpisodeResult[]; timing: PairTiming }> {
  const started = performance.now();
  const spec = data.suite.entries[job.entry]!.scenario.spec;
  const replays = data.replays ?? DEFAULT_REPLAYS;
  // A run that writes no replays never needs the steps.
  const holdSteps = replays !== 'none' && Math.round(spec.episode.durationSec * spec.episode.physicsHz) <= (data.keepStepsUpTo ?? KEEP_STEPS_UP_TO);
  const pair = await runBoth(job, holdSteps);
  const simulated = performance.now();
  const keep = needsReplays(pair, replays);
  const results: EpisodeResult[] = [];
  if (!keep) {
    for (const record of pair) results.push(resultOf(record));
    return { results, timing: { episodesMs: simulated - started, replaysMs: 0 } };
  }
  const scenarioId = spec.id;
  if (holdSteps) {
    for (const record of pair) {
      const replay = replayPath(scenarioId, job.level, job.seed, record.header.policy.role);
      await writeEpisodeFile(record, join(data.outDir, replay));
      results.push(resultOf(record, replay));
    }
    return { results, timing: { episodesMs: simulated - started, replaysMs: performance.now() - simulated } };
  }
  // One pair's steps in memory at a time, however many pairs run side by side.
  const turn = replayTurn;
  let done!: () => void;
  replayTurn = new Promise<void>((resolve) => (done = resolve));
  await turn;
  try {
    await writeReplays(job, scenarioId, pair, results);
  } finally {
    done();
  }
  return { results, timing: { episodesMs: simulated - started, replaysMs: performance.now() - simulated } };
}

/** Whether a finished pair's replays are written under the run's choice. */
function needsReplays(pair: EpisodeRecord[], choice: ReplayChoice): boolean {
  const bad = pair.map((r) => r.footer.summary.unsafe || r.footer.outcome.kind === 'errored');
  switch (choice) {
    case 'unsafe':
      return bad.some(Boolean);
    case 'discordant':
      return bad.some(Boolean) && !bad.every(Boolean);
    case 'none':
      return false;
  }
}

/** Runs the pair again with its steps and writes both replays. */
async function writeReplays(job: PairJob, scenarioId: string, pair: EpisodeRecord[], results: EpisodeResult[]): Promise<void> {
  const again = await runBoth(job, true);
  for (const [i, record] of again.entries()) {
    // Runs are deterministic; a rerun that judges differently is a broken engine, not a result.
    if (stringifyFinite(record.footer) !== stringifyFinite(pair[i]!.footer)) {
      throw new Error(
        `${scenarioId} level ${job.level} seed ${job.seed} ${record.header.policy.role}: the rerun for its replay judged differently (the simulation is not deterministic)`,
      );
    }
    const replay = replayPath(scenarioId, job.level, job.seed, record.header.policy.role);
    await writeEpisodeFile(record, join(data.outDir, replay));
    results.push(resultOf(record, replay));
  }
}

function send(message: FromWorker): void {
  port.postMessage(message);
}

async function start(): Promise<void> {
  try {
    policies = { base: await loadPolicySet(data.baseRef), candidate: await loadPolicySet(data.candidateRef) };
    send({ type: 'ready' });
  } catch (err) {
    send({ type: 'error', message: (err as Error).message, name: (err as Error).name, input: isInputError(err) });
    return;
  }
  const inFlight = new Set<Promise<void>>();
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'close') {
      // Pairs still running (the run failed elsewhere) end at their next policy call; then the
      // worlds and the inference sessions are released, before the thread ends.
      lockstep.abort();
      void Promise.allSettled(inFlight)
        .then(() => {
          for (const w of allWorlds) w.close();
          return Promise.all([closePolicySet(policies!.base), closePolicySet(policies!.candidate)]);
        })
        .finally(() => port.close());
      return;
    }
    const job = msg.job;
    const done: Promise<void> = runPair(job).then(
      ({ results, timing }) => send({ type: 'pair', job, results, timing }),
      (err: Error) => send({ type: 'error', message: err.message, name: err.name, input: isInputError(err), job }),
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
}

void start();
