// ONNX can keep large tensors in side files ("external data") named inside the model. A model
// file is untrusted input: a location that climbs out of the model's folder could make the
// runtime read any file on the machine, so such models are refused before ONNX Runtime sees them;
// so is a location inside the folder that is a link leading out of it, or not a regular file.

import { isAbsolute, relative, resolve } from 'node:path';
import onnx from 'onnx-proto';
import { checkReadable, FileRefusal } from '../safe-read.js';
import { modelOpset } from './runtime-opset.js';

export interface ModelInspection {
  /** Problems that make the model unusable; empty when it may be loaded. */
  problems: string[];
  /** Whether any tensor lives in an external file (then the runtime must load by path). */
  usesExternalData: boolean;
  /** The default-domain opset the model declares, when it decodes. */
  opset?: number;
}

/** External data files: the runtime maps them, so the same bound as a model applies. */
const EXTERNAL_DATA_MAX_BYTES = 64 * 1024 ** 3;

function tensorsOf(graph: onnx.onnx.IGraphProto | null | undefined, out: onnx.onnx.ITensorProto[]): void {
  if (!graph) return;
  out.push(...(graph.initializer ?? []));
  for (const node of graph.node ?? []) {
    for (const attr of node.attribute ?? []) {
      if (attr.t) out.push(attr.t);
      out.push(...(attr.tensors ?? []));
      tensorsOf(attr.g, out);
      for (const g of attr.graphs ?? []) tensorsOf(g, out);
    }
  }
}

/** Decodes the model's protobuf and checks every external-data location against `modelDir`. */
export function inspectModelBytes(bytes: Uint8Array, modelDir: string, fileName: string): ModelInspection {
  let model: onnx.onnx.ModelProto;
  try {
    model = onnx.onnx.ModelProto.decode(bytes);
  } catch (err) {
    return {
      problems: [`model: ${fileName} is not a loadable ONNX model (truncated, corrupt or not ONNX; ${bytes.length} bytes): ${(err as Error).message}`],
      usesExternalData: false,
    };
  }
  if (!model.graph)
    return { problems: [`model: ${fileName} is not a loadable ONNX model (no graph: truncated, corrupt or not ONNX)`], usesExternalData: false };
  const tensors: onnx.onnx.ITensorProto[] = [];
  tensorsOf(model.graph, tensors);
  const problems: string[] = [];
  let usesExternalData = false;
  for (const t of tensors) {
    if (t.dataLocation !== onnx.onnx.TensorProto.DataLocation.EXTERNAL) continue;
    usesExternalData = true;
    const location = (t.externalData ?? []).find((e) => e.key === 'location')?.value ?? '';
    const rel = relative(modelDir, resolve(modelDir, location));
    if (location === '' || isAbsolute(location) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      problems.push(
        `model: tensor "${t.name ?? '?'}" keeps its data in "${location}", outside the model's folder; external data must be a file beside the model`,
      );
      continue;
    }
    try {
      checkReadable(resolve(modelDir, location), { maxBytes: EXTERNAL_DATA_MAX_BYTES, within: modelDir, withinWords: "the model's folder" });
    } catch (err) {
      // A missing file is the runtime's to report; a link out of the folder or a FIFO is refused here.
      if (err instanceof FileRefusal && err.code !== 'missing')
        problems.push(`model: tensor "${t.name ?? '?'}" keeps its data in "${location}", which ${err.message}`);
    }
  }
  return { problems, usesExternalData, opset: modelOpset(model) };
}
