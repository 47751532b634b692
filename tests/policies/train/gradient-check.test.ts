import { describe, expect, it } from 'vitest';
import { bcLossAndGrads, createMlp, paramRefs, withLora, TrainRandom, type LossOptions, type Mlp } from '../../../policies/train/index.js';

const IN = 5;
const OUT = 3;
const ROWS = 4;

function data(seed: string): { xs: Float64Array; ys: Float64Array } {
  const rng = new TrainRandom(seed);
  const xs = Float64Array.from({ length: ROWS * IN }, () => rng.normal());
  const ys = Float64Array.from({ length: ROWS * OUT }, () => rng.normal());
  return { xs, ys };
}

/** Central differences of the loss against every parameter, compared with backprop. */
function maxRelativeError(m: Mlp, opts: LossOptions = {}): number {
  const { xs, ys } = data('grad-data');
  const rows = [0, 1, 2, 3];
  const { grads } = bcLossAndGrads(m, xs, ys, rows, opts);
  const h = 1e-6;
  let worst = 0;
  for (const p of paramRefs(m, grads)) {
    for (let i = 0; i < p.values.length; i++) {
      const keep = p.values[i]!;
      p.values[i] = keep + h;
      const up = bcLossAndGrads(m, xs, ys, rows, opts).loss;
      p.values[i] = keep - h;
      const down = bcLossAndGrads(m, xs, ys, rows, opts).loss;
      p.values[i] = keep;
      const numeric = (up - down) / (2 * h);
      const err = Math.abs(numeric - p.grad[i]!) / Math.max(1e-4, Math.abs(numeric) + Math.abs(p.grad[i]!));
      worst = Math.max(worst, err);
    }
  }
  return worst;
}

describe('trainer gradients against finite differences', () => {
  it('dense layers with tanh', () => {
    expect(maxRelativeError(createMlp([IN, 6, 4, OUT], 'tanh', new TrainRandom('tanh')))).toBeLessThan(1e-5);
  });

  it('dense layers with relu', () => {
    // Biases nudged off zero so no pre-activation sits on the kink, where a derivative does not exist.
    const m = createMlp([IN, 6, OUT], 'relu', new TrainRandom('relu'));
    m.layers.forEach((l) => l.b.forEach((_, i) => (l.b[i] = 0.05 * (i + 1))));
    expect(maxRelativeError(m)).toBeLessThan(1e-5);
  });

  it('low-rank adapters (A and B, with non-zero B)', () => {
    const rng = new TrainRandom('lora');
    const m = withLora(createMlp([IN, 6, OUT], 'tanh', rng), 2, 4, rng);
    for (const l of m.layers) l.lora!.b.forEach((_, i) => (l.lora!.b[i] = 0.3 * rng.normal()));
    expect(maxRelativeError(m)).toBeLessThan(1e-5);
  });

  it('the L2 pull toward reference weights and weighted action errors', () => {
    const reference = createMlp([IN, 4, OUT], 'tanh', new TrainRandom('ref'));
    const m = createMlp([IN, 4, OUT], 'tanh', new TrainRandom('moved'));
    expect(maxRelativeError(m, { l2ToReference: { reference, lambda: 0.3 }, actionWeights: [1, 2, 0.5] })).toBeLessThan(1e-5);
  });
});
