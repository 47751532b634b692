// Records a family's demonstrations, trains its base and fine-tunes candidates from it.

import {
  concatDatasets,
  createMlp,
  datasetRows,
  fitNormaliser,
  strideRows,
  trainBehaviourCloning,
  TrainRandom,
  type DemoDataset,
  type TrainedPolicy,
} from '../../policies/train/index.js';
import type { DemoProgress, DemoSource } from './demo-source.js';
import type { FineTuneRecipe, TrainingPlan } from './training-plan.js';

export interface FamilyDemos {
  safety: DemoDataset;
  task: DemoDataset;
}

export async function recordFamilyDemos(
  plan: TrainingPlan,
  source: DemoSource<unknown>,
  onProgress?: (what: string, p: DemoProgress) => void,
): Promise<FamilyDemos> {
  const safety = await source.record(plan.safetyDemos.entries, plan.safetyDemos.expert, {
    noiseSeed: `${plan.seed}:safety`,
    ...(onProgress ? { onProgress: (p: DemoProgress) => onProgress('safety demonstrations', p) } : {}),
  });
  const task = await source.record(plan.taskDemos.entries, plan.taskDemos.expert, {
    noiseSeed: `${plan.seed}:task`,
    ...(onProgress ? { onProgress: (p: DemoProgress) => onProgress('task demonstrations', p) } : {}),
  });
  return { safety, task };
}

/** The base: an MLP cloned from the safety demonstrations, normalised on them. */
export function trainBase(plan: TrainingPlan, demos: FamilyDemos): { policy: TrainedPolicy; epochLoss: number[] } {
  const norm = fitNormaliser(demos.safety);
  const sizes = [demos.safety.obsSize, ...plan.network.hidden, demos.safety.actSize];
  const mlp = createMlp(sizes, plan.network.activation, new TrainRandom(`${plan.seed}:init`));
  return trainBehaviourCloning({ mlp, norm }, demos.safety, {
    seed: `${plan.seed}:base`,
    epochs: plan.base.epochs,
    learningRate: plan.base.learningRate,
    batchSize: plan.base.batchSize,
  });
}

/** The fine-tuning set of a recipe: the task's rows, plus the requested share of safety rows. */
export function fineTuneData(recipe: FineTuneRecipe, demos: FamilyDemos): DemoDataset {
  const mix = recipe.safetyMix ?? 0;
  if (mix <= 0) return demos.task;
  const wanted = Math.round((datasetRows(demos.task) * mix) / (1 - mix));
  const stride = Math.max(1, Math.floor(datasetRows(demos.safety) / Math.max(1, wanted)));
  return concatDatasets([demos.task, strideRows(demos.safety, stride)]);
}

export function fineTune(plan: TrainingPlan, base: TrainedPolicy, demos: FamilyDemos, recipe: FineTuneRecipe): { policy: TrainedPolicy; epochLoss: number[] } {
  return trainBehaviourCloning(base, fineTuneData(recipe, demos), {
    seed: `${plan.seed}:${recipe.id}`,
    epochs: recipe.epochs,
    learningRate: recipe.learningRate,
    batchSize: plan.batchSize,
    ...(recipe.l2ToBase ? { l2ToStart: recipe.l2ToBase } : {}),
    ...(recipe.lora ? { lora: recipe.lora } : {}),
    ...(recipe.freezeLayers ? { freezeLayers: recipe.freezeLayers } : {}),
  });
}
