// The newest ONNX opset this ONNX Runtime loads, asked of the runtime itself (a one-node model
// per opset tried) rather than written down, so messages stay true when the runtime is upgraded.

import onnx from 'onnx-proto';
import * as ort from 'onnxruntime-node';

/** Opsets below this are as old as PyTorch exports go back to; every runtime loads them. */
export const OLDEST_EXPORT_OPSET = 13;
const SEARCH_CEILING = 64;

function identityModel(opset: number): Uint8Array {
  const F = onnx.onnx.TensorProto.DataType.FLOAT;
  const type = { tensorType: { elemType: F, shape: { dim: [{ dimValue: 1 }] } } };
  return onnx.onnx.ModelProto.encode(
    onnx.onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: opset }],
      graph: { name: 'probe', node: [{ opType: 'Identity', input: ['x'], output: ['y'] }], input: [{ name: 'x', type }], output: [{ name: 'y', type }] },
    }),
  ).finish();
}

async function loads(opset: number): Promise<boolean> {
  try {
    const session = await ort.InferenceSession.create(identityModel(opset), { intraOpNumThreads: 1, interOpNumThreads: 1 });
    await session.release();
    return true;
  } catch {
    return false;
  }
}

let cached: Promise<number> | undefined;

/** The highest default-domain opset the runtime accepts (binary search, asked once per process). */
export function runtimeMaxOpset(): Promise<number> {
  cached ??= (async () => {
    let lo = OLDEST_EXPORT_OPSET; // loads
    let hi = SEARCH_CEILING + 1; // treated as refused
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await loads(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  })();
  return cached;
}

/** The model's default-domain ("" or ai.onnx) opset, undefined when it declares none. */
export function modelOpset(model: onnx.onnx.IModelProto): number | undefined {
  const entry = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  if (!entry || entry.version === null || entry.version === undefined) return undefined;
  return Number(entry.version);
}
