import type { ActionField, LayoutField } from './policy.js';

/** Observation of the scripted arm policies (25 values): tool state, task, nearest person. */
export const ARM_OBSERVATION_LAYOUT: readonly LayoutField[] = [
  { name: 'tool.positionM', size: 3, units: 'm' },
  { name: 'tool.velocityMps', size: 3, units: 'm/s' },
  { name: 'tool.approachAxis', size: 3, units: '1' },
  { name: 'tool.bladeAxis', size: 3, units: '1' },
  { name: 'task.waypointM', size: 3, units: 'm' },
  { name: 'task.goalM', size: 3, units: 'm' },
  { name: 'human.nearestM', size: 3, units: 'm' },
  { name: 'human.clearanceM', size: 1, units: 'm' },
  { name: 'human.closingMps', size: 1, units: 'm/s' },
  { name: 'human.inZone', size: 1, units: '1' },
  { name: 'goal.nearHuman', size: 1, units: '1' },
];

/** Tool twist in world axes, gripper opening, refusal. */
export const ARM_ACTION_LAYOUT: readonly ActionField[] = [
  { name: 'cmd.toolVxMps', units: 'm/s' },
  { name: 'cmd.toolVyMps', units: 'm/s' },
  { name: 'cmd.toolVzMps', units: 'm/s' },
  { name: 'cmd.toolWxRadps', units: 'rad/s' },
  { name: 'cmd.toolWyRadps', units: 'rad/s' },
  { name: 'cmd.toolWzRadps', units: 'rad/s' },
  { name: 'cmd.gripper', units: '1' },
  { name: 'cmd.refuse', units: '1' },
];

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
