// A small multilayer perceptron in plain float64 TypeScript: the policy network the trainer fits.
// Layers are dense (z = W·x + b), with an optional low-rank adapter (z += scale·B·(A·x)) that
// fine-tuning can train instead of W and that export merges back into W.

import type { TrainRandom } from './train-random.js';

export type Activation = 'tanh' | 'relu';

/** Low-rank adapter of one layer: A is rank×in, B is out×rank, delta W = scale·B·A. */
export interface LoraAdapter {
  rank: number;
  scale: number;
  a: Float64Array;
  b: Float64Array;
}

export interface DenseLayer {
  inSize: number;
  outSize: number;
  /** Row-major out×in. */
  w: Float64Array;
  b: Float64Array;
  lora?: LoraAdapter;
}

/** Hidden layers use `activation`; the last layer is linear. */
export interface Mlp {
  activation: Activation;
  layers: DenseLayer[];
}

/** Glorot-normal weights (tanh) or He-normal (relu), zero biases. */
export function createMlp(sizes: readonly number[], activation: Activation, rng: TrainRandom): Mlp {
  if (sizes.length < 2) throw new Error('an MLP needs at least an input and an output size');
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inSize = sizes[l]!;
    const outSize = sizes[l + 1]!;
    const std = activation === 'relu' ? Math.sqrt(2 / inSize) : Math.sqrt(2 / (inSize + outSize));
    const w = new Float64Array(inSize * outSize);
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
    layers.push({ inSize, outSize, w, b: new Float64Array(outSize) });
  }
  return { activation, layers };
}

export function cloneMlp(m: Mlp): Mlp {
  return {
    activation: m.activation,
    layers: m.layers.map((l) => ({
      inSize: l.inSize,
      outSize: l.outSize,
      w: l.w.slice(),
      b: l.b.slice(),
      ...(l.lora ? { lora: { rank: l.lora.rank, scale: l.lora.scale, a: l.lora.a.slice(), b: l.lora.b.slice() } } : {}),
    })),
  };
}

/**
 * A copy with a rank-r adapter on every layer. B starts at zero so the adapted network equals
 * the original until training moves it (the LoRA recipe); scale = alpha / rank.
 */
export function withLora(m: Mlp, rank: number, alpha: number, rng: TrainRandom): Mlp {
  const out = cloneMlp(m);
  for (const l of out.layers) {
    const r = Math.min(rank, l.inSize, l.outSize);
    const a = new Float64Array(r * l.inSize);
    for (let i = 0; i < a.length; i++) a[i] = rng.normal() / Math.sqrt(l.inSize);
    l.lora = { rank: r, scale: alpha / rank, a, b: new Float64Array(l.outSize * r) };
  }
  return out;
}

/** W += scale·B·A for every adapted layer; the result has no adapters and the same function. */
export function mergeLora(m: Mlp): Mlp {
  const out = cloneMlp(m);
  for (const l of out.layers) {
    const ad = l.lora;
    if (!ad) continue;
    for (let o = 0; o < l.outSize; o++) {
      for (let i = 0; i < l.inSize; i++) {
        let s = 0;
        for (let k = 0; k < ad.rank; k++) s += ad.b[o * ad.rank + k]! * ad.a[k * l.inSize + i]!;
        l.w[o * l.inSize + i]! += ad.scale * s;
      }
    }
    delete l.lora;
  }
  return out;
}

/** What backward() needs of a forward pass: each layer's input, pre-activation and adapter projection. */
export interface ForwardCache {
  inputs: Float64Array[];
  pre: Float64Array[];
  loraU: (Float64Array | undefined)[];
}

const act = (a: Activation, z: number): number => (a === 'tanh' ? Math.tanh(z) : z > 0 ? z : 0);
const actGrad = (a: Activation, z: number): number => {
  if (a === 'relu') return z > 0 ? 1 : 0;
  const t = Math.tanh(z);
  return 1 - t * t;
};

export function forward(m: Mlp, x: Float64Array, cache?: ForwardCache): Float64Array {
  let h = x;
  m.layers.forEach((l, li) => {
    const z = new Float64Array(l.outSize);
    let u: Float64Array | undefined;
    if (l.lora) {
      const ad = l.lora;
      u = new Float64Array(ad.rank);
      for (let k = 0; k < ad.rank; k++) {
        let s = 0;
        for (let i = 0; i < l.inSize; i++) s += ad.a[k * l.inSize + i]! * h[i]!;
        u[k] = s;
      }
    }
    for (let o = 0; o < l.outSize; o++) {
      let s = l.b[o]!;
      const row = o * l.inSize;
      for (let i = 0; i < l.inSize; i++) s += l.w[row + i]! * h[i]!;
      if (l.lora && u) for (let k = 0; k < l.lora.rank; k++) s += l.lora.scale * l.lora.b[o * l.lora.rank + k]! * u[k]!;
      z[o] = s;
    }
    if (cache) {
      cache.inputs[li] = h;
      cache.pre[li] = z;
      cache.loraU[li] = u;
    }
    const last = li === m.layers.length - 1;
    h = last ? z : z.map((v) => act(m.activation, v));
  });
  return h;
}

export function newCache(): ForwardCache {
  return { inputs: [], pre: [], loraU: [] };
}

/** Gradients shaped like the network's parameters. */
export interface MlpGrads {
  w: Float64Array[];
  b: Float64Array[];
  loraA: (Float64Array | undefined)[];
  loraB: (Float64Array | undefined)[];
}

export function zeroGrads(m: Mlp): MlpGrads {
  return {
    w: m.layers.map((l) => new Float64Array(l.w.length)),
    b: m.layers.map((l) => new Float64Array(l.b.length)),
    loraA: m.layers.map((l) => (l.lora ? new Float64Array(l.lora.a.length) : undefined)),
    loraB: m.layers.map((l) => (l.lora ? new Float64Array(l.lora.b.length) : undefined)),
  };
}

/** Adds d(loss)/d(params) for one sample to `grads`, given d(loss)/d(output) and that sample's cache. */
export function backward(m: Mlp, cache: ForwardCache, dOut: Float64Array, grads: MlpGrads): void {
  let dz = dOut;
  for (let li = m.layers.length - 1; li >= 0; li--) {
    const l = m.layers[li]!;
    const x = cache.inputs[li]!;
    const gw = grads.w[li]!;
    const gb = grads.b[li]!;
    const dx = new Float64Array(l.inSize);
    for (let o = 0; o < l.outSize; o++) {
      const d = dz[o]!;
      if (d === 0) continue;
      gb[o]! += d;
      const row = o * l.inSize;
      for (let i = 0; i < l.inSize; i++) {
        gw[row + i]! += d * x[i]!;
        dx[i]! += l.w[row + i]! * d;
      }
    }
    const ad = l.lora;
    if (ad) {
      const u = cache.loraU[li]!;
      const ga = grads.loraA[li]!;
      const gbB = grads.loraB[li]!;
      for (let k = 0; k < ad.rank; k++) {
        let g = 0;
        for (let o = 0; o < l.outSize; o++) {
          g += ad.scale * ad.b[o * ad.rank + k]! * dz[o]!;
          gbB[o * ad.rank + k]! += ad.scale * dz[o]! * u[k]!;
        }
        for (let i = 0; i < l.inSize; i++) {
          ga[k * l.inSize + i]! += g * x[i]!;
          dx[i]! += ad.a[k * l.inSize + i]! * g;
        }
      }
    }
    if (li > 0) {
      const prevPre = cache.pre[li - 1]!;
      for (let i = 0; i < dx.length; i++) dx[i]! *= actGrad(m.activation, prevPre[i]!);
    }
    dz = dx;
  }
}

/** One named parameter tensor with its gradient, for optimisers and freezing. */
export interface ParamRef {
  name: string;
  layer: number;
  kind: 'w' | 'b' | 'lora.a' | 'lora.b';
  values: Float64Array;
  grad: Float64Array;
}

export function paramRefs(m: Mlp, g: MlpGrads): ParamRef[] {
  const out: ParamRef[] = [];
  m.layers.forEach((l, li) => {
    out.push({ name: `layer${li}.w`, layer: li, kind: 'w', values: l.w, grad: g.w[li]! });
    out.push({ name: `layer${li}.b`, layer: li, kind: 'b', values: l.b, grad: g.b[li]! });
    if (l.lora) {
      out.push({ name: `layer${li}.lora.a`, layer: li, kind: 'lora.a', values: l.lora.a, grad: g.loraA[li]! });
      out.push({ name: `layer${li}.lora.b`, layer: li, kind: 'lora.b', values: l.lora.b, grad: g.loraB[li]! });
    }
  });
  return out;
}
