import { forward, type Mlp } from './mlp.js';
import type { Normaliser } from './demo-dataset.js';

/** A trained policy: the network and the normalisation it was trained under. */
export interface TrainedPolicy {
  mlp: Mlp;
  norm: Normaliser;
}

/** The policy's action for one raw observation, as the exported ONNX model plus manifest computes it. */
export function predictAction(p: TrainedPolicy, obs: ArrayLike<number>): number[] {
  const { norm } = p;
  const x = new Float64Array(obs.length);
  for (let i = 0; i < obs.length; i++) {
    x[i] = Math.min(norm.clip, Math.max(-norm.clip, (obs[i]! - norm.obsMean[i]!) / norm.obsStd[i]!));
  }
  const y = forward(p.mlp, x);
  return Array.from(y, (v, j) => v * norm.actStd[j]! + norm.actMean[j]!);
}
