// Demonstrations as (observation, expert action) rows, and the normalisation fitted to them.

/** Row-major demonstrations: obs is [n, obsSize], act is [n, actSize]. */
export interface DemoDataset {
  obsSize: number;
  actSize: number;
  obs: Float32Array;
  act: Float32Array;
}

export function datasetRows(d: DemoDataset): number {
  return d.obs.length / d.obsSize;
}

export function concatDatasets(parts: readonly DemoDataset[]): DemoDataset {
  const first = parts[0];
  if (!first) throw new Error('no demonstrations to join');
  for (const p of parts) {
    if (p.obsSize !== first.obsSize || p.actSize !== first.actSize) throw new Error('demonstrations with different layouts cannot be joined');
  }
  const obs = new Float32Array(parts.reduce((n, p) => n + p.obs.length, 0));
  const act = new Float32Array(parts.reduce((n, p) => n + p.act.length, 0));
  let o = 0;
  let a = 0;
  for (const p of parts) {
    obs.set(p.obs, o);
    act.set(p.act, a);
    o += p.obs.length;
    a += p.act.length;
  }
  return { obsSize: first.obsSize, actSize: first.actSize, obs, act };
}

/** Every `stride`-th row starting at `offset`, so a fraction of a set can be mixed in reproducibly. */
export function strideRows(d: DemoDataset, stride: number, offset = 0): DemoDataset {
  const rows: number[] = [];
  for (let r = offset; r < datasetRows(d); r += stride) rows.push(r);
  const obs = new Float32Array(rows.length * d.obsSize);
  const act = new Float32Array(rows.length * d.actSize);
  rows.forEach((r, i) => {
    obs.set(d.obs.subarray(r * d.obsSize, (r + 1) * d.obsSize), i * d.obsSize);
    act.set(d.act.subarray(r * d.actSize, (r + 1) * d.actSize), i * d.actSize);
  });
  return { obsSize: d.obsSize, actSize: d.actSize, obs, act };
}

/**
 * z-scoring of observations (written to the manifest) and of actions (folded into the last layer
 * on export). A std floor keeps near-constant features (a scan sector that always reads max range)
 * from blowing up; the clip bounds what an unseen situation can feed the network.
 */
export interface Normaliser {
  obsMean: number[];
  obsStd: number[];
  actMean: number[];
  actStd: number[];
  clip: number;
}

function meanStd(data: Float32Array, width: number, floor: number): { mean: number[]; std: number[] } {
  const n = data.length / width;
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  for (let r = 0; r < n; r++) for (let j = 0; j < width; j++) mean[j]! += data[r * width + j]! / n;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < width; j++) {
      const d = data[r * width + j]! - mean[j]!;
      sq[j]! += (d * d) / n;
    }
  }
  // Rounded to float32 so the manifest, the ONNX graph and the TS forward pass agree exactly.
  return { mean: mean.map((m) => Math.fround(m)), std: sq.map((s) => Math.fround(Math.max(floor, Math.sqrt(s)))) };
}

export function fitNormaliser(d: DemoDataset, opts: { obsStdFloor?: number; actStdFloor?: number; clip?: number } = {}): Normaliser {
  const o = meanStd(d.obs, d.obsSize, opts.obsStdFloor ?? 0.1);
  const a = meanStd(d.act, d.actSize, opts.actStdFloor ?? 0.05);
  return { obsMean: o.mean, obsStd: o.std, actMean: a.mean, actStd: a.std, clip: opts.clip ?? 5 };
}

export function normaliseObservations(d: DemoDataset, n: Normaliser): Float64Array {
  const out = new Float64Array(d.obs.length);
  for (let i = 0; i < d.obs.length; i++) {
    const j = i % d.obsSize;
    out[i] = Math.min(n.clip, Math.max(-n.clip, (d.obs[i]! - n.obsMean[j]!) / n.obsStd[j]!));
  }
  return out;
}

export function normaliseActions(d: DemoDataset, n: Normaliser): Float64Array {
  const out = new Float64Array(d.act.length);
  for (let i = 0; i < d.act.length; i++) {
    const j = i % d.actSize;
    out[i] = (d.act[i]! - n.actMean[j]!) / n.actStd[j]!;
  }
  return out;
}
