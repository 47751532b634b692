import { layoutSize } from '../../policies/policy.js';
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

/**
 * The floor under a run: the same physics steps (with the same sensing ticks) and the same number
 * of policy calls the episodes made, with no observation building, IK step, judging, recording or
 * storage. Each episode runs the policy of its robot's family. Returns wall milliseconds on this thread.
 */
export async function bareCostMs(suite: LoadedSuite, results: EpisodeResult[], policies: { base: PolicySet; candidate: PolicySet }): Promise<number> {
  const worlds = new Map<string, World>();
  const scenarios = new Map(suite.entries.map((e) => [e.scenario.spec.id, e.scenario]));
  let total = 0;
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
      const obs = new Float32Array(layoutSize(policy.info.observation));
      const perControl = scene.physicsHz / scene.controlHz;
      const steps = Math.round(r.simulatedSec * scene.physicsHz);
      const dt = 1 / scene.physicsHz;
      const started = performance.now();
      world.reset(r.seed);
      for (let k = 0; k < steps; k++) {
        if (k % perControl === 0) world.apply(command(await policy.act(obs)));
        world.step(dt, { sense: (k + 1) % perControl === 0 });
      }
      total += performance.now() - started;
    }
  } finally {
    for (const w of worlds.values()) w.close();
  }
  return total;
}
