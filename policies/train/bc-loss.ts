// The behaviour-cloning objective: weighted mean squared error between the network's
// (normalised) actions and the expert's, plus an optional L2 pull toward reference weights.

import { backward, forward, newCache, paramRefs, zeroGrads, type Mlp, type MlpGrads } from './mlp.js';

export interface LossOptions {
  /** Per action weight; default 1 each. */
  actionWeights?: readonly number[];
  /** λ·Σ(θ − θ_ref)² over every W and b: keeps fine-tuning near the base (the "L2 to base" recipe). */
  l2ToReference?: { reference: Mlp; lambda: number };
}

/**
 * Loss and gradients over a minibatch. `xs` and `ys` are row-major [rows, in] and [rows, out];
 * `rows` lists which rows form the batch.
 */
export function bcLossAndGrads(m: Mlp, xs: Float64Array, ys: Float64Array, rows: ArrayLike<number>, opts: LossOptions = {}): { loss: number; grads: MlpGrads } {
  const inSize = m.layers[0]!.inSize;
  const outSize = m.layers[m.layers.length - 1]!.outSize;
  const grads = zeroGrads(m);
  const n = rows.length;
  let loss = 0;
  const dOut = new Float64Array(outSize);
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    const cache = newCache();
    const y = forward(m, xs.subarray(row * inSize, (row + 1) * inSize), cache);
    for (let j = 0; j < outSize; j++) {
      const w = opts.actionWeights?.[j] ?? 1;
      const e = y[j]! - ys[row * outSize + j]!;
      loss += (w * e * e) / n;
      dOut[j] = (2 * w * e) / n;
    }
    backward(m, cache, dOut, grads);
  }
  const pull = opts.l2ToReference;
  if (pull && pull.lambda > 0) {
    const refs = paramRefs(pull.reference, zeroGrads(pull.reference));
    for (const p of paramRefs(m, grads)) {
      if (p.kind !== 'w' && p.kind !== 'b') continue;
      const ref = refs.find((r) => r.name === p.name)!.values;
      for (let i = 0; i < p.values.length; i++) {
        const d = p.values[i]! - ref[i]!;
        loss += pull.lambda * d * d;
        p.grad[i]! += 2 * pull.lambda * d;
      }
    }
  }
  return { loss, grads };
}
