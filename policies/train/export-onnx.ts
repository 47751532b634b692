// A trained MLP policy as a standard ONNX model, in either of the shapes a PyTorch export
// produces for nn.Linear: Gemm nodes, or MatMul followed by Add. Adapters are merged and the
// action de-normalisation is folded into the last layer; observation normalisation stays in
// the manifest, where a user can read it.

import onnx from 'onnx-proto';
import { mergeLora } from './mlp.js';
import type { TrainedPolicy } from './trained-policy.js';

export type LinearStyle = 'gemm' | 'matmul-add';

export interface OnnxExportOptions {
  style?: LinearStyle;
  /** Default opset 17; 13–21 are the opsets a PyTorch export writes. */
  opset?: number;
  inputName?: string;
  outputName?: string;
  docString?: string;
  /** Key/value facts stored in the model (training recipe, data). */
  metadata?: Record<string, string>;
}

export const SUPPORTED_OPSETS = { min: 13, max: 21 } as const;

const F = onnx.onnx.TensorProto.DataType.FLOAT;

/** The IR version that came with each opset, so older runtimes accept older opsets. */
function irVersionFor(opset: number): number {
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  return 10;
}

export function exportPolicyOnnx(policy: TrainedPolicy, opts: OnnxExportOptions = {}): Uint8Array {
  const style = opts.style ?? 'gemm';
  const opset = opts.opset ?? 17;
  if (!Number.isInteger(opset) || opset < SUPPORTED_OPSETS.min || opset > SUPPORTED_OPSETS.max) {
    throw new Error(`opset ${opset} is not supported for export (use ${SUPPORTED_OPSETS.min}–${SUPPORTED_OPSETS.max})`);
  }
  const inputName = opts.inputName ?? 'obs';
  const outputName = opts.outputName ?? 'action';
  const mlp = mergeLora(policy.mlp);
  const { actMean, actStd } = policy.norm;
  const initializer: onnx.onnx.ITensorProto[] = [];
  const node: onnx.onnx.INodeProto[] = [];
  let h = inputName;
  mlp.layers.forEach((l, li) => {
    const last = li === mlp.layers.length - 1;
    // Last layer: a = (W·h + b)·std + mean, folded into W and b.
    const rowScale = (o: number): number => (last ? actStd[o]! : 1);
    const bias = Array.from(l.b, (v, o) => (last ? v * actStd[o]! + actMean[o]! : v));
    const z = last ? outputName : `layer${li}_z`;
    const wName = `layer${li}.weight`;
    const bName = `layer${li}.bias`;
    initializer.push({ name: bName, dataType: F, dims: [l.outSize], floatData: bias });
    if (style === 'gemm') {
      // nn.Linear's weight is [out, in]; Gemm with transB=1 computes h·Wᵀ + b.
      const w = Array.from(l.w, (v, k) => v * rowScale(Math.floor(k / l.inSize)));
      initializer.push({ name: wName, dataType: F, dims: [l.outSize, l.inSize], floatData: w });
      node.push({
        name: `layer${li}_gemm`,
        opType: 'Gemm',
        input: [h, wName, bName],
        output: [z],
        attribute: [{ name: 'transB', type: onnx.onnx.AttributeProto.AttributeType.INT, i: 1 }],
      });
    } else {
      const wt: number[] = new Array<number>(l.inSize * l.outSize);
      for (let o = 0; o < l.outSize; o++) for (let i = 0; i < l.inSize; i++) wt[i * l.outSize + o] = l.w[o * l.inSize + i]! * rowScale(o);
      initializer.push({ name: wName, dataType: F, dims: [l.inSize, l.outSize], floatData: wt });
      node.push({ name: `layer${li}_matmul`, opType: 'MatMul', input: [h, wName], output: [`layer${li}_mm`] });
      node.push({ name: `layer${li}_add`, opType: 'Add', input: [`layer${li}_mm`, bName], output: [z] });
    }
    if (!last) {
      const a = `layer${li}_h`;
      node.push({ name: `layer${li}_act`, opType: mlp.activation === 'tanh' ? 'Tanh' : 'Relu', input: [z], output: [a] });
      h = a;
    }
  });
  const inSize = mlp.layers[0]!.inSize;
  const outSize = mlp.layers[mlp.layers.length - 1]!.outSize;
  const tensorType = (width: number): onnx.onnx.ITypeProto => ({
    tensorType: { elemType: F, shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] } },
  });
  const model = onnx.onnx.ModelProto.create({
    irVersion: irVersionFor(opset),
    opsetImport: [{ domain: '', version: opset }],
    producerName: 'erosion policies/train',
    producerVersion: '1',
    docString: opts.docString ?? 'MLP policy trained by behaviour cloning.',
    metadataProps: Object.entries(opts.metadata ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ({ key, value })),
    graph: {
      name: 'mlp_policy',
      node,
      initializer,
      input: [{ name: inputName, type: tensorType(inSize) }],
      output: [{ name: outputName, type: tensorType(outSize) }],
    },
  });
  return onnx.onnx.ModelProto.encode(model).finish();
}
