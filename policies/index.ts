// Public API of policies/: the Policy seam, manifests, ONNX policies and the bundled examples.

export { episodeOf, layoutSize } from './policy.js';
export type { ActionField, LayoutField, Policy, PolicyEpisode, PolicyInfo, RobotFamily } from './policy.js';
export { NAV_ACTION_LAYOUT, NAV_OBS, NAV_OBSERVATION_LAYOUT } from './nav-layout.js';
export { PolicyLoadError } from './policy-load-error.js';
export {
  MANIFEST_SCHEMA_VERSION,
  MANIFEST_SUFFIX,
  capProblems,
  ManifestError,
  findManifestForModel,
  formatManifest,
  modelPathOf,
  parseManifest,
  policyInfoFromManifest,
  readManifestFile,
  validateManifest,
} from './manifest.js';
export type { ObservationNormalisation, PolicyManifest, StateTensor } from './manifest.js';
export { CONTROL_HZ_BOUNDS, MANIFEST_LIMITS, manifestSchema } from './manifest-schema.js';
export { FileRefusal, checkReadable, readFileSafely } from './safe-read.js';
export {
  FIELD_CATALOG,
  NORMALISATION_DOC,
  actionsOf,
  familyOfField,
  fullActionLayout,
  fullObservationLayout,
  layoutOf,
  validFieldsText,
} from './field-catalog.js';
export type { ActionFieldDoc, FamilyCatalog, ObservationFieldDoc } from './field-catalog.js';
export { loadOnnxPolicy, loadOnnxPolicyWithNotes, onnxRuntimeVersion } from './onnx/onnx-policy.js';
export { runtimeMaxOpset } from './onnx/runtime-opset.js';
export { inspectOnnxModel } from './onnx/inspect-model.js';
export type { ModelSignature, TensorSignature } from './onnx/inspect-model.js';
export { DEFAULT_CONTROL_HZ, draftManifest } from './draft-manifest.js';
export type { Draft, DraftOptions } from './draft-manifest.js';
export { BUNDLED_POLICY_DIR, listBundledPolicies, listPolicyDir, resolvePolicyRef } from './policy-catalog.js';
export type { BundledPolicy } from './policy-catalog.js';
export { SCRIPTED_NAV, navScriptAction, scriptedNavPolicy, scriptedPolicyIds } from './scripted/nav-scripted-policy.js';
export type { NavScriptParams } from './scripted/nav-scripted-policy.js';
export { ARM_ACTION_LAYOUT, ARM_OBS, ARM_OBSERVATION_LAYOUT } from './arm-layout.js';
export { SCRIPTED_ARM, armScriptAction, scriptedArmPolicy, scriptedArmPolicyIds } from './scripted/arm-scripted-policy.js';
export type { ArmScriptParams } from './scripted/arm-scripted-policy.js';
export { loadPolicy } from './load-policy.js';
