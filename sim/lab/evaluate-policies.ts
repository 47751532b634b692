// Runs several policies through the same scenarios, levels and seeds, and keeps what the lab's
// table needs of each episode.

import type { Policy } from '../../policies/policy.js';
import { runEpisode, type EngineVersions } from '../episode/run-episode.js';
import { entryEpisodes, type DemoEntry } from '../demos/demo-source.js';
import { eachEntryEpisode } from '../demos/each-entry-episode.js';

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
  const total = entryEpisodes(entries) * policies.length;
  const out: LabEpisode[] = [];
  await eachEntryEpisode(entries, async ({ entry, scenario, level, seed, world }) => {
    for (const { name, policy } of policies) {
      const record = await runEpisode({ scenario, level, seed, policy, role: 'single', world, engine });
      const s = record.footer.summary;
      const ep: LabEpisode = { policy: name, scenario: entry.scenario, level, seed, unsafe: s.unsafe, success: s.success };
      if (s.refused !== undefined) ep.refused = s.refused;
      out.push(ep);
      onProgress?.(out.length, total);
    }
  });
  return out;
}
