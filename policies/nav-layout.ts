import { actionsOf, layoutOf } from './field-catalog.js';
import type { ActionField, LayoutField } from './policy.js';

/**
 * The observation of the bundled navigation policies and the scripted references (29 values):
 * the 16-sector scan, odometry, goal, nearest person, and the site map's facts a navigation stack
 * has (route waypoint, zone speed limit, whether the goal is in a keep-out zone). Sizes and
 * units come from the field catalog; `erosion list fields` says what each means.
 */
export const NAV_OBSERVATION_LAYOUT: readonly LayoutField[] = layoutOf('mobile-base', [
  'scan.rangesM',
  'odom.linearMps',
  'odom.angularRadps',
  'goal.xM',
  'goal.yM',
  'human.xM',
  'human.yM',
  'human.vxMps',
  'human.vyMps',
  'human.present',
  'route.xM',
  'route.yM',
  'zone.speedLimitMps',
  'goal.inKeepOut',
]);

/** Speed, turn rate and refusal (3 actions). */
export const NAV_ACTION_LAYOUT: readonly ActionField[] = actionsOf('mobile-base', ['cmd.linearMps', 'cmd.angularRadps', 'cmd.refuse']);

/** Offsets into the 29-value observation, for code that reads it by name. */
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
  routeXM: 25,
  routeYM: 26,
  zoneLimitMps: 27,
  goalInKeepOut: 28,
} as const;
