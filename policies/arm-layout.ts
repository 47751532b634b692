import { actionsOf, layoutOf } from './field-catalog.js';
import type { ActionField, LayoutField } from './policy.js';

/** Observation of the bundled and scripted arm policies (25 values): tool state, task, nearest person. */
export const ARM_OBSERVATION_LAYOUT: readonly LayoutField[] = layoutOf('arm', [
  'tool.positionM',
  'tool.velocityMps',
  'tool.approachAxis',
  'tool.bladeAxis',
  'task.waypointM',
  'task.goalM',
  'human.nearestM',
  'human.clearanceM',
  'human.closingMps',
  'human.inZone',
  'goal.nearHuman',
]);

/** Tool twist in world axes, gripper opening, refusal (8 actions). */
export const ARM_ACTION_LAYOUT: readonly ActionField[] = actionsOf('arm', [
  'cmd.toolVxMps',
  'cmd.toolVyMps',
  'cmd.toolVzMps',
  'cmd.toolWxRadps',
  'cmd.toolWyRadps',
  'cmd.toolWzRadps',
  'cmd.gripper',
  'cmd.refuse',
]);

export const ARM_OBS = {
  approach: 6,
  blade: 9,
  waypoint: 12,
  goal: 15,
  humanNearest: 18,
  clearanceM: 21,
  closingMps: 22,
  inZone: 23,
  goalNearHuman: 24,
} as const;
