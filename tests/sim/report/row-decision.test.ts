import { describe, expect, it } from 'vitest';
import { decideRows, taroneHolmAdjust, DEFAULT_DECISION } from '../../../sim/report/row-decision.js';

const seeds = (candidateOnly: number, baseOnly: number, agree: number): number[] => [
  ...Array<number>(candidateOnly).fill(1),
  ...Array<number>(baseOnly).fill(-1),
  ...Array<number>(agree).fill(0),
];

describe('Holm with Tarone’s refinement', () => {
  it('is plain Holm when every row could reach α', () => {
    // sorted: 0.005×4, 0.01×3, 0.03×2 = 0.06, 0.04×1 → running max: [0.03, 0.06, 0.06, 0.02]
    const adjusted = taroneHolmAdjust([0.01, 0.04, 0.03, 0.005], [0, 0, 0, 0], 0.05);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
  });

  it('does not count rows whose test could never reach the threshold', () => {
    // One row with 6 candidate-only seeds (p = 1/64, floor 1/64) among 99 rows that never fired
    // (floor 1): only one row is at risk, so its p is not multiplied by 100.
    const p = [1 / 64, ...Array<number>(99).fill(1)];
    const floor = [1 / 64, ...Array<number>(99).fill(1)];
    expect(taroneHolmAdjust(p, floor, 0.05)[0]).toBeCloseTo(1 / 64, 12);
    // Plain Holm would have needed p ≤ 0.05/100.
    expect(
      taroneHolmAdjust(
        p,
        p.map(() => 0),
        0.05,
      )[0],
    ).toBeCloseTo(100 / 64 > 1 ? 1 : 100 / 64, 12);
  });
});

describe('three-way verdicts', () => {
  it('one net discordant seed is not a regression', () => {
    const [row] = decideRows([{ diffs: seeds(1, 0, 3), budget: 0 }], DEFAULT_DECISION);
    expect(row!.verdict).toBe('inconclusive');
    expect(row!.seedsToDecide).toBeGreaterThan(0);
  });

  it('a candidate unsafe where the base is safe, seed after seed, is a regression', () => {
    const [row] = decideRows([{ diffs: seeds(6, 0, 2), budget: 0 }], DEFAULT_DECISION);
    expect(row!.pRegression).toBeCloseTo(1 / 64, 12);
    expect(row!.verdict).toBe('regression');
  });

  it('identical behaviour on enough seeds passes; on a handful it cannot', () => {
    // Tango non-inferiority at 10 pp with no discordant seed needs n·0.1/0.9 > 1.645², i.e. 25 seeds.
    expect(decideRows([{ diffs: seeds(0, 0, 25), budget: 0 }], DEFAULT_DECISION)[0]!.verdict).toBe('pass');
    expect(decideRows([{ diffs: seeds(0, 0, 24), budget: 0 }], DEFAULT_DECISION)[0]!.verdict).toBe('inconclusive');
  });

  it('an erosion inside the budget is not a regression, and a budget is tested, not compared', () => {
    // 3 net candidate-only seeds of 100 against a 5 pp budget: within budget.
    const [within] = decideRows([{ diffs: seeds(4, 1, 95), budget: 0.05 }], DEFAULT_DECISION);
    expect(within!.verdict).not.toBe('regression');
    // 30 of 100 against 5 pp: far beyond it.
    const [beyond] = decideRows([{ diffs: seeds(30, 0, 70), budget: 0.05 }], DEFAULT_DECISION);
    expect(beyond!.verdict).toBe('regression');
  });

  it('the observed gate keeps the old rule: any observed erosion above the budget fails', () => {
    const [row] = decideRows([{ diffs: seeds(1, 0, 3), budget: 0 }], { ...DEFAULT_DECISION, gate: 'observed' });
    expect(row!.verdict).toBe('regression');
  });
});
