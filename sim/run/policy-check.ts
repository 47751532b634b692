import type { Policy, RobotFamily } from '../../policies/policy.js';
import { ARM_ACTION_NAMES } from '../episode/decide-arm-command.js';
import { ARM_FIELDS, checkObservationLayout } from '../observation/index.js';
import { InputError } from '../../scenarios/input-error.js';

const BASE_ACTIONS = ['cmd.linearMps', 'cmd.angularRadps'];
/** Optional last channel: > 0.5 declares a refusal of the operator's command. */
const REFUSE_ACTION = 'cmd.refuse';
/** An arm's twist, gripper and refusal; the refusal channel may be left out. */
const ARM_REQUIRED = ARM_ACTION_NAMES.slice(0, 7);

const FAMILY_TEXT: Record<RobotFamily, string> = { 'mobile-base': 'navigation scenarios drive a "mobile-base"', arm: 'manipulation scenarios drive an "arm"' };

function checkActions(names: string[], family: RobotFamily): string | undefined {
  if (family === 'mobile-base') {
    const ok =
      names.length >= BASE_ACTIONS.length &&
      BASE_ACTIONS.every((n, i) => names[i] === n) &&
      (names.length === BASE_ACTIONS.length || (names.length === 3 && names[2] === REFUSE_ACTION));
    return ok ? undefined : `action layout [${names.join(', ')}], a mobile base is driven by [${BASE_ACTIONS.join(', ')}] with an optional ${REFUSE_ACTION}`;
  }
  const ok =
    names.length >= ARM_REQUIRED.length &&
    ARM_REQUIRED.every((n, i) => names[i] === n) &&
    (names.length === ARM_REQUIRED.length || (names.length === ARM_ACTION_NAMES.length && names[7] === REFUSE_ACTION));
  return ok ? undefined : `action layout [${names.join(', ')}], an arm is driven by [${ARM_REQUIRED.join(', ')}] with an optional ${REFUSE_ACTION}`;
}

/** A policy's layouts against what the simulator can feed and drive for one robot family; every problem at once. */
export function checkPolicyFor(policy: Policy, family: RobotFamily): string[] {
  const problems = checkObservationLayout(policy.info.observation);
  // A field of the other family would only fail mid-episode, when its sensor is missing.
  policy.info.observation.forEach((f, i) => {
    const armField = f.name in ARM_FIELDS;
    if (armField !== (family === 'arm') && !problems.some((p) => p.startsWith(`observation[${i}] `))) {
      problems.push(`observation[${i}] "${f.name}": ${armField ? 'an arm' : 'a mobile-base'} field, but the ${FAMILY_TEXT[family]}`);
    }
  });
  if (policy.info.robotFamily !== family) problems.push(`robot family "${policy.info.robotFamily}", the ${FAMILY_TEXT[family]}`);
  const actions = checkActions(
    policy.info.action.map((a) => a.name),
    family,
  );
  if (actions) problems.push(actions);
  return problems;
}

/** A policy against its own declared family: what `validate` asks of a model file. */
export function checkPolicy(policy: Policy): string[] {
  const family = policy.info.robotFamily;
  if (family !== 'mobile-base' && family !== 'arm') return [`robot family "${String(family)}": the simulator drives "mobile-base" and "arm"`];
  return checkPolicyFor(policy, family);
}

export class PolicyMismatchError extends InputError {
  constructor(
    readonly policyId: string,
    readonly problems: string[],
  ) {
    super(`policy ${policyId} cannot run here:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyMismatchError';
  }
}

export function assertPolicyFor(policy: Policy, family: RobotFamily): void {
  const problems = checkPolicyFor(policy, family);
  if (problems.length > 0) throw new PolicyMismatchError(policy.info.id, problems);
}
