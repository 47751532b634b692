import type { ParamVector } from '../../scenarios/index.js';
import type { PairEvaluator, PairResult } from './pair-evaluator.js';
import { scorePair, type PairScore } from './pair-score.js';

/** One world, run by both policies and scored. */
export interface Evaluated {
  vector: number[];
  result: PairResult;
  score: PairScore;
  /** Episodes the hunt had run when this pair finished (its own two included). */
  episodesAt: number;
}

/**
 * Every world a hunt has run, by exact parameter values: a point the search proposes again is
 * answered from here and costs no episodes. Counts episodes (two per fresh world) in the order
 * the batch lists them, so "episodes to the first counterexample" does not depend on which
 * worker finished first.
 */
export class EvaluationLedger {
  private readonly seen = new Map<string, Evaluated>();
  episodes = 0;

  constructor(private readonly evaluator: PairEvaluator) {}

  async evaluate(vectors: ParamVector[]): Promise<{ evaluated: Evaluated[]; fresh: number }> {
    const keys = vectors.map(keyOf);
    const todo: number[] = [];
    const batchKeys = new Set<string>();
    keys.forEach((k, i) => {
      if (!this.seen.has(k) && !batchKeys.has(k)) {
        batchKeys.add(k);
        todo.push(i);
      }
    });
    const results = await this.evaluator.evaluate(todo.map((i) => vectors[i]!));
    todo.forEach((i, j) => {
      this.episodes += 2;
      const result = results[j]!;
      this.seen.set(keys[i]!, { vector: [...vectors[i]!], result, score: scorePair(result.base, result.candidate), episodesAt: this.episodes });
    });
    return { evaluated: keys.map((k) => this.seen.get(k)!), fresh: todo.length };
  }
}

function keyOf(vector: ParamVector): string {
  // String(number) round-trips a double exactly.
  return vector.map(String).join(',');
}
