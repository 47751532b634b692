// The trainer: plain TypeScript MLP, backprop, Adam, adapters, behaviour cloning and ONNX export.

export { Adam } from './adam.js';
export { bcLossAndGrads } from './bc-loss.js';
export type { LossOptions } from './bc-loss.js';
export { concatDatasets, datasetRows, fitNormaliser, normaliseActions, normaliseObservations, strideRows } from './demo-dataset.js';
export type { DemoDataset, Normaliser } from './demo-dataset.js';
export { exportPolicyOnnx, SUPPORTED_OPSETS } from './export-onnx.js';
export type { LinearStyle, OnnxExportOptions } from './export-onnx.js';
export { backward, cloneMlp, createMlp, forward, mergeLora, newCache, paramRefs, withLora, zeroGrads } from './mlp.js';
export type { Activation, DenseLayer, ForwardCache, LoraAdapter, Mlp, MlpGrads, ParamRef } from './mlp.js';
export { trainBehaviourCloning } from './train-bc.js';
export type { BcOptions, BcResult } from './train-bc.js';
export { predictAction } from './trained-policy.js';
export type { TrainedPolicy } from './trained-policy.js';
export { TrainRandom } from './train-random.js';
export { trainedPolicyManifest } from './trained-manifest.js';
export type { TrainedManifestOptions } from './trained-manifest.js';
