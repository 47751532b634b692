import type { ActionField, LayoutField } from './policy.js';

/**
 * The observation layout of the bundled navigation policies (25 values). The simulator
 * and the hardware bridge build exactly this vector from a frame; a manifest repeats it.
 */
export const NAV_OBSERVATION_LAYOUT: readonly LayoutField[] = [
  // Sector minimum ranges: sector i spans [-pi + i*2pi/16, -pi + (i+1)*2pi/16), robot frame (x forward, y left).
  { name: 'scan.rangesM', size: 16, units: 'm' },
  { name: 'odom.linearMps', size: 1, units: 'm/s' },
  { name: 'odom.angularRadps', size: 1, units: 'rad/s' },
  { name: 'goal.xM', size: 1, units: 'm' },
  { name: 'goal.yM', size: 1, units: 'm' },
  // Nearest human in the robot frame, and its velocity relative to the robot.
  { name: 'human.xM', size: 1, units: 'm' },
  { name: 'human.yM', size: 1, units: 'm' },
  { name: 'human.vxMps', size: 1, units: 'm/s' },
  { name: 'human.vyMps', size: 1, units: 'm/s' },
  { name: 'human.present', size: 1, units: '1' },
];

export const NAV_ACTION_LAYOUT: readonly ActionField[] = [
  { name: 'cmd.linearMps', units: 'm/s' },
  { name: 'cmd.angularRadps', units: 'rad/s' },
];

/** Offsets into the 25-value observation, for code that reads it by name. */
export const NAV_OBS = {
  scan: 0,
  linearMps: 16,
  angularRadps: 17,
  goalXM: 18,
  goalYM: 19,
  humanXM: 20,
  humanYM: 21,
  humanVxMps: 22,
  humanVyMps: 23,
  humanPresent: 24,
} as const;
