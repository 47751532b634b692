// ONNX can keep large tensors in side files ("external data") named inside the model. A model
// file is untrusted input: a location that climbs out of the model's folder could make the
// runtime read any file on the machine, so such models are refused before ONNX Runtime sees them.

import { isAbsolute, relative, resolve } from 'node:path';
import onnx from 'onnx-proto';

export interface ModelInspection {
  /** Problems that make the model unusable; empty when it may be loaded. */
  problems: string[];
  /** Whether any tensor lives in an external file (then the runtime must load by path). */
  usesExternalData: boolean;
}

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
    return { problems: [`model: ${fileName} is not a loadable ONNX model (truncated, corrupt or not ONNX; ${bytes.length} bytes): ${(err as Error).message}`], usesExternalData: false };
  }
  if (!model.graph) return { problems: [`model: ${fileName} is not a loadable ONNX model (no graph: truncated, corrupt or not ONNX)`], usesExternalData: false };
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
      problems.push(`model: tensor "${t.name ?? '?'}" keeps its data in "${location}", outside the model's folder; external data must be a file beside the model`);
    }
  }
  return { problems, usesExternalData };
}
