import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import RAPIER from '@dimforge/rapier3d-deterministic-compat';
import { BUNDLED_SCENARIO_DIR, bundledScenarios, parseScenario } from '../../../scenarios/index.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import { PlanarScene } from '../../../sim/rapier/planar-scan.js';
import type { Frame } from '../../../sim/frame.js';

const DT = 1 / 240;
// The filter the world's beams used when each was a Rapier ray cast: everything but glass.
const SCAN_RAY_GROUPS = (0x0001 << 16) | 0xfffd;

/** The scenario with a noise-free, loss-free scanner, so ranges are pure geometry. */
function noiseFree(id: string) {
  const raw = parse(readFileSync(`${BUNDLED_SCENARIO_DIR}/${id}.yaml`, 'utf8')) as Record<string, any>;
  raw.sensors.scan.noiseStdM = 0;
  raw.sensors.scan.dropoutProb = 0;
  return parseScenario(stringify(raw), `${id} (noise-free scan)`);
}

/** The same beams cast by Rapier itself into the world's own colliders: the reference. */
function rapierScan(world: any, frame: Frame): { ranges: number[]; visible: boolean[] } {
  const { beams, rangeMaxM, heightM } = world.scene.scan;
  const o = frame.robot.positionM;
  const ranges: number[] = [];
  const cast = (dx: number, dy: number, max: number) =>
    world.world.castRay(new RAPIER.Ray({ x: o.x, y: o.y, z: heightM }, { x: dx, y: dy, z: 0 }), max, true, undefined, SCAN_RAY_GROUPS, undefined, world.robot);
  for (let i = 0; i < beams; i++) {
    const a = frame.robot.yawRad - Math.PI + (i * 2 * Math.PI) / beams;
    const hit = cast(Math.cos(a), Math.sin(a), rangeMaxM);
    ranges.push(hit ? hit.timeOfImpact : rangeMaxM);
  }
  const visible = frame.humans.map((h) => {
    const dx = h.positionM.x - o.x;
    const dy = h.positionM.y - o.y;
    const d = Math.hypot(dx, dy);
    const hit = cast(dx / d, dy / d, d);
    if (!hit) return true;
    return world.tags.get(hit.collider.handle)?.humanId === h.id || hit.timeOfImpact >= d - h.radiusM;
  });
  return { ranges, visible };
}

describe('the planar scan', () => {
  it('meets a wall and a person where the geometry puts them (hand-worked)', () => {
    // A 0.2 m thick wall across the beam at x = 5, and a 1.75 m person at (3, 0) facing +x:
    // at 0.2 m the beam cuts both lower legs (radius 0.055 m at y = ±0.1), not the body's axis.
    const wall = { centerXM: 5, centerYM: 0, halfLengthM: 0.1, halfThicknessM: 2, yawRad: 0, heightM: 1 };
    const scene = new PlanarScene([wall], [1.75], 0.2);
    scene.placePerson(0, 3, 0, 0);
    expect(scene.cast(0, 0, 1, 0, 10)).toBeCloseTo(4.9, 12);
    // Straight along y = 0.1 the beam meets the left leg's surface at 3 - 0.055.
    const hit = { person: -1 };
    expect(scene.cast(0, 0.1, 1, 0, 10, hit)).toBeCloseTo(2.945, 12);
    expect(hit.person).toBe(0);
    // Between the legs (y = 0) it passes through to the wall; beyond the range it reads nothing.
    expect(scene.cast(0, 0, 1, 0, 4)).toBe(Infinity);
    // A beam above a low wall passes over it; from inside the wall it reads 0.
    expect(new PlanarScene([{ ...wall, heightM: 0.1 }], [], 0.2).cast(0, 0, 1, 0, 10)).toBe(Infinity);
    expect(scene.cast(5, 0, 1, 0, 10)).toBe(0);
    // A wall turned 90° presents its 4 m side: centre at 5, half thickness now along x is 2.
    expect(new PlanarScene([{ ...wall, yawRad: Math.PI / 2 }], [], 0.2).cast(0, 0, 1, 0, 10)).toBeCloseTo(3, 12);
  });

  const scenarios = [...bundledScenarios().values()].filter((s) => s.spec.id.startsWith('nav/'));
  for (const loaded of scenarios) {
    const id = loaded.spec.id;
    it(`${id}: every beam and every line of sight agree with Rapier's own ray casts`, async () => {
      const spec = noiseFree(id);
      const level = Math.max(...spec.levels.map((l) => l.level));
      const world = (await createRapierWorld(spec, level)) as any;
      try {
        let frame: Frame = world.reset(1);
        let compared = 0;
        let hits = 0;
        for (let k = 0; k < 240 * 8; k++) {
          // Drive and turn so the beams sweep walls, shelves and people from many poses.
          if (k % 24 === 0) world.apply({ linearMps: 0.8, angularRadps: k % 480 < 240 ? 0.4 : -0.4 });
          if (k % 48 === 0) {
            const ref = rapierScan(world, frame);
            const ranges = frame.scan!.rangesM;
            for (let i = 0; i < ranges.length; i++) {
              expect(Math.abs(ranges[i]! - ref.ranges[i]!), `${id} step ${frame.step} beam ${i}`).toBeLessThan(1e-4);
              if (ref.ranges[i]! < frame.scan!.rangeMaxM) hits++;
            }
            expect(frame.humans.map((h) => h.visible)).toEqual(ref.visible);
            compared++;
          }
          frame = world.step(DT, { sense: (k + 1) % 48 === 0 || k === 240 * 8 - 1 });
        }
        expect(compared).toBe(40);
        expect(hits).toBeGreaterThan(0);
      } finally {
        world.close();
      }
    });
  }
});
