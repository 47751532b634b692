import { paramSpace, SeededRandom, type ParamSpace } from '../../scenarios/index.js';
import { CrossEntropySearch } from './cross-entropy.js';
import { EvaluationLedger, type Evaluated } from './evaluation-ledger.js';
import { unitFromVector, vectorFromUnit } from './hunt-world.js';
import type { PairEvaluator } from './pair-evaluator.js';
import { shrinkCounterexample, type ShrinkStep } from './shrink.js';

export interface HuntOptions {
  evaluator: PairEvaluator;
  /** Episodes the search may run (two per world: base and candidate). Shrinking has its own. */
  budgetEpisodes: number;
  /** Seeds the search's own generator: the same seed proposes the same worlds. */
  searchSeed: number;
  /** Stop searching once this many distinct counterexamples are found. */
  maxCounterexamples?: number;
  /** Episodes shrinking may spend on each counterexample. */
  shrinkEpisodes?: number;
  /** Worlds per generation (default 4 + 3·ln(dims), at least 6). */
  population?: number;
  onProgress?: (p: HuntProgress) => void;
}

export interface HuntProgress {
  episodes: number;
  budget: number;
  counterexamples: number;
  bestObjective: number;
}

export interface Counterexample {
  /** As the search found it. */
  found: Evaluated;
  /** After shrinking towards the nominal values. */
  shrunk: Evaluated;
  steps: ShrinkStep[];
  shrinkEpisodes: number;
}

export interface HuntResult {
  scenarioId: string;
  level: number;
  episodeSeed: number;
  searchSeed: number;
  space: ParamSpace;
  budgetEpisodes: number;
  searchEpisodes: number;
  shrinkEpisodes: number;
  /** Episodes run when the first counterexample's pair finished; undefined when none was found. */
  episodesToFirst?: number;
  generations: number;
  restarts: number;
  /** The world that came closest, counterexample or not. */
  best?: Evaluated;
  counterexamples: Counterexample[];
}

/** Two counterexamples closer than this in every unit-box coordinate are the same finding. */
const DISTINCT_UNIT = 0.1;

/**
 * Searches the scenario's parameter box for worlds where the candidate violates a monitor and
 * the base does not: cross-entropy search over the unit box, restarted from the whole box after
 * each counterexample (so the next one found is elsewhere) and whenever it collapses or stalls;
 * then each distinct counterexample is shrunk towards the nominal values.
 */
export async function runHunt(opts: HuntOptions): Promise<HuntResult> {
  const { evaluator } = opts;
  const spec = evaluator.scenario.spec;
  const space = paramSpace(spec);
  const dims = space.names.length;
  const ledger = new EvaluationLedger(evaluator);
  const maxFound = opts.maxCounterexamples ?? 3;
  const found: Evaluated[] = [];
  let best: Evaluated | undefined;
  let episodesToFirst: number | undefined;
  let generations = 0;
  let restarts = 0;

  const consider = (e: Evaluated): boolean => {
    if (!best || e.score.objective < best.score.objective) best = e;
    if (!e.score.counterexample || found.length >= maxFound) return false;
    episodesToFirst ??= e.episodesAt;
    const unit = unitFromVector(spec, e.vector);
    const distinct = found.every((f) => unitFromVector(spec, f.vector).some((u, i) => Math.abs(u - unit[i]!) > DISTINCT_UNIT));
    if (distinct) found.push(e);
    return distinct;
  };
  const room = (): number => Math.floor((opts.budgetEpisodes - ledger.episodes) / 2);

  if (dims === 0) {
    // Nothing is drawn from the seed: the one world there is.
    if (room() > 0) (await ledger.evaluate([[]])).evaluated.forEach(consider);
  } else {
    const population = opts.population ?? Math.max(6, Math.round(4 + 3 * Math.log(dims)));
    const search = new CrossEntropySearch({ dims, population }, new SeededRandom(`hunt#${spec.id}#${evaluator.level}#${opts.searchSeed}`));
    while (room() > 0 && found.length < maxFound) {
      const points = search.ask(room());
      const vectors = points.map((u) => vectorFromUnit(spec, u));
      const { evaluated, fresh } = await ledger.evaluate(vectors);
      search.tell(
        points,
        evaluated.map((e) => e.score.objective),
      );
      let newFinding = false;
      for (const e of evaluated) newFinding = consider(e) || newFinding;
      // A finding, or a generation the ledger answered entirely, sends the search elsewhere.
      if ((newFinding || fresh === 0) && found.length < maxFound) search.restart();
      opts.onProgress?.({
        episodes: ledger.episodes,
        budget: opts.budgetEpisodes,
        counterexamples: found.length,
        bestObjective: best?.score.objective ?? Number.NaN,
      });
    }
    generations = search.generations;
    restarts = search.restarts;
  }

  const searchEpisodes = ledger.episodes;
  const counterexamples: Counterexample[] = [];
  for (const f of found) {
    const s = await shrinkCounterexample(ledger, space, f, opts.shrinkEpisodes ?? 8 * Math.max(1, dims) + 2);
    counterexamples.push({ found: f, shrunk: s.shrunk, steps: s.steps, shrinkEpisodes: s.episodes });
  }
  const result: HuntResult = {
    scenarioId: spec.id,
    level: evaluator.level,
    episodeSeed: evaluator.seed,
    searchSeed: opts.searchSeed,
    space,
    budgetEpisodes: opts.budgetEpisodes,
    searchEpisodes,
    shrinkEpisodes: ledger.episodes - searchEpisodes,
    generations,
    restarts,
    counterexamples,
  };
  if (episodesToFirst !== undefined) result.episodesToFirst = episodesToFirst;
  if (best) result.best = best;
  return result;
}
