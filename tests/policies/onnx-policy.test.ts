import { afterAll, describe, it, expect } from 'vitest';
import { loadOnnxPolicy, onnxRuntimeVersion } from '../../policies/onnx/onnx-policy.js';
import { NAV_OBS } from '../../policies/nav-layout.js';
import { PolicyLoadError } from '../../policies/policy-load-error.js';
import type { Policy } from '../../policies/policy.js';
import { buildNavControllerModel, NAV_BASE_PARAMS, NAV_CANDIDATE_PARAMS } from './fixtures/nav-controller-model.js';
import { navManifest, removeTempPolicies, writePolicy } from './temp-policy-dir.js';

afterAll(removeTempPolicies);

/** A nav observation: goal and optional human in the robot frame, everything else zero. */
function obs(goal: [number, number], human?: [number, number]): Float32Array {
  const o = new Float32Array(29);
  o.fill(10, 0, 16);
  o[NAV_OBS.goalXM] = goal[0];
  o[NAV_OBS.goalYM] = goal[1];
  if (human) {
    o[NAV_OBS.humanXM] = human[0];
    o[NAV_OBS.humanYM] = human[1];
    o[NAV_OBS.humanPresent] = 1;
  }
  return o;
}

/** The hand-built controller graphs (known behaviour, exact numbers) as model files with manifests. */
const FIXTURES = {
  'nav-base': () => writePolicy('nav-base', buildNavControllerModel(NAV_BASE_PARAMS)).manifestPath,
  'nav-candidate': () => writePolicy('nav-candidate', buildNavControllerModel(NAV_CANDIDATE_PARAMS)).manifestPath,
};

async function withPolicy<T>(ref: keyof typeof FIXTURES, fn: (p: Policy) => Promise<T>): Promise<T> {
  const policy = await loadOnnxPolicy(FIXTURES[ref]());
  try {
    return await fn(policy);
  } finally {
    await policy.close();
  }
}

async function loadError(path: string): Promise<PolicyLoadError> {
  const err = await loadOnnxPolicy(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PolicyLoadError);
  return err as PolicyLoadError;
}

describe('controller graphs through onnxruntime', () => {
  it('drive at top speed, straight, towards a goal 5 m ahead with no human', async () => {
    const [linear, angular] = await withPolicy('nav-base', (p) => p.act(obs([5, 0])));
    expect(linear).toBeCloseTo(1.2, 5); // min(1.2, 0.8 * 5)
    expect(angular).toBeCloseTo(0, 6);
  });

  it('slow down near the goal and turn towards a goal to the left, within the turn limit', async () => {
    const [linear, angular] = await withPolicy('nav-base', (p) => p.act(obs([0.6, 0.8])));
    // dist 1: cruise = min(1.2, 0.8) * 0.6; turn = clip(1.5 * 0.8, -1, 1)
    expect(linear).toBeCloseTo(0.48, 5);
    expect(angular).toBeCloseTo(1.0, 6);
  });

  it('base stops for a human 1 m away; the candidate keeps driving', async () => {
    const near = obs([5, 0], [1, 0]);
    const [baseLinear] = await withPolicy('nav-base', (p) => p.act(near));
    const [candLinear] = await withPolicy('nav-candidate', (p) => p.act(near));
    expect(baseLinear).toBeCloseTo(0, 6);
    expect(candLinear).toBeGreaterThan(0);
    expect(candLinear).toBeCloseTo(1.2, 5); // 1 m is already outside the candidate's slow-down band
  });

  it('base slows halfway for a human 3 m away', async () => {
    const [linear] = await withPolicy('nav-base', (p) => p.act(obs([5, 0], [3, 0])));
    expect(linear).toBeCloseTo(0.6, 5); // 1.2 * (3 - 2) / (4 - 2)
  });

  it('actBatch gives the same actions as act on each row', async () => {
    const rows = [obs([5, 0]), obs([0.6, 0.8]), obs([5, 0], [1, 0]), obs([-2, -3], [3, 1]), obs([0, 0])];
    await withPolicy('nav-base', async (p) => {
      const batch = await p.actBatch(rows);
      expect(batch).toHaveLength(rows.length);
      for (let i = 0; i < rows.length; i++) expect(Array.from(batch[i]!)).toEqual(Array.from(await p.act(rows[i]!)));
      expect(await p.actBatch([])).toEqual([]);
    });
  });

  it('carry their manifest layouts and sha256 in info', async () => {
    const info = await withPolicy('nav-candidate', async (p) => p.info);
    expect(info.id).toBe('nav-candidate');
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.observation.reduce((n, f) => n + f.size, 0)).toBe(29);
    expect(info.action.map((a) => a.name)).toEqual(['cmd.linearMps', 'cmd.angularRadps', 'cmd.refuse']);
  });

  it('load from the .onnx path, finding the manifest beside it', async () => {
    const model = buildNavControllerModel(NAV_BASE_PARAMS);
    const { modelPath } = writePolicy('beside', model);
    const p = await loadOnnxPolicy(modelPath);
    try {
      expect(p.info.id).toBe('beside');
    } finally {
      await p.close();
    }
  });

  it('apply the manifest normalisation before the model', async () => {
    const model = buildNavControllerModel(NAV_BASE_PARAMS);
    const mean = new Array<number>(29).fill(0);
    const std = new Array<number>(29).fill(1);
    std[NAV_OBS.goalXM] = 10; // goal 50 m ahead reaches the model as 5 m
    const { manifestPath } = writePolicy('normalised', model, navManifest('normalised', model, { normalisation: { mean, std } }));
    const p = await loadOnnxPolicy(manifestPath);
    try {
      const [linear] = await p.act(obs([50, 0], [1, 0]));
      expect(linear).toBeCloseTo(0, 6);
      const [free] = await p.act(obs([1, 0]));
      expect(free).toBeCloseTo(0.08, 5); // min(1.2, 0.8 * 0.1)
    } finally {
      await p.close();
    }
  });

  it('report the onnxruntime version', () => {
    expect(onnxRuntimeVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('loading refuses models that disagree with their manifest', () => {
  it('refuses an input shape that disagrees with the observation layout, naming both shapes', async () => {
    const model = buildNavControllerModel(NAV_BASE_PARAMS, { observationSize: 28 });
    const { manifestPath } = writePolicy('narrow', model);
    const err = await loadError(manifestPath);
    expect(err.problems).toHaveLength(1);
    expect(err.message).toContain('input "obs": model shape [batch,28] but manifest observation layout has 29 values');
    expect(err.message).toContain('[batch,29]');
  });

  it('reports every mismatch at once: sha256, input name and output name', async () => {
    const model = buildNavControllerModel(NAV_BASE_PARAMS, { inputName: 'x', outputName: 'y' });
    const manifest = navManifest('renamed', model, { sha256: 'f'.repeat(64) });
    const { manifestPath } = writePolicy('renamed', model, manifest);
    const err = await loadError(manifestPath);
    expect(err.problems).toHaveLength(3);
    expect(err.message).toMatch(/sha256: renamed\.onnx hashes to [0-9a-f]{64} but the manifest says f{64}/);
    expect(err.message).toContain('input "obs": the model has no input of that name (its inputs: "x")');
    expect(err.message).toContain('output "action": the model has no output of that name (its outputs: "y")');
  });

  it('refuses a model whose sha256 differs from the manifest', async () => {
    const model = buildNavControllerModel(NAV_BASE_PARAMS);
    const other = buildNavControllerModel({ ...NAV_BASE_PARAMS, stopM: 0.1 });
    const { manifestPath } = writePolicy('swapped', other, navManifest('swapped', model));
    const err = await loadError(manifestPath);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toContain('sha256');
    expect(err.problems[0]).toContain('the manifest says');
  });

  it('refuses a truncated .onnx file with a clear error', async () => {
    const full = buildNavControllerModel(NAV_BASE_PARAMS);
    const cut = full.slice(0, Math.floor(full.length / 2));
    const { manifestPath } = writePolicy('truncated', cut);
    const err = await loadError(manifestPath);
    expect(err.message).toContain('truncated.onnx is not a loadable ONNX model');
    expect(err.message).not.toMatch(/\n\s+at /); // no native stack trace
  });

  it('refuses a file that is not ONNX at all', async () => {
    const text = new TextEncoder().encode('this is not a neural network, just text\n'.repeat(20));
    const { manifestPath } = writePolicy('text', text);
    const err = await loadError(manifestPath);
    expect(err.message).toContain('text.onnx is not a loadable ONNX model');
  });

  it('refuses an empty model file', async () => {
    const { manifestPath } = writePolicy('empty', new Uint8Array(0));
    const err = await loadError(manifestPath);
    expect(err.message).toContain('empty.onnx is empty');
  });

  it('refuses a .onnx with no manifest beside it, saying which file it expected', async () => {
    const { modelPath, manifestPath } = writePolicy('lonely', buildNavControllerModel(NAV_BASE_PARAMS));
    const { rmSync } = await import('node:fs');
    rmSync(manifestPath);
    const err = await loadError(modelPath);
    expect(err.message).toContain('expected lonely.manifest.json');
  });

  it('refuses to run after close', async () => {
    const p = await loadOnnxPolicy(FIXTURES['nav-base']());
    await p.close();
    await expect(p.act(obs([5, 0]))).rejects.toThrow(/closed/);
  });

  it('refuses an observation of the wrong length', async () => {
    await withPolicy('nav-base', async (p) => {
      await expect(p.act(new Float32Array(28))).rejects.toThrow(/28 values, the layout has 29/);
    });
  });
});
