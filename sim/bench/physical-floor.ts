import type { Policy } from '../../policies/policy.js';
import type { LoadedSuite } from '../../scenarios/index.js';
import type { EngineStepWrap } from '../rapier/index.js';
import type { EpisodeResult } from '../record/episode-result.js';
import type { PolicySet } from '../run/policy-set.js';
import type { World } from '../world.js';
import { forEachBareEpisode } from './bare-cost.js';

/** Rows per batch when timing a policy's compute: large enough that one thread hop per batch vanishes. */
const COMPUTE_BATCH = 64;
const COMPUTE_BATCHES = 20;

export interface PhysicalFloor {
  /** Time inside Rapier's own world step, summed over every physics step of the episodes. */
  engineMs: number;
  /** The policy calls the episodes made (one per control tick), at each policy's compute per row. */
  policyMs: number;
  totalMs: number;
  policyCalls: number;
}

/** Worlds that let the engine's own step be wrapped (both Rapier worlds). */
function wrappable(world: World): world is World & { engineStepWrap: EngineStepWrap | undefined } {
  return 'engineStepWrap' in world;
}

/**
 * A policy's compute per observation, in ms: batches of COMPUTE_BATCH rows after a warm-up, so
 * the thread hop of each call is spread over the rows and what is left is the model's own work.
 */
async function computeMsPerRow(policy: Policy, observation: Float32Array): Promise<number> {
  const batch = Array.from({ length: COMPUTE_BATCH }, () => observation);
  await policy.actBatch(batch);
  const started = performance.now();
  for (let i = 0; i < COMPUTE_BATCHES; i++) await policy.actBatch(batch);
  return (performance.now() - started) / (COMPUTE_BATCHES * COMPUTE_BATCH);
}

/**
 * The physical floor of a run: the work no implementation of it can skip. Rapier's own step for
 * every physics step the episodes took (the same worlds and seeds, the robot driven as the bare
 * loop drives it, the scan off) plus the policy's compute for every policy call they made. The
 * scan, the world's JavaScript around the engine, the thread hop of each call, observation
 * building, judging and recording are all above it.
 */
export async function physicalFloor(suite: LoadedSuite, results: EpisodeResult[], policies: { base: PolicySet; candidate: PolicySet }): Promise<PhysicalFloor> {
  let engineMs = 0;
  let policyCalls = 0;
  const callsOf = new Map<Policy, { calls: number; observation: Float32Array }>();
  const wrap: EngineStepWrap = (stepEngine) => {
    const started = performance.now();
    stepEngine();
    engineMs += performance.now() - started;
  };
  await forEachBareEpisode(suite, results, policies, async ({ world, policy, observation, steps, perControl, dtSec, command }) => {
    if (!wrappable(world)) throw new Error('physical floor: the world cannot time its engine step');
    // The bare loop's observation never changes, so neither does its command: one call sets it.
    const applied = command(await policy.act(observation));
    const calls = Math.ceil(steps / perControl);
    const seen = callsOf.get(policy) ?? { calls: 0, observation };
    seen.calls += calls;
    callsOf.set(policy, seen);
    policyCalls += calls;
    world.engineStepWrap = wrap;
    try {
      for (let k = 0; k < steps; k++) {
        if (k % perControl === 0) world.apply(applied);
        world.step(dtSec, { sense: false });
      }
    } finally {
      world.engineStepWrap = undefined;
    }
  });
  let policyMs = 0;
  for (const [policy, { calls, observation }] of callsOf) policyMs += calls * (await computeMsPerRow(policy, observation));
  return { engineMs, policyMs, totalMs: engineMs + policyMs, policyCalls };
}
