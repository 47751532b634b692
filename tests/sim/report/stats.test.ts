import { describe, expect, it } from 'vitest';
import { mcnemarExactP, pairedDifferenceInterval, wilsonInterval } from '../../../sim/report/stats.js';

describe('statistics', () => {
  it('Wilson interval matches a textbook value', () => {
    // 5 of 50: Wilson 95% interval 0.0435 .. 0.2136 (Newcombe 1998, Table I style).
    const [lo, hi] = wilsonInterval(5, 50);
    expect(lo).toBeCloseTo(0.0435, 3);
    expect(hi).toBeCloseTo(0.2136, 3);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
  });

  it('exact McNemar: all discordant pairs one way', () => {
    // 6 vs 0: p = 2 * 0.5^6 = 0.03125
    expect(mcnemarExactP(0, 6)).toBeCloseTo(0.03125, 10);
    expect(mcnemarExactP(3, 3)).toBe(1);
    expect(mcnemarExactP(0, 0)).toBe(1);
    // 1 vs 9: 2 * (1 + 10) / 1024
    expect(mcnemarExactP(1, 9)).toBeCloseTo(22 / 1024, 10);
  });

  it('paired difference interval reduces to the Wilson-difference form when pairs are uncorrelated', () => {
    // both=2, candidateOnly=2, baseOnly=8, neither=8: a·d = b·c, so phi = 0 and
    // L = diff − sqrt((p1 − l1)² + (u2 − p2)²), U = diff + sqrt((u1 − p1)² + (p2 − l2)²).
    const n = 20;
    const p1 = 4 / n;
    const p2 = 10 / n;
    const [l1, u1] = wilsonInterval(4, n);
    const [l2, u2] = wilsonInterval(10, n);
    const [lo, hi] = pairedDifferenceInterval({ both: 2, candidateOnly: 2, baseOnly: 8, neither: 8 });
    expect(lo).toBeCloseTo(p1 - p2 - Math.hypot(p1 - l1, u2 - p2), 12);
    expect(hi).toBeCloseTo(p1 - p2 + Math.hypot(u1 - p1, p2 - l2), 12);
  });

  it('contains the estimate, and agreement of every pair gives a narrower interval around 0', () => {
    const independent = pairedDifferenceInterval({ both: 2, candidateOnly: 2, baseOnly: 8, neither: 8 });
    const correlated = pairedDifferenceInterval({ both: 9, candidateOnly: 0, baseOnly: 6, neither: 5 });
    expect(correlated[0]).toBeLessThanOrEqual(-6 / 20);
    expect(correlated[1]).toBeGreaterThanOrEqual(-6 / 20);
    expect(independent[1] - independent[0]).toBeGreaterThan(0);
    const allAgree = pairedDifferenceInterval({ both: 5, candidateOnly: 0, baseOnly: 0, neither: 15 });
    expect(allAgree[0]).toBeLessThanOrEqual(0);
    expect(allAgree[1]).toBeGreaterThanOrEqual(0);
    expect(allAgree[1] - allAgree[0]).toBeLessThan(independent[1] - independent[0]);
  });
});
