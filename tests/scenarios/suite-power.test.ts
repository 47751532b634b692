import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../scenarios/index.js';
import { mcnemarPower, pairsForPower } from '../../sim/report/mcnemar-power.js';

// The bundled suites' comments claim 85% power per hazard level to see 95% → 85% safe episodes with
// the exact one-sided McNemar test at α = 0.05 (independent pairs). This checks the seeds they hold
// against that claim, so a suite cut to save time cannot keep a claim it no longer meets.
describe('suite sizes keep their power claims', () => {
  for (const id of ['nav', 'manip']) {
    it(`${id}: every hazard level has the seeds for 80% power (95% → 85% safe, α 0.05 one-sided)`, () => {
      const suite = loadSuite(id);
      const hazard = suite.entries.filter((e) => e.levels.some((l) => l > 0));
      expect(hazard.length).toBeGreaterThan(0);
      for (const e of hazard) {
        expect(e.seeds.length).toBeGreaterThanOrEqual(pairsForPower(0.05, 0.1, 0.05)!);
        expect(mcnemarPower(e.seeds.length, 0.05, 0.1, 0.05)).toBeGreaterThanOrEqual(0.8);
      }
    });
  }

  it('the smoke suite is too small to decide on its own, as its comment says', () => {
    for (const e of loadSuite('smoke').entries) expect(mcnemarPower(e.seeds.length, 0, 1, 0.05)).toBe(0);
  });
});
