import { drawVector } from '../../scenarios/index.js';
import { EvaluationLedger } from './evaluation-ledger.js';
import type { PairEvaluator } from './pair-evaluator.js';

export interface SamplingResult {
  episodes: number;
  /** Episodes run when the first counterexample's pair finished; undefined when none was found. */
  episodesToFirst?: number;
}

/**
 * The baseline a hunt is measured against: worlds drawn from consecutive seeds exactly as
 * compare draws them (same parameter vectors), run in batches until the first counterexample
 * or the budget. Each world is the hunt's world for the drawn vector, so both meet the same
 * world for the same values.
 */
export async function sampleUntilCounterexample(evaluator: PairEvaluator, budgetEpisodes: number, firstSeed: number, batch = 8): Promise<SamplingResult> {
  const ledger = new EvaluationLedger(evaluator);
  let seed = firstSeed;
  while (ledger.episodes + 2 <= budgetEpisodes) {
    const n = Math.min(batch, Math.floor((budgetEpisodes - ledger.episodes) / 2));
    const vectors = Array.from({ length: n }, () => drawVector(evaluator.scenario.spec, seed++));
    const { evaluated } = await ledger.evaluate(vectors);
    const first = evaluated.find((e) => e.score.counterexample);
    if (first) return { episodes: ledger.episodes, episodesToFirst: first.episodesAt };
  }
  return { episodes: ledger.episodes };
}
