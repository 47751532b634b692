// What a model file offers, before any manifest exists: its inputs and outputs (names, element
// types, shapes), its opset and producer, and its sha256. `erosion manifest` drafts from this.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import onnx from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { PolicyLoadError } from '../policy-load-error.js';
import { checkReadable, FileRefusal } from '../safe-read.js';
import { inspectModelBytes } from './external-data.js';
import { MODEL_MAX_BYTES, onnxRuntimeVersion } from './onnx-policy.js';
import { runtimeMaxOpset } from './runtime-opset.js';

export interface TensorSignature {
  name: string;
  /** Element type as ONNX Runtime names it (float32, int64, ...); 'non-tensor' for maps and sequences. */
  type: string;
  /** Fixed sizes as numbers; symbolic or unknown dimensions as their name or '?'. */
  shape: Array<number | string>;
}

export interface ModelSignature {
  inputs: TensorSignature[];
  outputs: TensorSignature[];
  opset?: number;
  producer: string;
  sha256: string;
}

function signatures(meta: readonly ort.InferenceSession.ValueMetadata[]): TensorSignature[] {
  return meta.map((m) =>
    m.isTensor
      ? { name: m.name, type: m.type, shape: m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? d : '?')) }
      : { name: m.name, type: 'non-tensor', shape: [] },
  );
}

/** Reads a model the user named (a regular file only) and asks the runtime for its signature. */
export async function inspectOnnxModel(path: string): Promise<ModelSignature> {
  let bytes: Uint8Array;
  try {
    checkReadable(path, { maxBytes: MODEL_MAX_BYTES });
    bytes = readFileSync(path);
  } catch (err) {
    throw new PolicyLoadError(path, [err instanceof FileRefusal ? `file ${err.message}` : `cannot be read: ${(err as Error).message}`]);
  }
  const name = basename(path);
  const inspection = inspectModelBytes(bytes, dirname(path), name);
  if (inspection.problems.length > 0) throw new PolicyLoadError(path, inspection.problems);
  const max = await runtimeMaxOpset();
  if (inspection.opset !== undefined && inspection.opset > max) {
    throw new PolicyLoadError(path, [
      `${name} uses ONNX opset ${inspection.opset}, newer than this ONNX Runtime (${onnxRuntimeVersion()}) loads (opsets up to ${max}); export again with opset_version ${max} or lower`,
    ]);
  }
  let session: ort.InferenceSession;
  try {
    session = inspection.usesExternalData
      ? await ort.InferenceSession.create(path, { intraOpNumThreads: 1 })
      : await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  } catch (err) {
    throw new PolicyLoadError(path, [`${name} is not a loadable ONNX model: ${(err as Error).message.split('\n')[0]}`]);
  }
  try {
    const proto = onnx.onnx.ModelProto.decode(bytes);
    const producer = [proto.producerName, proto.producerVersion].filter((s) => s).join(' ') || 'an unnamed exporter';
    return {
      inputs: signatures(session.inputMetadata),
      outputs: signatures(session.outputMetadata),
      opset: inspection.opset,
      producer,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  } finally {
    await session.release();
  }
}
