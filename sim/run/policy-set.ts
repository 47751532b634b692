// A run's base (or candidate) may be one policy per robot family: a suite that mixes
// navigation and manipulation scenarios needs a mobile-base policy and an arm policy, and each
// episode runs the one made for its scenario's robot. On the command line a set is a comma list
// of references (`nav-base,arm-base`); a single reference is a set of one.

import { createHash } from 'node:crypto';
import type { Policy, RobotFamily } from '../../policies/policy.js';
import { bundledSuiteIds, isArmSpec, loadSuite, type AnyScenarioSpec, type LoadedSuite } from '../../scenarios/index.js';
import { loadPolicy } from '../../policies/index.js';
import { checkPolicyFor, checkPolicyRate, PolicyMismatchError } from './policy-check.js';

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
  if (!policy) throw new PolicyMismatchError(label, [missingFamily(set, family, label)]);
  return policy;
}

function missingFamily(set: PolicySet, family: RobotFamily, label: string): string {
  const have = [...set.values()].map((p) => `${p.info.id} (${p.info.robotFamily})`).join(', ');
  return `the suite has ${family} scenarios but ${label} holds no "${family}" policy (it holds ${have})`;
}

/** Bundled suites that need only the given families: what to run when a side lacks a family. */
function suitesFor(families: ReadonlySet<RobotFamily>): string[] {
  return bundledSuiteIds().filter((id) => {
    const needs = suiteFamilies(loadSuite(id));
    return needs.length > 0 && needs.every((f) => families.has(f));
  });
}

/** The suite's scenarios of one family with their physics rates, for the control-rate check. */
function physicsRates(suite: LoadedSuite, family: RobotFamily): Array<{ id: string; physicsHz: number }> {
  const seen = new Map<string, number>();
  for (const e of suite.entries) if (familyOf(e.scenario.spec) === family) seen.set(e.scenario.spec.id, e.scenario.spec.episode.physicsHz);
  return [...seen].map(([id, physicsHz]) => ({ id, physicsHz }));
}

function identity(members: Policy[]): { id: string; sha256: string } {
  if (members.length === 1) return { id: members[0]!.info.id, sha256: members[0]!.info.sha256 };
  const sha256 = createHash('sha256')
    .update(members.map((p) => `${p.info.robotFamily}:${p.info.sha256}`).join('\n'))
    .digest('hex');
  return { id: members.map((p) => p.info.id).join('+'), sha256 };
}

/**
 * Checks base and candidate sets against a suite in one pass: a missing family, a layout the
 * simulator cannot feed or a control rate its physics cannot step, for both sides at once, with
 * the bundled single-family suites both sides could run instead. Returns each set's identity for
 * the run record: ids joined with '+', and one sha256 over the members' hashes (the member's own
 * when there is one), so resume and merge see any change.
 */
export async function checkPolicySets(
  refs: Record<'base' | 'candidate', string>,
  suite: LoadedSuite,
): Promise<Record<'base' | 'candidate', { id: string; sha256: string }>> {
  const families = suiteFamilies(suite);
  const sets: Partial<Record<'base' | 'candidate', PolicySet>> = {};
  try {
    for (const role of ['base', 'candidate'] as const) sets[role] = await loadPolicySet(refs[role]);
    const problems: string[] = [];
    const missing: string[] = [];
    const result = {} as Record<'base' | 'candidate', { id: string; sha256: string }>;
    for (const role of ['base', 'candidate'] as const) {
      const label = `--${role} ${refs[role]}`;
      const set = sets[role]!;
      const members: Policy[] = [];
      for (const f of families) {
        const policy = set.get(f);
        if (!policy) {
          missing.push(missingFamily(set, f, label));
          continue;
        }
        members.push(policy);
        problems.push(...[...checkPolicyFor(policy, f), ...checkPolicyRate(policy, physicsRates(suite, f))].map((p) => `${label}: ${policy.info.id}: ${p}`));
      }
      result[role] = identity(members);
    }
    if (missing.length > 0) {
      const held = new Set(families.filter((f) => sets.base!.has(f) && sets.candidate!.has(f)));
      const suites = suitesFor(held);
      const heldText = [...held].join(' and ');
      missing.push(
        suites.length > 0
          ? `to compare your ${heldText} policies alone, run a suite of those scenarios only: ${suites.map((id) => `--suite ${id}`).join(' or ')} (adding a bundled example for the missing family would mix the examples' own rows into your overall result)`
          : 'give both --base and --candidate one policy for each robot family the suite needs, or run a suite of your own with only the families you have',
      );
    }
    const all = [...missing, ...problems];
    if (all.length > 0) throw new PolicyMismatchError(`${refs.base} / ${refs.candidate}`, all, `the policies cannot run suite ${suite.id}`);
    return result;
  } finally {
    await Promise.all(Object.values(sets).map((set) => closePolicySet(set)));
  }
}
