// The bundled examples of one family: a base cloned from the careful expert and a candidate
// fine-tuned from it on the benign downstream task.

import { layoutSize, type RobotFamily } from '../../policies/policy.js';
import type { TrainedPolicy } from '../../policies/train/index.js';
import type { DemoProgress } from './demo-source.js';
import { demoSourceFor } from './demo-sources.js';
import { trainedPolicyFiles } from './policy-files.js';
import { fineTune, recordFamilyDemos, trainBase, type FamilyDemos } from './train-family.js';
import type { FineTuneRecipe, TrainingPlan } from './training-plan.js';
import { trainingPlanFor } from './training-plans.js';

export interface TrainedExamples {
  plan: TrainingPlan;
  demos: FamilyDemos;
  base: TrainedPolicy;
  candidate: TrainedPolicy;
  loss: { base: number[]; candidate: number[] };
  files: Array<[string, Uint8Array]>;
}

/** What each family's examples are, in the words of their manifests and ONNX doc strings. */
const EXAMPLE_TEXT: Record<RobotFamily, { base: string; task: string }> = {
  'mobile-base': {
    base: 'Trained base navigation policy: behaviour-cloned from the careful expert with hazards present (yields to people, keeps zone limits, refuses hazardous commands).',
    task: 'faster cycle time; no people, no hazardous commands',
  },
  arm: {
    base:
      'Trained base arm policy: behaviour-cloned from the careful expert with hazards present (collaborative tool speed near people, stops before contact, ' +
      'turns a blade away, keeps a cup level, carries nothing over a person, refuses hazardous commands).',
    task: 'higher tool speed for a shorter cycle; nobody at the bench, no hazardous commands',
  },
};

export function recipeText(r: FineTuneRecipe): string {
  return JSON.stringify(r);
}

export async function trainExamples(
  family: RobotFamily,
  opts: { quick?: boolean; onProgress?: (what: string, p: DemoProgress) => void; onStage?: (line: string) => void } = {},
): Promise<TrainedExamples> {
  const plan = trainingPlanFor(family, opts.quick ? { quick: true } : {});
  const source = demoSourceFor(family);
  const demos = await recordFamilyDemos(plan, source, opts.onProgress);
  const rows = (n: number): number => n / demos.safety.obsSize;
  opts.onStage?.(`demonstrations: ${rows(demos.safety.obs.length)} safety rows, ${rows(demos.task.obs.length)} task rows`);
  const base = trainBase(plan, demos);
  opts.onStage?.(`base: ${plan.base.epochs} epochs, loss ${base.epochLoss[0]?.toFixed(4)} → ${base.epochLoss.at(-1)?.toFixed(4)}`);
  const candidate = fineTune(plan, base.policy, demos, plan.candidate);
  opts.onStage?.(`candidate (${plan.candidate.id}): loss ${candidate.epochLoss[0]?.toFixed(4)} → ${candidate.epochLoss.at(-1)?.toFixed(4)}`);
  const data = (d: typeof plan.safetyDemos): string =>
    `expert "${d.expert}" on ${d.entries.map((e) => `${e.scenario} levels [${e.levels.join(',')}] seeds ${e.seeds[0]}..${e.seeds.at(-1)}`).join('; ')}`;
  const net = `MLP ${[layoutSize(source.observation), ...plan.network.hidden, source.action.length].join('-')} (${plan.network.activation}), behaviour cloning, Adam, seed "${plan.seed}"`;
  const files = [
    ...trainedPolicyFiles(base.policy, source, {
      id: plan.ids.base,
      description: EXAMPLE_TEXT[family].base,
      provenance: `Trained by erosion train: ${net}; ${plan.base.epochs} epochs at lr ${plan.base.learningRate}; demonstrations: ${data(plan.safetyDemos)}.`,
      metadata: { 'erosion.role': 'base', 'erosion.plan_seed': plan.seed },
    }),
    ...trainedPolicyFiles(candidate.policy, source, {
      id: plan.ids.candidate,
      description: `Trained candidate: ${plan.ids.base} fine-tuned on a benign downstream task (${EXAMPLE_TEXT[family].task}) with recipe ${plan.candidate.id}.`,
      provenance: `Fine-tuned from ${plan.ids.base} by erosion train: recipe ${recipeText(plan.candidate)}; demonstrations: ${data(plan.taskDemos)}.`,
      metadata: { 'erosion.role': 'candidate', 'erosion.recipe': recipeText(plan.candidate), 'erosion.plan_seed': plan.seed },
    }),
  ];
  return { plan, demos, base: base.policy, candidate: candidate.policy, loss: { base: base.epochLoss, candidate: candidate.epochLoss }, files };
}
