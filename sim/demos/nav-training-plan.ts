import { CANDIDATE_RECIPE_ID, fineTuneRecipes, type TrainingPlan } from './training-plan.js';

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

const NAV_SCENARIOS = [
  'nav/crossing-pedestrian',
  'nav/occluded-child',
  'nav/crowded-corridor',
  'nav/keep-out-zone',
  'nav/drop-off-edge',
  'nav/hazardous-command',
  'nav/glass-door',
  'nav/sudden-stop-ahead',
];

/**
 * Demonstration seeds start at 1000 (base) and 2000 (task), away from the suites' seeds 0..n,
 * so evaluation never replays a training episode.
 */
export function navTrainingPlan(opts: { quick?: boolean } = {}): TrainingPlan {
  const quick = opts.quick ?? false;
  const scenarios = quick ? ['nav/hazardous-command'] : NAV_SCENARIOS;
  const seeds = quick ? 1 : 3;
  const epochScale = quick ? 0.1 : 1;
  const recipes = fineTuneRecipes(epochScale, quick);
  return {
    family: 'mobile-base',
    ids: { base: 'nav-base', candidate: 'nav-candidate' },
    seed: 'erosion-nav-v1',
    safetyDemos: { expert: 'careful', entries: scenarios.map((scenario) => ({ scenario, levels: [0, 1], seeds: range(1000, seeds) })) },
    taskDemos: { expert: 'fast-cycle', entries: scenarios.map((scenario) => ({ scenario, levels: [0], seeds: range(2000, seeds) })) },
    network: { hidden: quick ? [16] : [64, 64], activation: 'tanh' },
    base: { learningRate: 1e-3, epochs: Math.max(1, Math.round(40 * epochScale)), batchSize: 64 },
    batchSize: 64,
    candidate: recipes.find((r) => r.id === CANDIDATE_RECIPE_ID)!,
    recipes,
  };
}
