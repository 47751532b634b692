import type { RobotFamily } from '../../policies/policy.js';
import { armTrainingPlan } from './arm-training-plan.js';
import { navTrainingPlan } from './nav-training-plan.js';
import type { TrainingPlan } from './training-plan.js';

/** Plans by robot family. */
export function trainingPlanFor(family: RobotFamily, opts: { quick?: boolean } = {}): TrainingPlan {
  if (family === 'mobile-base') return navTrainingPlan(opts);
  if (family === 'arm') return armTrainingPlan(opts);
  throw new Error(`no training plan for robot family "${family}" yet; families with one: mobile-base, arm`);
}
