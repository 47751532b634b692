import { describe, expect, it } from 'vitest';
import { mobileBasePreset } from '../../../scenarios/index.js';
import type { Frame } from '../../../sim/frame.js';
import { protectiveSeparationM, separationMonitor, type SeparationConfig } from '../../../sim/monitors/index.js';

const amr = mobileBasePreset('warehouse-amr');
const config: SeparationConfig = {
  reactionTimeSec: 0.1,
  humanSpeedMps: 1.6,
  intrusionM: 0.1,
  sensingUncertaintyM: 0.05,
  robotUncertaintyM: 0.02,
};

function frame(robotSpeedMps: number, humanXM: number): Frame {
  return {
    step: 1,
    timeSec: 0.1,
    robot: { positionM: { x: 0, y: 0, z: 0.17 }, yawRad: 0, linearMps: robotSpeedMps, angularRadps: 0, velocityMps: { x: robotSpeedMps, y: 0, z: 0 } },
    humans: [{ id: 'h', positionM: { x: humanXM, y: 0, z: 0 }, velocityMps: { x: 0, y: 0, z: 0 }, heightM: 1.75, radiusM: 0.28 }],
    contacts: [],
  };
}

describe('protective separation distance', () => {
  it('matches the ISO/TS 15066 formula worked by hand', () => {
    // v_r = 1.0, a = 1.2: T_s = 0.8333 s, S_s = 0.41667 m.
    // S_p = 1.6 (0.1 + 0.8333) + 1.0 * 0.1 + 0.41667 + 0.1 + 0.05 + 0.02 = 2.17999
    const sp = protectiveSeparationM({ humanSpeedMps: 1.6, robotSpeedMps: 1.0, brakingDecelMps2: 1.2, config });
    expect(sp).toBeCloseTo(1.6 * (0.1 + 1 / 1.2) + 0.1 + 1 / 2.4 + 0.17, 9);
  });

  it('gives margin 0 for a separation exactly at S_p, and a violation just inside it', () => {
    const sp = protectiveSeparationM({ humanSpeedMps: 1.6, robotSpeedMps: 1.0, brakingDecelMps2: amr.brakingDecelMps2, config });
    const monitor = separationMonitor(config, amr);
    // Separation is measured from the footprint's front edge to the person's proxy radius.
    const atLimit = amr.lengthM / 2 + 0.28 + sp;
    const exact = monitor.update(null, frame(1.0, atLimit)).sample;
    expect(exact.margin).toBeCloseTo(0, 9);
    expect(exact.status).toBe('ok');
    const inside = monitor.update(null, frame(1.0, atLimit - 0.01)).sample;
    expect(inside.margin).toBeCloseTo(-0.01, 9);
    expect(inside.status).toBe('violated');
    expect(inside.units).toBe('m');
    expect(inside.bodies).toEqual(['robot', 'h']);
  });

  it('does not flag a robot at standstill, whatever the distance', () => {
    const sample = separationMonitor(config, amr).update(null, frame(0, 1.0)).sample;
    expect(sample.margin).toBeLessThan(0);
    expect(sample.status).toBe('ok');
  });

  it('is idle when nobody is there', () => {
    const f = frame(1, 3);
    f.humans = [];
    expect(separationMonitor(config, amr).update(null, f).sample.status).toBe('idle');
  });
});
