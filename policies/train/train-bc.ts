// Behaviour cloning with minibatch Adam, and the fine-tuning recipes that start from a trained
// policy: plain (learning rate, epochs), L2 pull toward the base, low-rank adapters, frozen layers.
// Mixing safety demonstrations back in is a choice of data, made by the caller.

import { Adam } from './adam.js';
import { bcLossAndGrads } from './bc-loss.js';
import { datasetRows, normaliseActions, normaliseObservations, type DemoDataset } from './demo-dataset.js';
import { cloneMlp, mergeLora, paramRefs, withLora, type ParamRef } from './mlp.js';
import type { TrainedPolicy } from './trained-policy.js';
import { TrainRandom } from './train-random.js';

export interface BcOptions {
  /** Seeds minibatch order and adapter initialisation. */
  seed: string;
  epochs: number;
  learningRate: number;
  batchSize: number;
  actionWeights?: readonly number[];
  /** λ of the L2 pull toward the starting weights (0 = none). */
  l2ToStart?: number;
  /** Train rank-r adapters on every layer instead of the weights; merged into the weights at the end. */
  lora?: { rank: number; alpha: number };
  /** The first k layers keep their weights. */
  freezeLayers?: number;
}

export interface BcResult {
  policy: TrainedPolicy;
  /** Mean minibatch loss of each epoch. */
  epochLoss: number[];
}

/**
 * Trains `start` on `data` under start's normalisation (a fine-tuned policy must read observations
 * exactly as its base did). Deterministic for a given seed: fixed minibatch order, no threads.
 */
export function trainBehaviourCloning(start: TrainedPolicy, data: DemoDataset, opts: BcOptions): BcResult {
  const rng = new TrainRandom(`bc:${opts.seed}`);
  const reference = cloneMlp(start.mlp);
  let mlp = opts.lora ? withLora(start.mlp, opts.lora.rank, opts.lora.alpha, rng) : cloneMlp(start.mlp);
  const xs = normaliseObservations(data, start.norm);
  const ys = normaliseActions(data, start.norm);
  const n = datasetRows(data);
  if (n === 0) throw new Error('no demonstrations to train on');
  const frozen = opts.freezeLayers ?? 0;
  const trainable = (p: ParamRef): boolean => {
    if (opts.lora) return p.kind === 'lora.a' || p.kind === 'lora.b';
    return p.layer >= frozen;
  };
  const adam = new Adam(opts.learningRate);
  const epochLoss: number[] = [];
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = rng.permutation(n);
    let sum = 0;
    let batches = 0;
    for (let startRow = 0; startRow < n; startRow += opts.batchSize) {
      const rows = order.subarray(startRow, Math.min(n, startRow + opts.batchSize));
      const lossOpts = {
        ...(opts.actionWeights ? { actionWeights: opts.actionWeights } : {}),
        ...(opts.l2ToStart ? { l2ToReference: { reference, lambda: opts.l2ToStart } } : {}),
      };
      const { loss, grads } = bcLossAndGrads(mlp, xs, ys, rows, lossOpts);
      adam.step(paramRefs(mlp, grads), trainable);
      sum += loss;
      batches += 1;
    }
    epochLoss.push(sum / batches);
  }
  if (opts.lora) mlp = mergeLora(mlp);
  return { policy: { mlp, norm: start.norm }, epochLoss };
}
