import type { Policy } from '../../policies/policy.js';
import type { AnyLoadedScenario, ParamVector } from '../../scenarios/index.js';
import { runEpisode, type EngineVersions } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import { resultOf, type EpisodeResult } from '../record/episode-result.js';
import { huntScenario } from './hunt-world.js';

/** Base and candidate in the world of one parameter vector. */
export interface PairResult {
  base: EpisodeResult;
  candidate: EpisodeResult;
}

/**
 * Runs batches of worlds, each by both policies. A batch is the unit of parallelism: an
 * implementation may run its pairs at once, and returns them in the batch's order.
 */
export interface PairEvaluator {
  readonly scenario: AnyLoadedScenario;
  readonly level: number;
  /** The episode seed every world runs at (it keys only the scan-noise stream once parameters are pinned). */
  readonly seed: number;
  evaluate(vectors: ParamVector[]): Promise<PairResult[]>;
  close(): Promise<void>;
}

export interface InProcessOptions {
  scenario: AnyLoadedScenario;
  level: number;
  seed: number;
  base: Policy;
  candidate: Policy;
  engine: EngineVersions;
}

/**
 * Runs the pairs one after another in this thread with the run engine's episode loop, for
 * policies that exist only as objects here (the benchmark's planted regression). The caller
 * owns the policies.
 */
export function inProcessEvaluator(opts: InProcessOptions): PairEvaluator {
  return {
    scenario: opts.scenario,
    level: opts.level,
    seed: opts.seed,
    async evaluate(vectors) {
      const out: PairResult[] = [];
      for (const vector of vectors) {
        const scenario = huntScenario(opts.scenario, vector);
        const world = await createRapierWorld(scenario.spec, opts.level);
        try {
          const run = async (policy: Policy, role: 'base' | 'candidate'): Promise<EpisodeResult> =>
            resultOf(await runEpisode({ scenario, level: opts.level, seed: opts.seed, policy, role, world, engine: opts.engine }));
          const base = await run(opts.base, 'base');
          out.push({ base, candidate: await run(opts.candidate, 'candidate') });
        } finally {
          world.close();
        }
      }
      return out;
    },
    async close() {},
  };
}
