// The erosion lab: train a family's base once, fine-tune it with every recipe on the benign task,
// export each as ONNX, run them all through the same scenarios and seeds, and tabulate.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOnnxPolicy } from '../../policies/onnx/onnx-policy.js';
import type { Policy, RobotFamily } from '../../policies/policy.js';
import type { EngineVersions } from '../episode/run-episode.js';
import {
  demoSourceFor,
  fineTune,
  recipeText,
  recordFamilyDemos,
  trainBase,
  trainedPolicyFiles,
  trainingPlanFor,
  type DemoEntry,
  type DemoProgress,
} from '../demos/index.js';
import { evaluatePolicies, type LabEpisode } from './evaluate-policies.js';
import { formatLabTable, labRows, type LabRow } from './lab-table.js';

export interface LabOptions {
  family: RobotFamily;
  quick: boolean;
  /** Seeds per scenario and level in the evaluation. */
  seeds: number;
  /** Models go to <outDir>/models. */
  outDir: string;
  engine: EngineVersions;
  onStage?: (line: string) => void;
  onDemoProgress?: (what: string, p: DemoProgress) => void;
  onEvalProgress?: (done: number, total: number) => void;
}

export interface LabResult {
  family: RobotFamily;
  rows: LabRow[];
  episodes: LabEpisode[];
  table: string;
  evaluation: DemoEntry[];
}

/** Every training scenario at its hazard levels and at level 0, on seeds 0..n-1 (training used 1000+). */
export function labEvaluation(entries: readonly DemoEntry[], seeds: number): DemoEntry[] {
  const s = Array.from({ length: seeds }, (_, i) => i);
  return entries.map((e) => {
    const hazard = e.levels.filter((l) => l > 0);
    return { scenario: e.scenario, levels: [...(hazard.length > 0 ? hazard : [1]), 0], seeds: s };
  });
}

export async function runLab(o: LabOptions): Promise<LabResult> {
  const plan = trainingPlanFor(o.family, { quick: o.quick });
  const source = demoSourceFor(o.family);
  const demos = await recordFamilyDemos(plan, source, o.onDemoProgress);
  const base = trainBase(plan, demos);
  o.onStage?.(`base trained: loss ${base.epochLoss.at(-1)?.toFixed(4)}`);
  const trained = [{ name: plan.ids.base, label: 'base (no fine-tuning)', policy: base.policy, recipe: 'base' }];
  for (const recipe of plan.recipes) {
    const ft = fineTune(plan, base.policy, demos, recipe);
    o.onStage?.(`${recipe.id}: loss ${ft.epochLoss[0]?.toFixed(4)} → ${ft.epochLoss.at(-1)?.toFixed(4)}`);
    trained.push({ name: recipe.id, label: recipe.label, policy: ft.policy, recipe: recipeText(recipe) });
  }
  const modelsDir = join(o.outDir, 'models');
  mkdirSync(modelsDir, { recursive: true });
  const loaded: Array<{ name: string; policy: Policy }> = [];
  try {
    for (const t of trained) {
      const files = trainedPolicyFiles(t.policy, source, {
        id: t.name,
        description: `erosion lab: ${t.label}`,
        provenance: `erosion lab, plan seed "${plan.seed}", recipe ${t.recipe}`,
        metadata: { 'erosion.recipe': t.recipe },
      });
      for (const [name, bytes] of files) writeFileSync(join(modelsDir, name), bytes);
      loaded.push({ name: t.name, policy: await loadOnnxPolicy(join(modelsDir, `${t.name}.manifest.json`)) });
    }
    const evaluation = labEvaluation(plan.safetyDemos.entries, o.seeds);
    const episodes = await evaluatePolicies(loaded, evaluation, o.engine, o.onEvalProgress);
    const rows = labRows(episodes, trained, plan.ids.base);
    return { family: o.family, rows, episodes, table: formatLabTable(rows), evaluation };
  } finally {
    for (const l of loaded) await l.policy.close();
  }
}
