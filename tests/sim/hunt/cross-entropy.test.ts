import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../scenarios/index.js';
import { CrossEntropySearch, latinHypercube } from '../../../sim/hunt/cross-entropy.js';

/** Minimises f over the unit box for a number of evaluations; returns the search. */
function minimise(f: (x: number[]) => number, dims: number, evaluations: number, seed: string, population = 20): CrossEntropySearch {
  const search = new CrossEntropySearch({ dims, population }, new SeededRandom(seed));
  let used = 0;
  while (used < evaluations) {
    const points = search.ask(evaluations - used);
    search.tell(points, points.map(f));
    used += points.length;
  }
  return search;
}

describe('cross-entropy search', () => {
  it('finds the minimum of a 5-D sphere inside the box', () => {
    const centre = [0.3, 0.7, 0.5, 0.2, 0.9];
    const sphere = (x: number[]): number => x.reduce((s, v, i) => s + (v - centre[i]!) ** 2, 0);
    const search = minimise(sphere, 5, 2000, 'sphere');
    // The sphere's minimum is 0 at the centre.
    expect(search.best!.score).toBeLessThan(1e-4);
    search.best!.point.forEach((v, i) => expect(Math.abs(v - centre[i]!)).toBeLessThan(0.01));
  });

  it("finds the minimum of Rosenbrock's valley at (1, 1)", () => {
    // The box [-2, 2]^2 mapped onto the unit square; the global minimum 0 is at (1, 1).
    const rosenbrock = (u: number[]): number => {
      const x = -2 + 4 * u[0]!;
      const y = -2 + 4 * u[1]!;
      return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    };
    const search = minimise(rosenbrock, 2, 6000, 'rosenbrock', 30);
    const [u, v] = search.best!.point;
    // Axis-aligned Gaussians creep along the curved valley and restart once their spread is
    // below a hundredth of the box (a hunt wants no finer), so the tolerance is that scale.
    expect(search.best!.score).toBeLessThan(1e-2);
    expect(Math.abs(-2 + 4 * u! - 1)).toBeLessThan(0.1);
    expect(Math.abs(-2 + 4 * v! - 1)).toBeLessThan(0.2);
  });

  it('restarts out of a wide local basin into a narrow global one', () => {
    // A broad basin at 0.25 (value 0.1) and a narrow one at 0.85 (value 0): a single run
    // collapses on the broad one from most starts; restarts from the whole box find the other.
    const twoBasins = (x: number[]): number => Math.min(0.1 + (x[0]! - 0.25) ** 2, 40 * (x[0]! - 0.85) ** 2);
    const search = minimise(twoBasins, 1, 600, 'two-basins', 8);
    expect(search.restarts).toBeGreaterThan(0);
    expect(Math.abs(search.best!.point[0]! - 0.85)).toBeLessThan(0.01);
  });

  it('gives the same points for the same seed and different points for another', () => {
    const f = (x: number[]): number => x[0]! + x[1]!;
    const a = minimise(f, 2, 100, 'same');
    const b = minimise(f, 2, 100, 'same');
    const c = minimise(f, 2, 100, 'other');
    expect(a.best).toEqual(b.best);
    expect(a.best!.point).not.toEqual(c.best!.point);
  });

  it('keeps every point inside the box', () => {
    // The minimum is at a corner, so the Gaussians push against the walls.
    const search = new CrossEntropySearch({ dims: 3, population: 10 }, new SeededRandom('walls'));
    for (let g = 0; g < 30; g++) {
      const points = search.ask();
      for (const p of points) for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
      search.tell(
        points,
        points.map((p) => -p.reduce((s, v) => s + v, 0)),
      );
    }
  });

  it('draws a Latin hypercube: one point in each stratum of every coordinate', () => {
    const points = latinHypercube(10, 4, new SeededRandom('lhs'));
    for (let i = 0; i < 4; i++) {
      const strata = points.map((p) => Math.floor(p[i]! * 10)).sort((a, b) => a - b);
      expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });
});
