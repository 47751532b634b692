import type { SeededRandom } from '../../scenarios/index.js';

// The cross-entropy method over the unit box [0, 1]^d, minimising. Chosen over CMA-ES because
// a hunt has a budget of tens of episodes, a handful of generations: CMA-ES spends its first
// generations learning a covariance it never gets to use at that budget, while CEM's
// independent per-coordinate Gaussians fitted to the elites climb from the first generation.
// CEM uses only the rank of the scores, so a simulator's steps and thresholds (an objective
// that is flat in places and jumps at a contact) do not throw it off, and it has few settings.
// Each restart begins from a Latin hypercube over the whole box, so the first generation
// covers every coordinate's range evenly; a restart follows a collapse or a stall.

export interface CrossEntropyOptions {
  dims: number;
  /** Points per generation. */
  population: number;
  /** Share of a generation kept as elites (at least 2 points). */
  eliteFraction?: number;
  /** Weight of the new elite fit against the previous distribution. */
  smoothing?: number;
  /** Restart when every coordinate's spread is below this (unit-box lengths). */
  minStd?: number;
  /** Restart after this many generations without a better point. */
  stallGenerations?: number;
}

interface Distribution {
  mean: number[];
  std: number[];
}

export class CrossEntropySearch {
  readonly population: number;
  private readonly eliteFraction: number;
  private readonly smoothing: number;
  private readonly minStd: number;
  private readonly stallGenerations: number;
  /** undefined: the next generation is a restart's Latin hypercube. */
  private dist: Distribution | undefined;
  private stalled = 0;
  private restartBest = Number.POSITIVE_INFINITY;
  /** Restarts so far, the first run not counted. */
  restarts = 0;
  generations = 0;
  best: { point: number[]; score: number } | undefined;

  constructor(
    private readonly opts: CrossEntropyOptions,
    private readonly rng: SeededRandom,
  ) {
    if (opts.dims < 1) throw new Error('cross-entropy search needs at least one dimension');
    this.population = Math.max(2, Math.floor(opts.population));
    this.eliteFraction = opts.eliteFraction ?? 0.25;
    this.smoothing = opts.smoothing ?? 0.8;
    this.minStd = opts.minStd ?? 0.01;
    this.stallGenerations = opts.stallGenerations ?? 4;
  }

  /** The next generation's points (fewer when the caller's budget is short). */
  ask(count = this.population): number[][] {
    const n = Math.max(1, Math.min(count, this.population));
    if (!this.dist) return latinHypercube(n, this.opts.dims, this.rng);
    const { mean, std } = this.dist;
    return Array.from({ length: n }, () => mean.map((m, i) => this.truncatedNormal(m, std[i]!)));
  }

  /** Scores of the points ask() gave, lower is better. */
  tell(points: number[][], scores: number[]): void {
    if (points.length !== scores.length) throw new Error('tell: one score per point');
    this.generations += 1;
    const order = points.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
    const genBest = scores[order[0]!]!;
    if (!this.best || genBest < this.best.score) this.best = { point: [...points[order[0]!]!], score: genBest };
    if (genBest < this.restartBest) {
      this.restartBest = genBest;
      this.stalled = 0;
    } else {
      this.stalled += 1;
    }
    const eliteCount = Math.max(2, Math.min(points.length, Math.round(points.length * this.eliteFraction)));
    const elites = order.slice(0, eliteCount).map((i) => points[i]!);
    const fit = fitElites(elites, this.opts.dims);
    if (!this.dist) {
      this.dist = fit;
    } else {
      const a = this.smoothing;
      this.dist = {
        mean: this.dist.mean.map((m, i) => a * fit.mean[i]! + (1 - a) * m),
        std: this.dist.std.map((s, i) => a * fit.std[i]! + (1 - a) * s),
      };
    }
    if (Math.max(...this.dist.std) < this.minStd || this.stalled >= this.stallGenerations) this.restart();
  }

  /** Starts again from the whole box; the best point so far is kept. */
  restart(): void {
    this.dist = undefined;
    this.stalled = 0;
    this.restartBest = Number.POSITIVE_INFINITY;
    this.restarts += 1;
  }

  /** A normal draw kept inside [0, 1]: redrawn a few times, then clamped. */
  private truncatedNormal(mean: number, std: number): number {
    for (let k = 0; k < 8; k++) {
      const x = mean + std * this.rng.normal();
      if (x >= 0 && x <= 1) return x;
    }
    return Math.min(1, Math.max(0, mean));
  }
}

function fitElites(elites: number[][], dims: number): Distribution {
  const mean: number[] = [];
  const std: number[] = [];
  for (let i = 0; i < dims; i++) {
    const xs = elites.map((p) => p[i]!);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    mean.push(m);
    std.push(Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length));
  }
  return { mean, std };
}

/** n points in [0, 1]^d, each coordinate taking one point from each of n equal strata. */
export function latinHypercube(n: number, dims: number, rng: SeededRandom): number[][] {
  const points = Array.from({ length: n }, () => new Array<number>(dims).fill(0));
  for (let i = 0; i < dims; i++) {
    const strata = Array.from({ length: n }, (_, k) => k);
    // Fisher–Yates with the seeded generator.
    for (let k = n - 1; k > 0; k--) {
      const j = Math.floor(rng.next() * (k + 1));
      [strata[k], strata[j]] = [strata[j]!, strata[k]!];
    }
    for (let k = 0; k < n; k++) points[k]![i] = (strata[k]! + rng.next()) / n;
  }
  return points;
}
