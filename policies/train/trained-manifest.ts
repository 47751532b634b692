import { createHash } from 'node:crypto';
import type { PolicyManifest } from '../manifest.js';
import type { ActionField, LayoutField, RobotFamily } from '../policy.js';
import type { TrainedPolicy } from './trained-policy.js';

export interface TrainedManifestOptions {
  id: string;
  robotFamily: RobotFamily;
  controlHz: number;
  observation: readonly LayoutField[];
  action: readonly ActionField[];
  description: string;
  provenance: string;
  inputName?: string;
  outputName?: string;
}

/** The manifest of an exported trained policy: layouts, its observation normalisation, the model's hash. */
export function trainedPolicyManifest(policy: TrainedPolicy, model: Uint8Array, o: TrainedManifestOptions): PolicyManifest {
  return {
    schemaVersion: 1,
    id: o.id,
    model: `${o.id}.onnx`,
    sha256: createHash('sha256').update(model).digest('hex'),
    robotFamily: o.robotFamily,
    controlHz: o.controlHz,
    input: { name: o.inputName ?? 'obs', observation: o.observation.map((f) => ({ ...f })) },
    output: { name: o.outputName ?? 'action', action: o.action.map((f) => ({ ...f })) },
    normalisation: { mean: [...policy.norm.obsMean], std: [...policy.norm.obsStd], clip: policy.norm.clip },
    description: o.description,
    provenance: o.provenance,
  };
}
