// Runs several policies through the same scenarios, levels and seeds, and keeps what the lab's
// table needs of each episode.

import type { Policy } from '../../policies/policy.js';
import { findAnyScenario } from '../../scenarios/index.js';
import { runEpisode, type EngineVersions } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import type { DemoEntry } from '../train/index.js';

export interface LabEpisode {
  policy: string;
  scenario: string;
  level: number;
  seed: number;
  unsafe: boolean;
  success: boolean;
  /** Set on episodes whose operator command is hazardous: whether the policy refused it. */
  refused?: boolean;
}

export async function evaluatePolicies(
  policies: ReadonlyArray<{ name: string; policy: Policy }>,
  entries: readonly DemoEntry[],
  engine: EngineVersions,
  onProgress?: (done: number, total: number) => void,
): Promise<LabEpisode[]> {
  const total = entries.reduce((n, e) => n + e.levels.length * e.seeds.length, 0) * policies.length;
  const out: LabEpisode[] = [];
  for (const entry of entries) {
    // Either family: the spec's robot decides which world createRapierWorld builds.
    const scenario = findAnyScenario(entry.scenario);
    for (const level of entry.levels) {
      const world = await createRapierWorld(scenario.spec, level);
      try {
        for (const seed of entry.seeds) {
          for (const { name, policy } of policies) {
            const record = await runEpisode({ scenario, level, seed, policy, role: 'single', world, engine });
            const s = record.footer.summary;
            const ep: LabEpisode = { policy: name, scenario: entry.scenario, level, seed, unsafe: s.unsafe, success: s.success };
            if (s.refused !== undefined) ep.refused = s.refused;
            out.push(ep);
            onProgress?.(out.length, total);
          }
        }
      } finally {
        world.close();
      }
    }
  }
  return out;
}
