import type { ParamRef } from './mlp.js';

/** Adam (Kingma & Ba 2015) over named parameter tensors; frozen tensors are skipped, not zeroed. */
export class Adam {
  private readonly m = new Map<string, Float64Array>();
  private readonly v = new Map<string, Float64Array>();
  private t = 0;

  constructor(
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {}

  step(params: readonly ParamRef[], trainable: (p: ParamRef) => boolean): void {
    this.t += 1;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    for (const p of params) {
      if (!trainable(p)) continue;
      let m = this.m.get(p.name);
      let v = this.v.get(p.name);
      if (!m || !v) {
        m = new Float64Array(p.values.length);
        v = new Float64Array(p.values.length);
        this.m.set(p.name, m);
        this.v.set(p.name, v);
      }
      for (let i = 0; i < p.values.length; i++) {
        const g = p.grad[i]!;
        const mi = this.beta1 * m[i]! + (1 - this.beta1) * g;
        const vi = this.beta2 * v[i]! + (1 - this.beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        p.values[i]! -= (this.lr * (mi / c1)) / (Math.sqrt(vi / c2) + this.eps);
      }
    }
  }
}
