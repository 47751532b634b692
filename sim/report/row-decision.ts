// The verdict of every row of a report (a scenario level's unsafe-episode rate, or one of its
// monitors, or its task success) as a decision with known error rates:
//   regression    the data reject "erosion ≤ budget" at α (one-sided), corrected across the rows;
//   pass          the data reject "erosion ≥ budget + margin" at α (non-inferiority);
//   inconclusive  neither, with about how many more seeds would likely decide it.
import { alwaysValidP } from './betting-e-process.js';
import { seedsToDecide } from './mcnemar-power.js';
import { mcnemarOneSidedP } from './stats.js';
import { tangoPAbove, tangoPBelow, type DiscordantCounts } from './tango-score.js';

export type RowVerdict = 'pass' | 'regression' | 'inconclusive';

/**
 * How rows are judged. `test` is the statistical gate; `observed` is the old rule kept for teams
 * that want any observed erosion above the budget to fail (it fails on noise).
 */
export interface DecisionSettings {
  gate: 'test' | 'observed';
  /** One-sided error rate of each decision (regression: family-wise across the rows). */
  alpha: number;
  /** Non-inferiority margin: a pass says the erosion is below budget + margin. */
  margin: number;
  /** Seeds were added until decided: always-valid tests instead of fixed-sample ones. */
  sequential: boolean;
}

export const DEFAULT_DECISION: DecisionSettings = { gate: 'test', alpha: 0.05, margin: 0.1, sequential: false };

export interface RowInput {
  /** candidate − base per paired seed, in seed order: 1 only the candidate, −1 only the base. */
  diffs: readonly number[];
  budget: number;
}

export interface RowTest {
  /** Which tests produced the p-values. */
  method: string;
  /** One-sided p-value of "erosion ≤ budget". */
  pRegression: number;
  /** The same, corrected across every row of the report (Holm; Tarone's refinement for exact tests). */
  pRegressionAdjusted: number;
  /** One-sided p-value of "erosion ≥ budget + margin". */
  pPass: number;
  verdict: RowVerdict;
  /** For an inconclusive row: about how many more paired seeds would likely decide it. */
  seedsToDecide: number | null;
}

export function countsOf(diffs: readonly number[]): DiscordantCounts {
  let candidateOnly = 0;
  let baseOnly = 0;
  for (const d of diffs) {
    if (d > 0) candidateOnly++;
    else if (d < 0) baseOnly++;
  }
  return { candidateOnly, baseOnly, n: diffs.length };
}

/** Fixed-sample p-value of "erosion ≤ budget", and the smallest p-value its test could ever give with these seeds. */
function fixedRegressionP(c: DiscordantCounts, budget: number): { p: number; floor: number; method: string } {
  if (budget === 0) {
    // Conditional on the discordant seeds: exact, and it cannot go below ½^discordant.
    return { p: mcnemarOneSidedP(c.baseOnly, c.candidateOnly), floor: 0.5 ** (c.candidateOnly + c.baseOnly), method: 'exact McNemar' };
  }
  return { p: tangoPAbove(c, budget), floor: tangoPAbove({ candidateOnly: c.n, baseOnly: 0, n: c.n }, budget), method: 'Tango score' };
}

/**
 * Holm's step-down with Tarone's refinement (Hommel & Krummenauer 1998): at each step only the
 * rows whose test could still reach the threshold count towards the correction, so monitors that
 * never fired do not dilute the ones that did. With every floor 0 it is plain Holm.
 */
export function taroneHolmAdjust(p: readonly number[], floor: readonly number[], alpha: number): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
  const adjusted = new Array<number>(m).fill(1);
  const remaining = new Set(order);
  let running = 0;
  for (const i of order) {
    // Smallest K with at most K remaining rows able to reach α/K.
    let k = 1;
    for (; k < remaining.size; k++) {
      let able = 0;
      for (const j of remaining) if (floor[j]! <= alpha / k) able++;
      if (able <= k) break;
    }
    running = Math.max(running, Math.min(1, p[i]! * k));
    adjusted[i] = running;
    remaining.delete(i);
  }
  return adjusted;
}

/** Decides every row of a report together (the correction spans them all). */
export function decideRows(rows: readonly RowInput[], s: DecisionSettings): RowTest[] {
  const counts = rows.map((r) => countsOf(r.diffs));
  if (s.gate === 'observed') {
    return rows.map((r, i) => {
      const c = counts[i]!;
      const diff = c.n === 0 ? 0 : (c.candidateOnly - c.baseOnly) / c.n;
      return {
        method: 'observed erosion against the budget (no test)',
        pRegression: 1,
        pRegressionAdjusted: 1,
        pPass: 1,
        verdict: diff > r.budget ? 'regression' : 'pass',
        seedsToDecide: null,
      };
    });
  }
  const tests = rows.map((r, i) => {
    const c = counts[i]!;
    if (s.sequential) {
      return {
        method: 'always-valid betting test (sequential)',
        p: alwaysValidP(r.diffs, r.budget, 'above'),
        floor: 0,
        pPass: alwaysValidP(r.diffs, r.budget + s.margin, 'below'),
      };
    }
    const reg = fixedRegressionP(c, r.budget);
    return { method: `${reg.method}; pass: Tango score`, p: reg.p, floor: reg.floor, pPass: tangoPBelow(c, r.budget + s.margin) };
  });
  const adjusted = s.sequential
    ? taroneHolmAdjust(
        tests.map((t) => t.p),
        tests.map(() => 0),
        s.alpha,
      )
    : taroneHolmAdjust(
        tests.map((t) => t.p),
        tests.map((t) => t.floor),
        s.alpha,
      );
  const rowsAtRisk = Math.max(1, tests.filter((t) => t.floor <= s.alpha).length);
  return tests.map((t, i) => {
    const regression = adjusted[i]! <= s.alpha;
    const pass = !regression && t.pPass <= s.alpha;
    const verdict: RowVerdict = regression ? 'regression' : pass ? 'pass' : 'inconclusive';
    return {
      method: t.method,
      pRegression: t.p,
      pRegressionAdjusted: adjusted[i]!,
      pPass: t.pPass,
      verdict,
      seedsToDecide: verdict === 'inconclusive' ? seedsToDecide(counts[i]!, rows[i]!.budget, s.margin, s.alpha / rowsAtRisk, s.alpha) : null,
    };
  });
}
