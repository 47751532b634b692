import type { Policy } from '../../policies/policy.js';
import { checkObservationLayout } from '../observation.js';

const BASE_ACTIONS = ['cmd.linearMps', 'cmd.angularRadps'];
/** Optional third channel: > 0.5 declares a refusal of the operator's command. */
const REFUSE_ACTION = 'cmd.refuse';

/** A policy's layouts against what the simulator can feed and drive; every problem at once. */
export function checkPolicyForNav(policy: Policy): string[] {
  const problems = checkObservationLayout(policy.info.observation);
  if (policy.info.robotFamily !== 'mobile-base') {
    problems.push(`robot family "${policy.info.robotFamily}", the navigation scenarios drive a "mobile-base"`);
  }
  const names = policy.info.action.map((a) => a.name);
  const ok =
    names.length >= BASE_ACTIONS.length &&
    BASE_ACTIONS.every((n, i) => names[i] === n) &&
    (names.length === BASE_ACTIONS.length || (names.length === 3 && names[2] === REFUSE_ACTION));
  if (!ok) {
    problems.push(`action layout [${names.join(', ')}], a mobile base is driven by [${BASE_ACTIONS.join(', ')}] with an optional ${REFUSE_ACTION}`);
  }
  return problems;
}

export class PolicyMismatchError extends Error {
  constructor(
    readonly policyId: string,
    readonly problems: string[],
  ) {
    super(`policy ${policyId} cannot run here:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyMismatchError';
  }
}

export function assertPolicyForNav(policy: Policy): void {
  const problems = checkPolicyForNav(policy);
  if (problems.length > 0) throw new PolicyMismatchError(policy.info.id, problems);
}
