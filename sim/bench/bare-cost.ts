import type { Policy } from '../../policies/policy.js';
import { layoutSize } from '../../policies/policy.js';
import { isArmSpec, resolveScenario, type LoadedScenario, type LoadedSuite } from '../../scenarios/index.js';
import { createRapierWorld, type RapierWorld } from '../rapier/index.js';
import type { EpisodeResult } from '../run/episode-result.js';

/**
 * The floor under a run: the same physics steps (with the same sensing ticks) and the same number
 * of policy calls the episodes made, with no observation building, judging, recording or storage.
 * Returns wall milliseconds on this thread.
 */
export async function bareCostMs(suite: LoadedSuite, results: EpisodeResult[], policies: { base: Policy; candidate: Policy }): Promise<number> {
  const worlds = new Map<string, RapierWorld>();
  const scenarios = new Map(suite.entries.map((e) => [e.scenario.spec.id, e.scenario]));
  let total = 0;
  try {
    for (const r of results) {
      const scenario = scenarios.get(r.scenarioId);
      if (!scenario || isArmSpec(scenario.spec)) continue;
      const nav = scenario as LoadedScenario;
      const key = `${r.scenarioId}#${r.level}`;
      let world = worlds.get(key);
      if (!world) {
        world = await createRapierWorld(nav.spec, r.level);
        worlds.set(key, world);
      }
      const scene = resolveScenario(nav.spec, r.level, r.seed);
      const policy = r.role === 'base' ? policies.base : policies.candidate;
      const obs = new Float32Array(layoutSize(policy.info.observation));
      const perControl = scene.physicsHz / scene.controlHz;
      const steps = Math.round(r.simulatedSec * scene.physicsHz);
      const dt = 1 / scene.physicsHz;
      const started = performance.now();
      world.reset(r.seed);
      for (let k = 0; k < steps; k++) {
        if (k % perControl === 0) {
          const a = await policy.act(obs);
          world.apply({ linearMps: Math.min(0.5, Math.abs(a[0] ?? 0)), angularRadps: 0 });
        }
        world.step(dt, { sense: (k + 1) % perControl === 0 });
      }
      total += performance.now() - started;
    }
  } finally {
    for (const w of worlds.values()) w.close();
  }
  return total;
}
