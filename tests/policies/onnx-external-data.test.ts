import { afterAll, describe, expect, it } from 'vitest';
import onnx from 'onnx-proto';
import { loadOnnxPolicy } from '../../policies/onnx/onnx-policy.js';
import { PolicyLoadError } from '../../policies/policy-load-error.js';
import { createMlp, exportPolicyOnnx, TrainRandom } from '../../policies/train/index.js';
import { navManifest, removeTempPolicies, writePolicy } from './temp-policy-dir.js';

afterAll(removeTempPolicies);

/** A 29-in, 3-out model (the nav layout) whose first weight is moved to an external file at `location`. */
function modelWithExternalData(location: string): Uint8Array {
  const mlp = createMlp([29, 3], 'tanh', new TrainRandom('ext'));
  const norm = { obsMean: new Array(29).fill(0), obsStd: new Array(29).fill(1), actMean: [0, 0, 0], actStd: [1, 1, 1], clip: 5 };
  const model = onnx.onnx.ModelProto.decode(exportPolicyOnnx({ mlp, norm }));
  const w = model.graph!.initializer!.find((t) => t.name === 'layer0.weight')!;
  w.floatData = [];
  w.dataLocation = onnx.onnx.TensorProto.DataLocation.EXTERNAL;
  w.externalData = [
    { key: 'location', value: location },
    { key: 'offset', value: '0' },
    { key: 'length', value: String(29 * 3 * 4) },
  ];
  return onnx.onnx.ModelProto.encode(model).finish();
}

async function loadError(path: string): Promise<PolicyLoadError> {
  const err = await loadOnnxPolicy(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PolicyLoadError);
  return err as PolicyLoadError;
}

describe('models with external data', () => {
  it('refuses a model whose external data climbs out of its folder', async () => {
    const model = modelWithExternalData('../../etc/passwd');
    const { manifestPath } = writePolicy('escape', model, navManifest('escape', model));
    const err = await loadError(manifestPath);
    expect(err.message).toContain('keeps its data in "../../etc/passwd", outside the model\'s folder');
  });

  it('refuses a model whose external data is an absolute path', async () => {
    const model = modelWithExternalData('/etc/passwd');
    const { manifestPath } = writePolicy('absolute', model, navManifest('absolute', model));
    const err = await loadError(manifestPath);
    expect(err.message).toContain("outside the model's folder");
  });
});
