import { familyOfField, validFieldsText } from '../../policies/field-catalog.js';
import type { Policy, RobotFamily } from '../../policies/policy.js';
import { ARM_ACTION_NAMES } from '../episode/decide-arm-command.js';
import { controlRateMismatch } from '../episode/run-episode.js';
import { checkObservationLayout } from '../observation/index.js';
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

/**
 * A policy's layouts against what the simulator can feed and drive for one robot family; every
 * problem at once, each unknown field named once, then the family's valid fields once.
 */
export function checkPolicyFor(policy: Policy, family: RobotFamily): string[] {
  const problems: string[] = [];
  let misnamed = false;
  policy.info.observation.forEach((f, i) => {
    const owner = familyOfField(f.name);
    if (owner === undefined || owner !== family) {
      misnamed = true;
      // A field of the other family would only fail mid-episode, when its sensor is missing.
      problems.push(
        `observation[${i}] "${f.name}": ${owner === undefined ? 'unknown field' : `${owner === 'arm' ? 'an arm' : 'a mobile-base'} field, but the ${FAMILY_TEXT[family]}`}`,
      );
      return;
    }
    problems.push(...checkObservationLayout([f]).map((p) => p.replace(/^observation\[0\]/, `observation[${i}]`)));
  });
  if (misnamed || problems.length > 0)
    problems.push(
      `valid ${family} observation fields (name [size] units): ${validFieldsText(family)}; erosion list fields --family ${family} says what each means`,
    );
  if (policy.info.robotFamily !== family) problems.push(`robot family "${policy.info.robotFamily}", the ${FAMILY_TEXT[family]}`);
  const actions = checkActions(
    policy.info.action.map((a) => a.name),
    family,
  );
  if (actions) problems.push(actions);
  return problems;
}

/** The policy's control rate against each scenario's physics rate: the control period must be whole physics steps. */
export function checkPolicyRate(policy: Policy, scenarios: ReadonlyArray<{ id: string; physicsHz: number }>): string[] {
  const problems: string[] = [];
  for (const s of scenarios) {
    if (Number.isInteger(s.physicsHz / policy.info.controlHz)) continue;
    problems.push(controlRateMismatch(policy.info.id, policy.info.controlHz, s.id, s.physicsHz));
  }
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
    heading = `policy ${policyId} cannot run here`,
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyMismatchError';
  }
}

export function assertPolicyFor(policy: Policy, family: RobotFamily): void {
  const problems = checkPolicyFor(policy, family);
  if (problems.length > 0) throw new PolicyMismatchError(policy.info.id, problems);
}
