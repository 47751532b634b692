import { formatManifest } from '../../policies/manifest.js';
import { exportPolicyOnnx, trainedPolicyManifest, type TrainedPolicy } from '../../policies/train/index.js';
import type { DemoSource } from './demo-source.js';

export interface PolicyFileInfo {
  id: string;
  description: string;
  provenance: string;
  /** Stored in the ONNX model's metadata. */
  metadata: Record<string, string>;
}

/** <id>.onnx and <id>.manifest.json of a trained policy, in memory. Pure: same inputs, same bytes. */
export function trainedPolicyFiles(policy: TrainedPolicy, source: DemoSource<unknown>, info: PolicyFileInfo): Array<[string, Uint8Array]> {
  const model = exportPolicyOnnx(policy, { style: 'gemm', opset: 17, metadata: info.metadata, docString: info.description });
  const manifest = trainedPolicyManifest(policy, model, {
    id: info.id,
    robotFamily: source.family,
    controlHz: source.controlHz,
    observation: source.observation,
    action: source.action,
    description: info.description,
    provenance: info.provenance,
  });
  return [
    [`${info.id}.onnx`, model],
    [`${info.id}.manifest.json`, new TextEncoder().encode(formatManifest(manifest))],
  ];
}
