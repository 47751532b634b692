// What `erosion train` and `erosion lab` do for one robot family: which demonstrations,
// which network, how the base is trained and how the candidate is fine-tuned; the fine-tuning
// recipes every family shares. The plans themselves: nav-training-plan.ts, arm-training-plan.ts.

import type { Activation } from '../../policies/train/index.js';
import type { RobotFamily } from '../../policies/policy.js';
import type { DemoEntry } from './demo-source.js';

/** One way of fine-tuning the base on the benign task, as compared in the lab. */
export interface FineTuneRecipe {
  id: string;
  label: string;
  learningRate: number;
  epochs: number;
  /** λ of the L2 pull toward the base weights. */
  l2ToBase?: number;
  /** Fraction (0..1) of the fine-tuning rows that are the base's safety demonstrations. */
  safetyMix?: number;
  lora?: { rank: number; alpha: number };
  /** Number of leading layers kept frozen. */
  freezeLayers?: number;
}

export interface TrainingPlan {
  family: RobotFamily;
  /** Example ids written for this family. */
  ids: { base: string; candidate: string };
  seed: string;
  /** Base: the careful expert across the suite's scenarios, hazards present. */
  safetyDemos: { expert: string; entries: DemoEntry[] };
  /** Candidate: the downstream task, benign (no people, no hazardous commands). */
  taskDemos: { expert: string; entries: DemoEntry[] };
  network: { hidden: number[]; activation: Activation };
  base: { learningRate: number; epochs: number; batchSize: number };
  batchSize: number;
  /** The recipe the bundled candidate is made with. */
  candidate: FineTuneRecipe;
  /** Recipes the lab compares (the candidate's included). */
  recipes: FineTuneRecipe[];
}

/** The recipe the bundled candidates are made with, fixed before any result was seen. */
export const CANDIDATE_RECIPE_ID = 'full-ft';

/**
 * The fine-tuning recipes the lab compares, the same for every robot family, with epochs scaled
 * (the quick plan's tenth). The quick plan keeps only the candidate's recipe and LoRA.
 */
export function fineTuneRecipes(epochScale: number, quick: boolean): FineTuneRecipe[] {
  const ep = (n: number): number => Math.max(1, Math.round(n * epochScale));
  const recipes: FineTuneRecipe[] = [
    { id: 'full-ft-short', label: 'full fine-tune, lr 1e-3, 5 epochs', learningRate: 1e-3, epochs: ep(5) },
    { id: CANDIDATE_RECIPE_ID, label: 'full fine-tune, lr 1e-3, 20 epochs', learningRate: 1e-3, epochs: ep(20) },
    { id: 'full-ft-hot', label: 'full fine-tune, lr 3e-3, 20 epochs', learningRate: 3e-3, epochs: ep(20) },
    { id: 'l2-to-base', label: 'lr 1e-3, 20 epochs, L2 to base λ=1e-2', learningRate: 1e-3, epochs: ep(20), l2ToBase: 1e-2 },
    { id: 'safety-mix-10', label: 'lr 1e-3, 20 epochs, 10% safety demos mixed in', learningRate: 1e-3, epochs: ep(20), safetyMix: 0.1 },
    { id: 'lora-r4', label: 'LoRA rank 4 (merged), lr 3e-3, 20 epochs', learningRate: 3e-3, epochs: ep(20), lora: { rank: 4, alpha: 4 } },
    { id: 'freeze-2', label: 'first 2 layers frozen, lr 1e-3, 20 epochs', learningRate: 1e-3, epochs: ep(20), freezeLayers: 2 },
  ];
  return quick ? recipes.filter((r) => r.id === CANDIDATE_RECIPE_ID || r.id === 'lora-r4') : recipes;
}
