import { describe, expect, it } from 'vitest';
import { checkVector, drawParams, drawVector, findAnyScenario, paramSpace, paramsOf, pinParams, resolveAnyScenario } from '../../scenarios/index.js';

describe('a scenario parameter space', () => {
  it('is the declared ranges, in the order the seed draws them, with the middle as nominal', () => {
    const space = paramSpace(findAnyScenario('nav/crossing-pedestrian').spec);
    // From the file: humanSpeedMps 0.5..1.6, crossXM 4.5..8.0, robotStartYM -0.4..0.4, sorted by name.
    expect(space.names).toEqual([
      'crossStartSec',
      'crossXM',
      'floorFriction',
      'humanSpeedMps',
      'latencySec',
      'massScale',
      'payloadKg',
      'robotStartYM',
      'scanDropout',
      'scanNoiseM',
    ]);
    const at = (n: string): number => space.names.indexOf(n);
    expect(space.lower[at('humanSpeedMps')]).toBe(0.5);
    expect(space.upper[at('humanSpeedMps')]).toBe(1.6);
    expect(space.nominal[at('humanSpeedMps')]).toBeCloseTo(1.05, 12);
    expect(space.nominal[at('crossXM')]).toBeCloseTo(6.25, 12);
    expect(space.nominal[at('robotStartYM')]).toBe(0);
  });

  it("draws, as a vector, exactly the seed's parameters", () => {
    const spec = findAnyScenario('nav/occluded-child').spec;
    expect(paramsOf(paramSpace(spec), drawVector(spec, 5))).toEqual(drawParams(spec, 5));
  });

  for (const id of ['nav/crossing-pedestrian', 'manip/overhead-payload']) {
    it(`${id}: pinned to the seed's own draw, resolves to the very same world`, () => {
      const spec = findAnyScenario(id).spec;
      for (const seed of [0, 3, 11]) {
        const pinned = pinParams(spec, drawVector(spec, seed));
        for (const l of spec.levels) expect(resolveAnyScenario(pinned, l.level, seed)).toEqual(resolveAnyScenario(spec, l.level, seed));
      }
    });
  }

  it('pinned to chosen values, every seed meets those values', () => {
    const spec = findAnyScenario('nav/crossing-pedestrian').spec;
    const space = paramSpace(spec);
    const pinned = pinParams(spec, space.upper);
    for (const seed of [0, 1, 2]) expect(resolveAnyScenario(pinned, 1, seed).params).toEqual(paramsOf(space, space.upper));
  });

  it('refuses a vector that does not fit, naming the parameter', () => {
    const space = paramSpace(findAnyScenario('nav/crossing-pedestrian').spec);
    const v = [...space.nominal];
    v[space.names.indexOf('humanSpeedMps')] = 2.5;
    expect(() => checkVector(space, v)).toThrow(/"humanSpeedMps" = 2.5 is outside its range \[0.5, 1.6\]/);
    expect(() => checkVector(space, [1, 2])).toThrow(/needs 10 values/);
  });
});
