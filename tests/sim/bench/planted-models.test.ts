import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../../policies/index.js';
import { readManifestFile } from '../../../policies/index.js';
import { loadPolicy } from '../../../policies/index.js';
import { PLANT, perturbWeights, readPolicyFiles, writeVerdictModels, type VerdictModels } from '../../../sim/bench/planted-models.js';

// Real inference through the project's loader (manifest check, sha256, normalisation, ORT) on
// hand-made nav observations: 16 scan sectors, odometry, goal, the nearest person, route, zone.
const dir = mkdtempSync(join(tmpdir(), 'erosion-planted-'));
let models: VerdictModels;
const loaded: Policy[] = [];
const load = async (ref: string): Promise<Policy> => {
  const p = await loadPolicy(ref);
  loaded.push(p);
  return p;
};

beforeAll(() => {
  models = writeVerdictModels(dir);
});
afterAll(async () => {
  await Promise.all(loaded.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A robot cruising at 0.6 m/s towards a goal 6 m ahead, open space, with a person at (x, y) in its frame (or none). */
function observation(person: { xM: number; yM: number } | null): Float32Array {
  const scan = new Array<number>(16).fill(5);
  const human = person ? [person.xM, person.yM, 0, 0, 1] : [10, 0, 0, 0, 0];
  return Float32Array.from([...scan, 0.6, 0, 6, 0.2, ...human, 2, 0.1, 1.2, 0]);
}

const AWAY = [null, { xM: 5, yM: 0 }, { xM: 2.6, yM: 0 }, { xM: 0.5, yM: 2.6 }, { xM: -3, yM: 1 }];
const NEAR = [
  { xM: 2.4, yM: 0 },
  { xM: 1.5, yM: 0.5 },
  { xM: 1, yM: -1 },
  { xM: -1.2, yM: 0.3 },
];

describe('planted regression of nav-base', () => {
  it('loads with a manifest whose sha256 matches its bytes and whose layout is the base one', async () => {
    const planted = await load(models.planted);
    const base = readManifestFile(models.base);
    expect(planted.info.observation).toEqual(base.input.observation);
    expect(planted.info.action).toEqual(base.output.action);
    expect(planted.info.sha256).not.toBe(base.sha256);
  });

  it('acts exactly as nav-base when no person is within 2.5 m', async () => {
    const base = await load(models.base);
    const planted = await load(models.planted);
    for (const person of AWAY) {
      const obs = observation(person);
      expect(Array.from(await planted.act(obs)), JSON.stringify(person)).toEqual(Array.from(await base.act(obs)));
    }
  });

  it('drives 1.6× as fast as nav-base with a person within 2.5 m, turning and refusing alike', async () => {
    const base = await load(models.base);
    const planted = await load(models.planted);
    for (const person of NEAR) {
      const obs = observation(person);
      const [v, w, refuse] = Array.from(await base.act(obs));
      const [pv, pw, prefuse] = Array.from(await planted.act(obs));
      expect(v, JSON.stringify(person)).toBeGreaterThan(0.05);
      expect(pv).toBeGreaterThan(v!);
      expect(pv).toBeCloseTo(v! * PLANT.factor, 5);
      expect(pw).toBe(w);
      expect(prefuse).toBe(refuse);
    }
  });
});

describe('copies of nav-base that should pass', () => {
  it('the identical copy has the same bytes under another name', async () => {
    const copy = await load(models.identical);
    expect(copy.info.id).toBe('nav-base-identical');
    expect(readFileSync(join(dir, 'nav-base-identical.onnx'))).toEqual(readPolicyFiles('nav-base').model);
  });

  it('the perturbed clone loads and acts close to, but not exactly as, nav-base', async () => {
    const base = await load(models.base);
    const clone = await load(models.perturbed);
    let differs = 0;
    for (const person of [...AWAY, ...NEAR]) {
      const obs = observation(person);
      const a = await base.act(obs);
      const b = await clone.act(obs);
      for (let k = 0; k < a.length; k++) {
        expect(Math.abs(b[k]! - a[k]!), `action ${k} with ${JSON.stringify(person)}`).toBeLessThan(0.05);
        if (b[k] !== a[k]) differs++;
      }
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('the same generator key gives the same perturbed bytes, another key other bytes', () => {
    const { model } = readPolicyFiles('nav-base');
    const a = perturbWeights(model, 0.01, 'k');
    expect(perturbWeights(model, 0.01, 'k')).toEqual(a);
    expect(perturbWeights(model, 0.01, 'other')).not.toEqual(a);
  });
});
