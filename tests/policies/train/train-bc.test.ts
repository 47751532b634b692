import { describe, expect, it } from 'vitest';
import {
  createMlp,
  exportPolicyOnnx,
  fitNormaliser,
  trainBehaviourCloning,
  TrainRandom,
  type DemoDataset,
  type TrainedPolicy,
} from '../../../policies/train/index.js';

/** A toy task: act = [x0 + x1, tanh(x2), x3 > 0 ? 1 : 0]. */
function toyData(rows: number): DemoDataset {
  const rng = new TrainRandom('toy');
  const obs = new Float32Array(rows * 4);
  const act = new Float32Array(rows * 3);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < 4; i++) obs[r * 4 + i] = rng.normal();
    act[r * 3] = obs[r * 4]! + obs[r * 4 + 1]!;
    act[r * 3 + 1] = Math.tanh(obs[r * 4 + 2]!);
    act[r * 3 + 2] = obs[r * 4 + 3]! > 0 ? 1 : 0;
  }
  return { obsSize: 4, actSize: 3, obs, act };
}

function start(data: DemoDataset): TrainedPolicy {
  return { mlp: createMlp([4, 16, 3], 'tanh', new TrainRandom('init')), norm: fitNormaliser(data) };
}

const opts = { seed: 's', epochs: 8, learningRate: 3e-3, batchSize: 16 };

describe('behaviour cloning', () => {
  it('is reproducible from its seed to the byte of the exported model', () => {
    const data = toyData(200);
    const a = exportPolicyOnnx(trainBehaviourCloning(start(data), data, opts).policy);
    const b = exportPolicyOnnx(trainBehaviourCloning(start(data), data, opts).policy);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('lowers the loss on the demonstrations', () => {
    const data = toyData(200);
    const { epochLoss } = trainBehaviourCloning(start(data), data, opts);
    expect(epochLoss.at(-1)!).toBeLessThan(0.5 * epochLoss[0]!);
  });

  it('keeps frozen layers unchanged', () => {
    const data = toyData(100);
    const s = start(data);
    const { policy } = trainBehaviourCloning(s, data, { ...opts, epochs: 2, freezeLayers: 1 });
    expect(Array.from(policy.mlp.layers[0]!.w)).toEqual(Array.from(s.mlp.layers[0]!.w));
    expect(Array.from(policy.mlp.layers[1]!.w)).not.toEqual(Array.from(s.mlp.layers[1]!.w));
  });

  it('trains only adapters under LoRA and merges them into the weights', () => {
    const data = toyData(100);
    const s = start(data);
    const { policy } = trainBehaviourCloning(s, data, { ...opts, epochs: 2, lora: { rank: 2, alpha: 2 } });
    expect(policy.mlp.layers.every((l) => l.lora === undefined)).toBe(true);
    expect(Array.from(policy.mlp.layers[0]!.w)).not.toEqual(Array.from(s.mlp.layers[0]!.w));
    // The bias is not adapted: it stays the base's.
    expect(Array.from(policy.mlp.layers[1]!.b)).toEqual(Array.from(s.mlp.layers[1]!.b));
  });

  it('moves less from the start under an L2 pull toward it', () => {
    const data = toyData(100);
    const s = start(data);
    const distance = (p: TrainedPolicy): number =>
      p.mlp.layers.reduce((sum, l, li) => sum + l.w.reduce((t, v, i) => t + (v - s.mlp.layers[li]!.w[i]!) ** 2, 0), 0);
    const free = trainBehaviourCloning(s, data, opts).policy;
    const pulled = trainBehaviourCloning(s, data, { ...opts, l2ToStart: 1 }).policy;
    expect(distance(pulled)).toBeLessThan(distance(free));
  });
});
