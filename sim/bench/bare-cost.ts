import { layoutSize, type Policy } from '../../policies/policy.js';
import { resolveAnyScenario } from '../../scenarios/index.js';
import type { LoadedSuite } from '../../scenarios/index.js';
import { actuatedJoints } from '../arm/arm-model.js';
import { armModelFor } from '../arm/arm-model-for.js';
import { createRapierWorld } from '../rapier/index.js';
import type { EpisodeResult } from '../record/episode-result.js';
import { familyOf, policyForFamily, type PolicySet } from '../run/policy-set.js';
import type { World, WorldCommand } from '../world.js';

/** Keeps the bare loop's robot moving gently, so contacts and sensing cost what they would. */
const BARE_SPEED = 0.5;

/** One episode of a run as the bare loops replay it: its world, policy, step counts and command. */
export interface BareEpisode {
  result: EpisodeResult;
  world: World;
  policy: Policy;
  /** A zero observation of the policy's layout (the loop does not build observations). */
  observation: Float32Array;
  steps: number;
  perControl: number;
  dtSec: number;
  /** The gentle command the loop applies for an action. */
  command: (action: Float32Array) => WorldCommand;
}

/**
 * Calls `each` for every episode of `results` with a world reset to its seed, one world per
 * scenario and level (closed at the end). Each episode runs the policy of its robot's family.
 */
export async function forEachBareEpisode(
  suite: LoadedSuite,
  results: EpisodeResult[],
  policies: { base: PolicySet; candidate: PolicySet },
  each: (e: BareEpisode) => Promise<void>,
): Promise<void> {
  const worlds = new Map<string, World>();
  const scenarios = new Map(suite.entries.map((e) => [e.scenario.spec.id, e.scenario]));
  try {
    for (const r of results) {
      const scenario = scenarios.get(r.scenarioId);
      if (!scenario) continue;
      const key = `${r.scenarioId}#${r.level}`;
      let world = worlds.get(key);
      if (!world) {
        world = await createRapierWorld(scenario.spec, r.level);
        worlds.set(key, world);
      }
      const spec = scenario.spec;
      const scene = resolveAnyScenario(spec, r.level, r.seed);
      const joints = scene.family === 'arm' ? actuatedJoints(armModelFor(scene)).length : 0;
      const command = (a: Float32Array): WorldCommand =>
        joints > 0
          ? { kind: 'arm', jointVelocitiesRadps: Array.from({ length: joints }, (_, i) => Math.max(-BARE_SPEED, Math.min(BARE_SPEED, a[i] ?? 0))), gripper: 1 }
          : { linearMps: Math.min(BARE_SPEED, Math.abs(a[0] ?? 0)), angularRadps: 0 };
      const policy = policyForFamily(r.role === 'base' ? policies.base : policies.candidate, familyOf(spec), r.role);
      const observation = new Float32Array(layoutSize(policy.info.observation));
      const perControl = scene.physicsHz / scene.controlHz;
      const steps = Math.round(r.simulatedSec * scene.physicsHz);
      world.reset(r.seed);
      await each({ result: r, world, policy, observation, steps, perControl, dtSec: 1 / scene.physicsHz, command });
    }
  } finally {
    for (const w of worlds.values()) w.close();
  }
}

/**
 * The "bare" cost under a run: the same physics steps (with the same sensing ticks) and the same
 * number of policy calls the episodes made, with no observation building, IK step, judging,
 * recording or storage. It still holds the scan, the world's JavaScript around the engine and a
 * thread hop per policy call: the physical floor (physical-floor.ts) leaves those out too.
 * Returns wall milliseconds on this thread.
 */
export async function bareCostMs(suite: LoadedSuite, results: EpisodeResult[], policies: { base: PolicySet; candidate: PolicySet }): Promise<number> {
  let total = 0;
  await forEachBareEpisode(suite, results, policies, async ({ world, policy, observation, steps, perControl, dtSec, command }) => {
    const started = performance.now();
    for (let k = 0; k < steps; k++) {
      if (k % perControl === 0) world.apply(command(await policy.act(observation)));
      world.step(dtSec, { sense: (k + 1) % perControl === 0 });
    }
    total += performance.now() - started;
  });
  return total;
}
