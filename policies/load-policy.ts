import { loadOnnxPolicy } from './onnx/onnx-policy.js';
import { resolvePolicyRef } from './policy-catalog.js';
import type { Policy } from './policy.js';
import { scriptedArmPolicy, scriptedArmPolicyIds } from './scripted/arm-scripted-policy.js';
import { scriptedNavPolicy, scriptedPolicyIds } from './scripted/nav-scripted-policy.js';

/**
 * Every kind of policy reference, resolved in one place (the CLI, the run engine's workers and the
 * bridge all load through it): a bundled example id, a scripted reference policy (scripted/careful, scripted/arm-careful) or a path to a model. */
export async function loadPolicy(ref: string): Promise<Policy> {
  if (scriptedPolicyIds().includes(ref)) return scriptedNavPolicy(ref.slice('scripted/'.length) as 'careful' | 'reckless');
  if (scriptedArmPolicyIds().includes(ref)) return scriptedArmPolicy(ref.slice('scripted/arm-'.length) as 'careful' | 'reckless');
  return loadOnnxPolicy(resolvePolicyRef(ref));
}
