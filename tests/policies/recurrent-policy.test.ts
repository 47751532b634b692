import { afterAll, describe, expect, it } from 'vitest';
import { loadOnnxPolicy } from '../../policies/onnx/onnx-policy.js';
import { PolicyLoadError } from '../../policies/policy-load-error.js';
import { episodeOf } from '../../policies/policy.js';
import { buildCounterModel, buildGruModel, gruReferenceStep, gruWeights, weights } from './fixtures/recurrent-models.js';
import { navManifest, removeTempPolicies, writePolicy } from './temp-policy-dir.js';

afterAll(removeTempPolicies);

const HIDDEN = 4;

function gruPolicyPath(): string {
  const bytes = buildGruModel(gruWeights(HIDDEN));
  return writePolicy('gru', bytes, navManifest('gru', bytes, { state: [{ input: 'h_in', output: 'h_out', shape: [1, 1, HIDDEN] }] })).manifestPath;
}

const observations = Array.from({ length: 6 }, (_, k) => weights(29, 100 + k, 2));

describe('recurrent policies', () => {
  it('carry a GRU state from tick to tick exactly as the ONNX GRU equations do', async () => {
    const policy = await loadOnnxPolicy(gruPolicyPath());
    try {
      const episode = episodeOf(policy);
      const g = gruWeights(HIDDEN);
      let h = new Array<number>(HIDDEN).fill(0);
      for (const obs of observations) {
        const ref = gruReferenceStep(g, obs, h);
        h = ref.h;
        const action = Array.from(await episode.act(Float32Array.from(obs)));
        action.forEach((a, i) => expect(a).toBeCloseTo(ref.action[i]!, 5));
      }
      // The state matters: the last action differs from a fresh episode's answer to the same observation.
      const fresh = Array.from(await episodeOf(policy).act(Float32Array.from(observations[5]!)));
      const fromZero = gruReferenceStep(g, observations[5]!, new Array<number>(HIDDEN).fill(0)).action;
      fresh.forEach((a, i) => expect(a).toBeCloseTo(fromZero[i]!, 5));
      expect(Math.abs(fresh[0]! - gruReferenceStep(g, observations[5]!, h).action[0]!)).toBeGreaterThan(1e-3);
    } finally {
      await policy.close();
    }
  });

  it('start every episode from zeros, and two episodes on the same inputs give the same bits', async () => {
    const policy = await loadOnnxPolicy(gruPolicyPath());
    try {
      const run = async (): Promise<number[]> => {
        const episode = episodeOf(policy);
        const out: number[] = [];
        for (const obs of observations) out.push(...(await episode.act(Float32Array.from(obs))));
        return out;
      };
      const a = await run();
      const b = await run();
      expect(b).toEqual(a);
    } finally {
      await policy.close();
    }
  });

  it('keep the state of interleaved episodes apart', async () => {
    const bytes = buildCounterModel();
    const { manifestPath } = writePolicy('counter', bytes, navManifest('counter', bytes, { state: [{ input: 'h_in', output: 'h_out', shape: [1, 1] }] }));
    const policy = await loadOnnxPolicy(manifestPath);
    try {
      const first = episodeOf(policy);
      const second = episodeOf(policy);
      const obs = new Float32Array(29);
      const speed = async (e: typeof first): Promise<number> => (await e.act(obs))[0]!;
      expect(await speed(first)).toBeCloseTo(0.1, 6);
      expect(await speed(first)).toBeCloseTo(0.2, 6);
      expect(await speed(second)).toBeCloseTo(0.1, 6);
      expect(await speed(first)).toBeCloseTo(0.3, 6);
    } finally {
      await policy.close();
    }
  });

  it('refuse a stateless call, which would act on a zero state every tick', async () => {
    const policy = await loadOnnxPolicy(gruPolicyPath());
    try {
      await expect(policy.act(new Float32Array(29))).rejects.toThrow(/gru is recurrent \(state h_out -> h_in\): run it through startEpisode\(\)/);
    } finally {
      await policy.close();
    }
  });

  it('refuse a hidden-state input the manifest does not declare, saying how to declare it', async () => {
    const bytes = buildGruModel(gruWeights(HIDDEN));
    const { manifestPath } = writePolicy(
      'undeclared',
      bytes,
      navManifest('undeclared', bytes, {
        output: { name: 'action', action: navManifest('x', bytes).output.action, ignored: [{ name: 'h_out', as: 'next hidden state' }] },
      }),
    );
    const err = await loadOnnxPolicy(manifestPath).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyLoadError);
    expect((err as PolicyLoadError).problems).toEqual([
      'model input "h_in" has no role in the manifest: a policy takes one observation input ("obs") and, if recurrent, state inputs declared under "state" (input, output, shape), zeroed at each episode start',
    ]);
  });

  it('refuse a declared state shape the model does not have', async () => {
    const bytes = buildGruModel(gruWeights(HIDDEN));
    const { manifestPath } = writePolicy('shape', bytes, navManifest('shape', bytes, { state: [{ input: 'h_in', output: 'h_out', shape: [1, 8] }] }));
    const err = (await loadOnnxPolicy(manifestPath).catch((e: unknown) => e)) as PolicyLoadError;
    expect(err.problems).toEqual([
      'state[0].input: model input "h_in" has shape [1,1,4], the manifest declares [1,8]',
      'state[0].output: model output "h_out" has shape [1,1,4], the manifest declares [1,8]',
    ]);
  });
});
