import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { BUNDLED_SCENARIO_DIR, findScenario, parseScenario, resolveScenario } from '../../../scenarios/index.js';
import { createRapierWorld, HumanWalker } from '../../../sim/rapier/index.js';
import { floorTiles } from '../../../sim/rapier/floor-tiles.js';

const DT = 1 / 240;

function variant(id: string, edit: (raw: Record<string, any>) => void) {
  const raw = parse(readFileSync(`${BUNDLED_SCENARIO_DIR}/${id}.yaml`, 'utf8')) as Record<string, any>;
  edit(raw);
  return parseScenario(stringify(raw), `${id} (test variant)`);
}

describe('Rapier navigation world', () => {
  it('the range scan sees a shelf but not a glass screen', async () => {
    const spec = findScenario('nav/glass-door').spec;
    const world = await createRapierWorld(spec, 1);
    const frame = world.reset(0);
    world.close();
    // Straight ahead (beam at angle 0) the glass 5.8 m away at x = 7 is invisible: the beam runs on.
    const scan = frame.scan!;
    const ahead = scan.rangesM[Math.round(-scan.angleMinRad / scan.angleIncrementRad)]!;
    expect(ahead).toBeGreaterThan(6.5);
    // Behind, the west wall 1.2 m away is seen.
    expect(scan.rangesM[0]!).toBeLessThan(1.3);
    const shelfWorld = await createRapierWorld(findScenario('nav/occluded-child').spec, 0);
    const f2 = shelfWorld.reset(0);
    shelfWorld.close();
    // The shelf (y 1.0..1.8 from x 4 to 7) shows up to the robot's front-left.
    const left = f2.scan!.rangesM.filter((_, i) => {
      const a = f2.scan!.angleMinRad + i * f2.scan!.angleIncrementRad;
      return a > 0.2 && a < 0.5;
    });
    expect(Math.min(...left)).toBeLessThan(6);
  });

  it('an occluded child is not visible to the robot until it steps out', async () => {
    const spec = findScenario('nav/occluded-child').spec;
    const world = await createRapierWorld(spec, 1);
    const first = world.reset(0);
    expect(first.humans[0]!.visible).toBe(false);
    const stepOut = resolveScenario(spec, 1, 0).params.stepOutSec!;
    let frame = first;
    for (let k = 0; k < Math.round((stepOut + 1.5) * 240); k++) frame = world.step(DT, { sense: true });
    world.close();
    expect(frame.humans[0]!.visible).toBe(true);
  });

  it('a command takes effect only after the actuation latency', async () => {
    const spec = variant('nav/keep-out-zone', (raw) => (raw.actuation = { latencySec: 0.1 }));
    const world = await createRapierWorld(spec, 0);
    world.reset(0);
    world.apply({ linearMps: 0.5, angularRadps: 0 });
    const speeds: number[] = [];
    for (let k = 0; k < 48; k++) speeds.push(world.step(DT).robot.linearMps);
    world.close();
    const speedAt = (n: number): number => speeds[n]!;
    expect(Math.abs(speedAt(20))).toBeLessThan(1e-3); // 83 ms: nothing yet
    expect(speedAt(47)).toBeGreaterThan(0.05); // after 100 ms the drive has started
  });

  it('scan noise and dropout come from the seed: same seed same scan, dropout reads as max range', async () => {
    const spec = variant('nav/keep-out-zone', (raw) => {
      raw.sensors.scan.noiseStdM = 0.05;
      raw.sensors.scan.dropoutProb = 0.3;
    });
    const scanOf = async (seed: number) => {
      const world = await createRapierWorld(spec, 1);
      const f = world.reset(seed);
      world.close();
      return f.scan!.rangesM;
    };
    const a = await scanOf(4);
    expect(await scanOf(4)).toEqual(a);
    expect(await scanOf(5)).not.toEqual(a);
    // The aisle's walls are all within 10 m of the start, so every max-range reading is a dropout.
    const dropped = a.filter((r) => r === 10).length;
    expect(dropped).toBeGreaterThan(180 * 0.15);
    expect(dropped).toBeLessThan(180 * 0.45);
  });

  it('a stop-and-go walker stands still for its pause, then walks on', () => {
    const walker = new HumanWalker({
      kind: 'human',
      id: 'w',
      heightM: 1.75,
      waypointsM: [
        { xM: 0, yM: 0 },
        { xM: 10, yM: 0 },
      ],
      speedMps: 1,
      startSec: 0,
      pauses: [{ atM: 2, forSec: 3 }],
    });
    const none = () => Number.POSITIVE_INFINITY;
    const at = (sec: number) => {
      while (walker.distanceM < 100 && t < sec) {
        walker.advance(t, DT, none);
        t += DT;
      }
      return walker.distanceM;
    };
    let t = 0;
    expect(at(1)).toBeCloseTo(1, 2);
    expect(at(2.5)).toBeCloseTo(2, 6);
    expect(at(4.9)).toBeCloseTo(2, 6);
    expect(at(6.0)).toBeCloseTo(3, 1);
  });

  it('floor tiles cover the floor but leave a pit open', () => {
    const tiles = floorTiles({ xMinM: 0, xMaxM: 10, yMinM: 0, yMaxM: 10 }, [{ xMinM: 4, xMaxM: 6, yMinM: 4, yMaxM: 6 }]);
    const area = tiles.reduce((s, t) => s + (t.xMaxM - t.xMinM) * (t.yMaxM - t.yMinM), 0);
    expect(area).toBeCloseTo(100 - 4, 9);
    expect(tiles.some((t) => t.xMinM < 5 && t.xMaxM > 5 && t.yMinM < 5 && t.yMaxM > 5)).toBe(false);
  });

  it('payload and mass variation change the robot the monitors judge', () => {
    const spec = findScenario('nav/crossing-pedestrian').spec;
    const a = resolveScenario(spec, 1, 1);
    const b = resolveScenario(spec, 1, 2);
    expect(a.robot.massKg).not.toBeCloseTo(b.robot.massKg, 3);
    expect(a.robot.massKg).toBeCloseTo(67 * a.params.massScale! + a.params.payloadKg!, 9);
  });
});
