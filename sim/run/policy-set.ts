// A run's base (or candidate) may be one policy per robot family: a suite that mixes
// navigation and manipulation scenarios needs a mobile-base policy and an arm policy, and each
// episode runs the one made for its scenario's robot. On the command line a set is a comma list
// of references (`nav-base,arm-base`); a single reference is a set of one.

import { createHash } from 'node:crypto';
import type { Policy, RobotFamily } from '../../policies/policy.js';
import { isArmSpec, type AnyScenarioSpec, type LoadedSuite } from '../../scenarios/index.js';
// eslint-disable-next-line no-restricted-imports -- the policy loader moves below the run engine; the known exception in tests/structure
import { loadPolicy } from '../cli/load-policy.js';
import { assertPolicyFor, PolicyMismatchError } from './policy-check.js';

export const ROBOT_FAMILIES: readonly RobotFamily[] = ['mobile-base', 'arm'];

/** The bundled examples of each family, used when --base/--candidate are not given. */
export const DEFAULT_POLICIES: Record<'base' | 'candidate', Record<RobotFamily, string>> = {
  base: { 'mobile-base': 'nav-base', arm: 'arm-base' },
  candidate: { 'mobile-base': 'nav-candidate', arm: 'arm-candidate' },
};

export function familyOf(spec: AnyScenarioSpec): RobotFamily {
  return isArmSpec(spec) ? 'arm' : 'mobile-base';
}

/** The robot families a suite's scenarios need, in a fixed order. */
export function suiteFamilies(suite: LoadedSuite): RobotFamily[] {
  const needed = new Set(suite.entries.map((e) => familyOf(e.scenario.spec)));
  return ROBOT_FAMILIES.filter((f) => needed.has(f));
}

export function splitPolicyRefs(ref: string): string[] {
  return ref
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
}

/** The default set for a role: the bundled example of every family the suite needs. */
export function defaultPolicyRef(role: 'base' | 'candidate', families: readonly RobotFamily[]): string {
  return families.map((f) => DEFAULT_POLICIES[role][f]).join(',');
}

export type PolicySet = Map<RobotFamily, Policy>;

/**
 * Loads every policy of a set; two policies for the same family are refused, since nothing
 * would say which one an episode should run.
 */
export async function loadPolicySet(ref: string): Promise<PolicySet> {
  const refs = splitPolicyRefs(ref);
  if (refs.length === 0) throw new PolicyMismatchError(ref, ['no policy given']);
  const set: PolicySet = new Map();
  try {
    for (const r of refs) {
      const policy = await loadPolicy(r);
      const family = policy.info.robotFamily;
      const twin = set.get(family);
      if (twin) {
        await policy.close();
        throw new PolicyMismatchError(ref, [`both ${twin.info.id} and ${policy.info.id} drive a "${family}"; give one policy per robot family`]);
      }
      set.set(family, policy);
    }
  } catch (err) {
    await closePolicySet(set);
    throw err;
  }
  return set;
}

export async function closePolicySet(set: PolicySet): Promise<void> {
  await Promise.all([...set.values()].map((p) => p.close()));
}

/** The set's policy for a family; a missing one names what the suite needs and how to give it. */
export function policyForFamily(set: PolicySet, family: RobotFamily, label: string): Policy {
  const policy = set.get(family);
  if (!policy) {
    const have = [...set.values()].map((p) => `${p.info.id} (${p.info.robotFamily})`).join(', ');
    throw new PolicyMismatchError(label, [`the suite has ${family} scenarios but ${label} holds no "${family}" policy (it holds ${have}); add one to the comma list, e.g. ${DEFAULT_POLICIES.base[family]}`]);
  }
  return policy;
}

/**
 * Checks a set against the families a suite needs, every policy against its family's layouts.
 * Returns the set's identity for the run record: ids joined with '+', and one sha256 over the
 * members' hashes (the member's own when there is one), so resume and merge see any change.
 */
export async function checkPolicySet(ref: string, families: readonly RobotFamily[], label: string): Promise<{ id: string; sha256: string }> {
  const set = await loadPolicySet(ref);
  try {
    const members = families.map((f) => {
      const policy = policyForFamily(set, f, label);
      assertPolicyFor(policy, f);
      return policy;
    });
    if (members.length === 1) return { id: members[0]!.info.id, sha256: members[0]!.info.sha256 };
    const sha256 = createHash('sha256')
      .update(members.map((p) => `${p.info.robotFamily}:${p.info.sha256}`).join('\n'))
      .digest('hex');
    return { id: members.map((p) => p.info.id).join('+'), sha256 };
  } finally {
    await closePolicySet(set);
  }
}
