import { SeededRandom } from '../../scenarios/seeded-random.js';

/**
 * The trainer's only source of randomness (weight init, minibatch order), so a run is
 * reproducible from its seed to the byte: the project's one seeded generator (xoshiro128** seeded
 * from sha256 of a key), plus the shuffle minibatches need.
 */
export class TrainRandom extends SeededRandom {
  /** Fisher–Yates shuffle of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.nextUint32() % (i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }
}
