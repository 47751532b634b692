import { loadOnnxPolicy, resolvePolicyRef } from '../../policies/index.js';
import type { Policy } from '../../policies/policy.js';
import { scriptedArmPolicy, scriptedArmPolicyIds } from '../../policies/scripted/arm-scripted-policy.js';
import { scriptedNavPolicy, scriptedPolicyIds } from '../../policies/scripted/nav-scripted-policy.js';

/** A bundled example id, a scripted reference policy (scripted/careful, scripted/arm-careful) or a path to a model. */
export async function loadPolicy(ref: string): Promise<Policy> {
  if (scriptedPolicyIds().includes(ref)) return scriptedNavPolicy(ref.slice('scripted/'.length) as 'careful' | 'reckless');
  if (scriptedArmPolicyIds().includes(ref)) return scriptedArmPolicy(ref.slice('scripted/arm-'.length) as 'careful' | 'reckless');
  return loadOnnxPolicy(resolvePolicyRef(ref));
}
