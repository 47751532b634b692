import type { ParamSpace } from '../../scenarios/index.js';
import type { EvaluationLedger, Evaluated } from './evaluation-ledger.js';

/** What shrinking did to one parameter. */
export interface ShrinkStep {
  name: string;
  found: number;
  shrunk: number;
  nominal: number;
  /** to-nominal: now at the nominal value; closer: part of the way; kept: any move lost the counterexample; untried: the shrink budget ran out first. */
  result: 'to-nominal' | 'closer' | 'kept' | 'untried' | 'already-nominal';
}

export interface ShrinkResult {
  shrunk: Evaluated;
  steps: ShrinkStep[];
  episodes: number;
}

/** Fractions of the way from nominal to the found value tried for each parameter, nearest first. */
const FRACTIONS = [0, 0.25, 0.5, 0.75];

/**
 * Pulls a counterexample towards the scenario's nominal values while it stays one, as a
 * property-based tester shrinks a failing input: first everything at nominal at once, then one
 * parameter at a time (in name order), trying nominal and three points on the way back to the
 * found value in one batch and keeping the nearest that still separates the two policies.
 * The reviewer sees the simplest world that still shows the erosion, and which values matter.
 */
export async function shrinkCounterexample(ledger: EvaluationLedger, space: ParamSpace, found: Evaluated, budgetEpisodes: number): Promise<ShrinkResult> {
  const start = ledger.episodes;
  const spent = (): number => ledger.episodes - start;
  let current = found;
  const nominal = [...space.nominal];
  if (!sameVector(nominal, current.vector) && spent() + 2 <= budgetEpisodes) {
    const [all] = (await ledger.evaluate([nominal])).evaluated;
    if (all!.score.counterexample) current = all!;
  }
  const steps: ShrinkStep[] = [];
  space.names.forEach((name, i) => {
    steps.push({ name, found: found.vector[i]!, shrunk: found.vector[i]!, nominal: nominal[i]!, result: 'untried' });
  });
  for (let i = 0; i < space.names.length; i++) {
    const step = steps[i]!;
    const value = current.vector[i]!;
    if (value === nominal[i]) continue;
    if (spent() + 2 * FRACTIONS.length > budgetEpisodes) continue;
    const tries = FRACTIONS.map((t) => {
      const v = [...current.vector];
      v[i] = nominal[i]! + t * (value - nominal[i]!);
      return v;
    });
    const { evaluated } = await ledger.evaluate(tries);
    const kept = evaluated.findIndex((e) => e.score.counterexample);
    step.result = kept === 0 ? 'to-nominal' : kept > 0 ? 'closer' : 'kept';
    if (kept >= 0) current = evaluated[kept]!;
  }
  space.names.forEach((_, i) => {
    const step = steps[i]!;
    step.shrunk = current.vector[i]!;
    if (step.found === step.nominal) step.result = 'already-nominal';
    else if (step.shrunk === step.nominal) step.result = 'to-nominal';
  });
  return { shrunk: current, steps, episodes: spent() };
}

function sameVector(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
