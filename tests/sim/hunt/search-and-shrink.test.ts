import { describe, expect, it } from 'vitest';
import { findAnyScenario, paramSpace, type AnyLoadedScenario, type ParamVector } from '../../../scenarios/index.js';
import { EvaluationLedger, runHunt, scorePair, shrinkCounterexample, type PairEvaluator } from '../../../sim/hunt/index.js';
import type { EpisodeResult } from '../../../sim/record/episode-result.js';

// The search and the shrinker only see parameter vectors and the results of the pairs run in
// them. Here a pair's results are written from a rule with a known answer (the candidate
// comes within `separation` of a person by a margin that falls as humanSpeedMps nears 1.3 m/s
// and goes negative inside 1.28-1.32), so where the counterexamples lie is known exactly. The
// planted-regression test runs the same search on the real simulator.

const scenario: AnyLoadedScenario = findAnyScenario('nav/crossing-pedestrian');
const space = paramSpace(scenario.spec);
const SPEED = space.names.indexOf('humanSpeedMps');

function result(role: 'base' | 'candidate', marginM: number): EpisodeResult {
  const unsafe = marginM < 0;
  return {
    scenarioId: scenario.spec.id,
    level: 1,
    seed: 0,
    role,
    outcome: { kind: 'timeout', timeSec: 10 },
    unsafe,
    success: false,
    severity: 0,
    violations: unsafe ? { separation: 1 } : {},
    worst: { separation: { margin: marginM, value: 0.5 + marginM, limit: 0.5, units: 'm' } },
    simulatedSec: 10,
  };
}

function ruleEvaluator(): PairEvaluator & { worlds: number } {
  const ev = {
    scenario,
    level: 1,
    seed: 0,
    worlds: 0,
    async evaluate(vectors: ParamVector[]) {
      ev.worlds += vectors.length;
      return vectors.map((v) => ({ base: result('base', 1.0), candidate: result('candidate', Math.abs(v[SPEED]! - 1.3) * 5 - 0.1) }));
    },
    async close() {},
  };
  return ev;
}

describe('the search objective', () => {
  it('ranks a counterexample below every other world, and a world the base fails too above every base-safe one', () => {
    const ce = scorePair(result('base', 1.0), result('candidate', -0.01));
    const close = scorePair(result('base', 0.01), result('candidate', 0.001));
    const bothFail = scorePair(result('base', -0.01), result('candidate', -0.5));
    const far = scorePair(result('base', 3), result('candidate', 3));
    expect(ce.counterexample).toBe(true);
    expect([close, bothFail, far].every((s) => !s.counterexample)).toBe(true);
    expect(ce.objective).toBeLessThan(close.objective);
    expect(close.objective).toBeLessThan(far.objective);
    expect(far.objective).toBeLessThan(bothFail.objective);
    // margin / (|margin| + limit): 0.5 m clear of a 0.5 m limit is one half.
    expect(scorePair(result('base', 0.5), result('candidate', 0.5)).candidate.normalised).toBeCloseTo(0.5, 12);
  });
});

describe('hunting', () => {
  it('climbs to a band 4% of one parameter wide, well inside a budget that random sampling would mostly spend without a hit', async () => {
    for (const searchSeed of [1, 2, 3]) {
      const hunt = await runHunt({ evaluator: ruleEvaluator(), budgetEpisodes: 120, searchSeed, maxCounterexamples: 1, shrinkEpisodes: 0 });
      // Random sampling hits a 0.04-wide band of a 1.1-wide range with p = 0.036 per world:
      // 60 worlds find it with probability 1 - 0.964^60 = 0.89, 10 worlds with 0.31.
      expect(hunt.counterexamples).toHaveLength(1);
      expect(Math.abs(hunt.counterexamples[0]!.found.vector[SPEED]! - 1.3)).toBeLessThan(0.02);
      expect(hunt.episodesToFirst).toBeLessThanOrEqual(120);
    }
  });

  it('is deterministic given the search seed', async () => {
    const a = await runHunt({ evaluator: ruleEvaluator(), budgetEpisodes: 60, searchSeed: 7, maxCounterexamples: 2 });
    const b = await runHunt({ evaluator: ruleEvaluator(), budgetEpisodes: 60, searchSeed: 7, maxCounterexamples: 2 });
    expect(b.counterexamples.map((c) => c.shrunk.vector)).toEqual(a.counterexamples.map((c) => c.shrunk.vector));
    expect(b.episodesToFirst).toBe(a.episodesToFirst);
  });

  it('never spends more search episodes than the budget, two per world', async () => {
    const ev = ruleEvaluator();
    const hunt = await runHunt({ evaluator: ev, budgetEpisodes: 15, searchSeed: 1, maxCounterexamples: 99, shrinkEpisodes: 0 });
    expect(hunt.searchEpisodes).toBeLessThanOrEqual(15);
    expect(ev.worlds * 2).toBe(hunt.searchEpisodes);
  });
});

describe('shrinking', () => {
  it('pulls every parameter that does not matter to its nominal value and the one that does as near as it stays a counterexample', async () => {
    const ledger = new EvaluationLedger(ruleEvaluator());
    const found = [...space.upper];
    found[SPEED] = 1.3;
    const [start] = (await ledger.evaluate([found])).evaluated;
    expect(start!.score.counterexample).toBe(true);
    const { shrunk, steps } = await shrinkCounterexample(ledger, space, start!, 200);
    // humanSpeedMps: nominal 1.05 and the points 1/4, 1/2 of the way back (1.1125, 1.175) lose it;
    // 3/4 of the way (1.2375) loses it too, so it stays at 1.3. Everything else goes to nominal.
    space.names.forEach((name, i) => {
      if (i === SPEED) {
        expect(shrunk.vector[i]).toBe(1.3);
        expect(steps[i]!.result).toBe('kept');
      } else {
        expect(shrunk.vector[i]).toBe(space.nominal[i]);
        expect(steps[i]!.result).toBe('to-nominal');
      }
    });
    expect(shrunk.score.counterexample).toBe(true);
  });

  it('stops where its budget ends and says which parameters it did not try', async () => {
    const ledger = new EvaluationLedger(ruleEvaluator());
    const found = [...space.upper];
    found[SPEED] = 1.3;
    const [start] = (await ledger.evaluate([found])).evaluated;
    const { steps, episodes } = await shrinkCounterexample(ledger, space, start!, 10);
    // The all-nominal try (2 episodes) and one parameter's four tries (8) fit; the rest do not.
    expect(episodes).toBe(10);
    expect(steps.filter((s) => s.result === 'untried').length).toBe(space.names.length - 1);
  });
});
