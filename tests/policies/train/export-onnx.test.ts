import { afterAll, describe, expect, it } from 'vitest';
import { loadOnnxPolicy } from '../../../policies/onnx/onnx-policy.js';
import {
  createMlp,
  exportPolicyOnnx,
  predictAction,
  trainedPolicyManifest,
  TrainRandom,
  withLora,
  type LinearStyle,
  type TrainedPolicy,
} from '../../../policies/train/index.js';
import { removeTempPolicies, writePolicy } from '../temp-policy-dir.js';

afterAll(removeTempPolicies);

const OBS = 6;
const ACT = 3;
const observation = [{ name: 'scan.rangesM', size: OBS, units: 'm' }];
const action = [
  { name: 'cmd.linearMps', units: 'm/s' },
  { name: 'cmd.angularRadps', units: 'rad/s' },
  { name: 'cmd.refuse', units: '1' },
];

/** A random policy with non-trivial normalisation and a LoRA adapter, so export must merge and fold. */
function fixturePolicy(): TrainedPolicy {
  const rng = new TrainRandom('export-fixture');
  const mlp = withLora(createMlp([OBS, 8, 8, ACT], 'tanh', rng), 2, 2, rng);
  for (const l of mlp.layers) l.lora!.b.forEach((_, i) => (l.lora!.b[i] = 0.2 * rng.normal()));
  const f = (x: number): number => Math.fround(x);
  return {
    mlp,
    norm: {
      obsMean: Array.from({ length: OBS }, (_, i) => f(0.5 * i)),
      obsStd: Array.from({ length: OBS }, (_, i) => f(1 + 0.25 * i)),
      actMean: [f(0.4), f(-0.1), f(0.05)],
      actStd: [f(0.3), f(0.6), f(0.2)],
      clip: 5,
    },
  };
}

const inputs = [0, 1, 2, 3].map((k) => Float32Array.from({ length: OBS }, (_, i) => Math.sin(k * 7 + i) * 3 + i * 0.5));

describe('ONNX export of a trained MLP', () => {
  for (const style of ['gemm', 'matmul-add'] as LinearStyle[]) {
    for (const opset of [13, 21]) {
      it(`${style} at opset ${opset} loads in ONNX Runtime and matches the TypeScript forward pass`, async () => {
        const policy = fixturePolicy();
        const model = exportPolicyOnnx(policy, { style, opset });
        const id = `mlp-${style}-${opset}`;
        const manifest = trainedPolicyManifest(policy, model, {
          id,
          robotFamily: 'mobile-base',
          controlHz: 20,
          observation,
          action,
          description: 'fixture',
          provenance: 'built by a test',
        });
        const { manifestPath } = writePolicy(id, model, manifest);
        const loaded = await loadOnnxPolicy(manifestPath);
        try {
          const batch = await loaded.actBatch(inputs);
          inputs.forEach((obs, k) => {
            const expected = predictAction(policy, obs);
            expected.forEach((v, j) => expect(batch[k]![j]).toBeCloseTo(v, 4));
          });
          const single = await loaded.act(inputs[1]!);
          expect(Array.from(single)).toEqual(Array.from(batch[1]!));
        } finally {
          await loaded.close();
        }
      });
    }
  }

  it('writes the same bytes for the same policy', () => {
    const a = exportPolicyOnnx(fixturePolicy(), { style: 'matmul-add', opset: 21 });
    const b = exportPolicyOnnx(fixturePolicy(), { style: 'matmul-add', opset: 21 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('refuses opsets outside 13–21', () => {
    expect(() => exportPolicyOnnx(fixturePolicy(), { opset: 12 })).toThrow(/opset 12 is not supported/);
  });
});
