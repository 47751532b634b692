import { describe, expect, it } from 'vitest';
import { alwaysValidP, maxBettingWealth } from '../../../sim/report/betting-e-process.js';
import { detectableErosion, mcnemarPower, pairsForPower } from '../../../sim/report/mcnemar-power.js';
import { normalCdf, normalQuantile } from '../../../sim/report/normal.js';
import { mcnemarOneSidedP, pairedDifferenceInterval } from '../../../sim/report/stats.js';
import { tangoInterval, tangoPAbove } from '../../../sim/report/tango-score.js';
import { SeededRandom } from '../../../scenarios/seeded-random.js';

describe('paired intervals against published values', () => {
  it("Newcombe's method 10 with the continuity-corrected correlation", () => {
    // Cavo et al. 2012 as tabulated by Fagerland, Lydersen & Laake (2017), Statistical Analysis of
    // Contingency Tables, ch. 8 (their R package contingencytables, Newcombe square-and-add):
    // n11 = 59, n12 = 6, n21 = 16, n22 = 80 → −0.0621 (95% CI −0.1186 to −0.0046).
    const [lo, hi] = pairedDifferenceInterval({ both: 59, candidateOnly: 6, baseOnly: 16, neither: 80 });
    expect(lo).toBeCloseTo(-0.1186, 4);
    expect(hi).toBeCloseTo(-0.0046, 4);
    // a = 10, b = 4, c = 0, d = 34: the correction widens [0.0027, 0.170] to [−0.0070, 0.178].
    const [lo2, hi2] = pairedDifferenceInterval({ both: 10, candidateOnly: 4, baseOnly: 0, neither: 34 });
    expect(lo2).toBeCloseTo(-0.007, 4);
    expect(hi2).toBeCloseTo(0.178, 3);
  });

  it("Tango's score interval", () => {
    // Same source, Tango asymptotic score CI: −0.0621 (95% CI −0.1240 to −0.0054).
    const [lo, hi] = tangoInterval({ candidateOnly: 6, baseOnly: 16, n: 161 });
    expect(lo).toBeCloseTo(-0.124, 4);
    expect(hi).toBeCloseTo(-0.0054, 4);
    // Its one-sided test inverts it: at the lower 97.5% limit the p-value is 0.025.
    expect(tangoPAbove({ candidateOnly: 6, baseOnly: 16, n: 161 }, lo)).toBeCloseTo(0.025, 6);
  });

  it('normal tails and quantiles', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalCdf(-4)).toBeCloseTo(3.167124e-5, 9);
  });
});

describe('exact one-sided McNemar', () => {
  it('hand-worked tails', () => {
    // 6 candidate-only, 0 base-only: ½⁶.
    expect(mcnemarOneSidedP(0, 6)).toBeCloseTo(1 / 64, 12);
    // 9 vs 1: P(X ≥ 9 | 10, ½) = (10 + 1) / 1024.
    expect(mcnemarOneSidedP(1, 9)).toBeCloseTo(11 / 1024, 12);
    // The candidate better than the base is no evidence of erosion.
    expect(mcnemarOneSidedP(6, 0)).toBe(1);
    expect(mcnemarOneSidedP(0, 0)).toBe(1);
  });
});

describe('what a number of seeds can detect', () => {
  it('matches the measured power of the exact test for the nav suite', () => {
    // 140 independent pairs, 95% → 85% safe, exact McNemar at two-sided 0.05 (one-sided 0.025):
    // about 0.75, as measured when the suite's old claim of 80% was checked.
    expect(mcnemarPower(140, 0.05, 0.1, 0.025)).toBeGreaterThan(0.74);
    expect(mcnemarPower(140, 0.05, 0.1, 0.025)).toBeLessThan(0.76);
  });

  it('says "none" where the exact test cannot reach α at all', () => {
    // 4 pairs, all candidate-only: p = 1/16 > 0.05, so no erosion is ever detected.
    expect(detectableErosion(4, 0, 0.05)).toBeNull();
    // 5 pairs, all candidate-only: 1/32 ≤ 0.05, so a candidate unsafe every time is caught.
    expect(mcnemarPower(5, 0, 1, 0.05)).toBe(1);
    expect(detectableErosion(5, 0, 0.05)).not.toBeNull();
  });

  it('more pairs detect smaller erosions', () => {
    const n = pairsForPower(0.05, 0.1, 0.05)!;
    expect(mcnemarPower(n, 0.05, 0.1, 0.05)).toBeGreaterThanOrEqual(0.8);
    expect(detectableErosion(400, 0.05, 0.05)!).toBeLessThan(detectableErosion(100, 0.05, 0.05)!);
  });
});

describe('always-valid sequential test', () => {
  it('keeps its false-alarm rate however often it is looked at', () => {
    // Under "no erosion" (discordant seeds split 50/50, 30% discordant) over 200 seeds, looked at
    // after every seed: the share of runs that ever reach p ≤ 0.05 stays at or below 5%.
    const rng = new SeededRandom('false-alarm check');
    let alarms = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) {
      const diffs: number[] = [];
      for (let i = 0; i < 200; i++) {
        const u = rng.next();
        diffs.push(u < 0.15 ? 1 : u < 0.3 ? -1 : 0);
      }
      if (alwaysValidP(diffs, 0, 'above') <= 0.05) alarms++;
    }
    expect(alarms / runs).toBeLessThanOrEqual(0.05);
  });

  it('finds a candidate unsafe on every seed within about fifteen seeds', () => {
    expect(maxBettingWealth(Array(15).fill(1), 0, 'above')).toBeGreaterThan(1000);
    // And shows non-inferiority when the two policies never differ.
    expect(alwaysValidP(Array(60).fill(0), 0.1, 'below')).toBeLessThanOrEqual(0.05);
    expect(alwaysValidP(Array(10).fill(0), 0.1, 'below')).toBeGreaterThan(0.05);
  });
});
