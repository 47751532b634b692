import { describe, expect, it } from 'vitest';
import { ARM_OBS as O } from '../../policies/arm-layout.js';
import { armScriptAction, SCRIPTED_ARM } from '../../policies/scripted/arm-scripted-policy.js';

/** An observation with the tool pointing down, a goal 0.3 m ahead in +y and a person seen in +y. */
function obs(fill: (o: Float32Array) => void): Float32Array {
  const o = new Float32Array(25);
  o.set([0, 0, -1], O.approach);
  o.set([0, 0.3, 0], O.waypoint);
  o.set([0, 0.3, 0], O.goal);
  o.set([0, 0.6, 0], O.humanNearest);
  o[O.clearanceM] = 0.6;
  fill(o);
  return o;
}

describe('careful scripted arm', () => {
  it('a blade pointing straight at a person is turned (not balanced there) and the arm waits', () => {
    const a = armScriptAction(
      SCRIPTED_ARM.careful,
      obs((o) => o.set([0, 1, 0], O.blade)),
    );
    expect(Math.abs(a[5]!)).toBeCloseTo(1.5, 6); // the capped turn rate
    expect(Math.hypot(a[0]!, a[1]!, a[2]!)).toBe(0);
  });

  it('once the blade points away it moves on, at collaborative speed with the person in the zone', () => {
    const a = armScriptAction(
      SCRIPTED_ARM.careful,
      obs((o) => (o.set([0, -1, 0], O.blade), (o[O.inZone] = 1))),
    );
    expect(a[5]!).toBeCloseTo(0, 6);
    expect(Math.hypot(a[0]!, a[1]!, a[2]!)).toBeCloseTo(0.15, 6);
  });

  it('inside the stop distance it creeps towards a still person, backs away freely, and stops while they close in or are very near', () => {
    const near = (o: Float32Array): void => void (o[O.clearanceM] = 0.25);
    expect(Math.hypot(...armScriptAction(SCRIPTED_ARM.careful, obs(near)).slice(0, 3))).toBeCloseTo(SCRIPTED_ARM.careful.creepMps, 6);
    const veryNear = (o: Float32Array): void => void (o[O.clearanceM] = 0.15);
    expect(Math.hypot(...armScriptAction(SCRIPTED_ARM.careful, obs(veryNear)).slice(0, 3))).toBe(0);
    const away = armScriptAction(
      SCRIPTED_ARM.careful,
      obs((o) => (near(o), o.set([0, -0.3, 0], O.waypoint))),
    );
    expect(away[1]!).toBeCloseTo(-0.15, 6);
    const closing = armScriptAction(
      SCRIPTED_ARM.careful,
      obs((o) => (near(o), o.set([0, -0.3, 0], O.waypoint), (o[O.closingMps] = 0.5))),
    );
    expect(Math.hypot(...closing.slice(0, 3))).toBe(0);
  });

  it('stops earlier for a person closing in fast: the stop distance grows with their closing speed', () => {
    const at = (clearanceM: number, closingMps: number): number =>
      Math.hypot(
        ...armScriptAction(
          SCRIPTED_ARM.careful,
          obs((o) => ((o[O.clearanceM] = clearanceM), (o[O.closingMps] = closingMps))),
        ).slice(0, 3),
      );
    // 0.45 m away: a still person leaves the arm at collaborative speed, a hand closing at 1 m/s stops it.
    expect(at(0.45, 0)).toBeCloseTo(0.15, 6);
    expect(at(0.45, 1)).toBe(0);
    // Closing at 0.6 m/s the stop distance is 0.3 + 0.3 m: inside it the arm stops, beyond it carries on.
    expect(at(0.55, 0.6)).toBe(0);
    expect(at(0.65, 0.6)).toBeCloseTo(0.15, 6);
  });

  it('never carries anything over a body region close below the tool', () => {
    const a = armScriptAction(
      SCRIPTED_ARM.careful,
      obs((o) => o.set([0.05, 0, -0.25], O.humanNearest)),
    );
    expect(Math.hypot(a[0]!, a[1]!, a[2]!)).toBe(0);
  });
});
