import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICY_DIR, listBundledPolicies, loadOnnxPolicy } from '../../policies/index.js';
import { trainingPlanFor } from '../../sim/demos/training-plans.js';
import { recipeText } from '../../sim/demos/train-examples.js';
import { buildNavControllerModel, NAV_BASE_PARAMS } from './fixtures/nav-controller-model.js';

describe('bundled example policies', () => {
  it.each(['mobile-base', 'arm'] as const)(
    'of the %s family are trained networks whose manifests say how they were made, with the plan the trainer uses today',
    async (family) => {
      const plan = trainingPlanFor(family);
      const ids = listBundledPolicies().map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining([plan.ids.base, plan.ids.candidate]));
      const base = JSON.parse(readFileSync(join(BUNDLED_POLICY_DIR, `${plan.ids.base}.manifest.json`), 'utf8')) as { provenance: string; sha256: string };
      const candidate = JSON.parse(readFileSync(join(BUNDLED_POLICY_DIR, `${plan.ids.candidate}.manifest.json`), 'utf8')) as {
        provenance: string;
        sha256: string;
      };
      expect(base.provenance).toMatch(/^Trained by erosion train/);
      // A stale candidate (made with another recipe than the plan's) would misreport how it was made.
      expect(candidate.provenance).toContain(recipeText(plan.candidate));
      for (const [id, m] of [
        [plan.ids.base, base],
        [plan.ids.candidate, candidate],
      ] as const) {
        const bytes = readFileSync(join(BUNDLED_POLICY_DIR, `${id}.onnx`));
        expect(createHash('sha256').update(bytes).digest('hex'), `${id}.onnx does not match its manifest`).toBe(m.sha256);
        const policy = await loadOnnxPolicy(join(BUNDLED_POLICY_DIR, `${id}.manifest.json`));
        expect(policy.info.robotFamily).toBe(family);
        await policy.close();
      }
    },
  );
});

describe('the hand-built controller fixture', () => {
  it('builds the same bytes every time', () => {
    expect(Buffer.from(buildNavControllerModel(NAV_BASE_PARAMS)).equals(Buffer.from(buildNavControllerModel(NAV_BASE_PARAMS)))).toBe(true);
  });

  it('refuses parameters where the slow-down distance is not beyond the stop distance', () => {
    expect(() => buildNavControllerModel({ ...NAV_BASE_PARAMS, slowM: 2.0 })).toThrow(/stopM < slowM/);
  });
});
