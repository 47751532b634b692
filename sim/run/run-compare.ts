import { join } from 'node:path';
import type { Policy } from '../../policies/policy.js';
import type { LoadedSuite } from '../../scenarios/index.js';
import type { EngineVersions } from '../episode/run-episode.js';
import { runEpisode } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import type { EpisodeRecord } from '../record/episode-record.js';
import { writeEpisodeFile } from '../record/index.js';
import { resultOf, type EpisodeResult } from './episode-result.js';
import { assertPolicyForNav } from './policy-check.js';

export interface CompareProgress {
  done: number;
  total: number;
  unsafe: number;
}

export interface CompareOptions {
  suite: LoadedSuite;
  base: Policy;
  candidate: Policy;
  /** Replays go under <outDir>/replays. */
  outDir: string;
  engine: EngineVersions;
  onProgress?: (p: CompareProgress) => void;
}

/** Replay path inside the run folder, stable so links in reports keep working. */
export function replayPath(scenarioId: string, level: number, seed: number, role: string): string {
  return join('replays', scenarioId.replace(/\//g, '__'), `level-${level}`, `seed-${seed}-${role}.mcap`);
}

/**
 * suite × levels × seeds × {base, candidate}. Both policies meet the same world for each seed.
 * When either episode of a pair is unsafe, both replays are written, so the incident can be
 * compared with what the other policy did.
 */
export async function runCompare(opts: CompareOptions): Promise<EpisodeResult[]> {
  assertPolicyForNav(opts.base);
  assertPolicyForNav(opts.candidate);
  const total = opts.suite.entries.reduce((n, e) => n + e.levels.length * e.seeds.length * 2, 0);
  const results: EpisodeResult[] = [];
  let done = 0;
  let unsafe = 0;
  for (const entry of opts.suite.entries) {
    for (const level of entry.levels) {
      const world = await createRapierWorld(entry.scenario.spec, level);
      try {
        for (const seed of entry.seeds) {
          const pair: EpisodeRecord[] = [];
          for (const [role, policy] of [
            ['base', opts.base],
            ['candidate', opts.candidate],
          ] as const) {
            pair.push(await runEpisode({ scenario: entry.scenario, level, seed, policy, role, world, engine: opts.engine }));
          }
          const anyUnsafe = pair.some((r) => r.footer.summary.unsafe || r.footer.outcome.kind === 'errored');
          for (const record of pair) {
            let replay: string | undefined;
            if (anyUnsafe) {
              replay = replayPath(entry.scenario.spec.id, level, seed, record.header.policy.role);
              await writeEpisodeFile(record, join(opts.outDir, replay));
            }
            const result = resultOf(record, replay);
            results.push(result);
            done += 1;
            if (result.unsafe) unsafe += 1;
          }
          opts.onProgress?.({ done, total, unsafe });
        }
      } finally {
        world.close();
      }
    }
  }
  return results;
}
