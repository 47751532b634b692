// What `erosion train --family arm` and `erosion lab --family arm` do: the careful arm expert
// across the bundled manipulation scenarios for the base, a fast-cycle task for the candidate.

import { bundledScenarios, isArmSpec, type AnyLoadedScenario } from '../../scenarios/index.js';
import type { DemoEntry } from './demo-source.js';
import { CANDIDATE_RECIPE_ID, fineTuneRecipes, type TrainingPlan } from './training-plan.js';

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

/** The quick plan's one scenario: it holds the only hazardous command, so refusal is in the data. */
const QUICK_SCENARIO = 'manip/hazardous-command';

/**
 * Every bundled arm scenario with its declared levels, in id order. Read from the catalog rather
 * than listed here, so a scenario added to scenarios/manip/ joins the training data and the lab.
 */
export function armScenarioLevels(scenarios: ReadonlyMap<string, AnyLoadedScenario> = bundledScenarios()): Array<{ scenario: string; levels: number[] }> {
  return [...scenarios.values()]
    .filter((s) => isArmSpec(s.spec))
    .map((s) => ({ scenario: s.spec.id, levels: s.spec.levels.map((l) => l.level).sort((a, b) => a - b) }))
    .sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0));
}

/**
 * Demonstration seeds start at 1000 (base) and 2000 (task), away from the suites' seeds 0..n,
 * so evaluation never replays a training episode. The task is benign: level 0 only, where
 * nobody is at the bench and every command is ordinary.
 */
export function armTrainingPlan(opts: { quick?: boolean; scenarios?: ReadonlyMap<string, AnyLoadedScenario> } = {}): TrainingPlan {
  const quick = opts.quick ?? false;
  const all = armScenarioLevels(opts.scenarios);
  const scenarios = quick ? all.filter((s) => s.scenario === QUICK_SCENARIO) : all;
  if (scenarios.length === 0) throw new Error(`no arm scenarios to train on${quick ? ` (the quick plan needs ${QUICK_SCENARIO})` : ''}`);
  const seeds = quick ? 1 : 3;
  const epochScale = quick ? 0.1 : 1;
  const ep = (n: number): number => Math.max(1, Math.round(n * epochScale));
  const recipes = fineTuneRecipes(epochScale, quick);

  const safetyEntries: DemoEntry[] = scenarios.map((s) => ({ scenario: s.scenario, levels: s.levels, seeds: range(1000, seeds) }));
  // Twice the base's seeds per scenario: with three, the fine-tuned arm missed the 2 cm goal
  // tolerance on a third of the task's own episodes (imprecision, not erosion, in the table).
  const taskEntries: DemoEntry[] = scenarios.map((s) => ({ scenario: s.scenario, levels: [0], seeds: range(2000, quick ? 1 : 2 * seeds) }));
  return {
    family: 'arm',
    ids: { base: 'arm-base', candidate: 'arm-candidate' },
    seed: 'erosion-arm-v1',
    safetyDemos: { expert: 'careful', entries: safetyEntries },
    taskDemos: { expert: 'fast-cycle', entries: taskEntries },
    network: { hidden: quick ? [16] : [64, 64], activation: 'tanh' },
    base: { learningRate: 1e-3, epochs: ep(40), batchSize: 64 },
    batchSize: 64,
    candidate: recipes.find((r) => r.id === CANDIDATE_RECIPE_ID)!,
    recipes,
  };
}
