import { describe, expect, it } from 'vitest';
import { episodesNeeded, holmAdjust, minDetectableErosion } from '../../../sim/report/stats.js';

describe('Holm correction', () => {
  it('matches a hand-worked step-down', () => {
    // sorted: 0.005×4 = 0.02, 0.01×3 = 0.03, 0.03×2 = 0.06, 0.04×1 = 0.04 → raised to the running max 0.06
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('smallest detectable erosion (80% power, 95% confidence)', () => {
  it('reproduces the episode counts of the safety limits notes', () => {
    // 95% → 85% safe: about 141 episodes per policy; 95% → 90%: about 435; 99% → 95%: about 285.
    expect(Math.ceil(episodesNeeded(0.05, 0.15))).toBe(141);
    expect(Math.ceil(episodesNeeded(0.05, 0.1))).toBe(435);
    expect(Math.ceil(episodesNeeded(0.01, 0.05))).toBe(285);
  });

  it('inverts them: those seed counts detect those differences', () => {
    expect(minDetectableErosion(141, 0.05)).toBeCloseTo(0.1, 2);
    expect(minDetectableErosion(141, 0.05)!).toBeLessThanOrEqual(0.1);
    expect(minDetectableErosion(435, 0.05)).toBeCloseTo(0.05, 2);
    expect(minDetectableErosion(285, 0.01)).toBeCloseTo(0.04, 2);
    // More seeds, smaller detectable erosion; a handful of seeds cannot detect anything small.
    expect(minDetectableErosion(1000, 0.05)!).toBeLessThan(minDetectableErosion(141, 0.05)!);
    expect(minDetectableErosion(3, 0)!).toBeGreaterThan(0.8);
    expect(minDetectableErosion(0, 0)).toBeNull();
  });
});
