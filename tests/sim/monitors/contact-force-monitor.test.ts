import { describe, expect, it } from 'vitest';
import { mobileBasePreset } from '../../../scenarios/index.js';
import { BODY_MODEL, transientPeakForceN } from '../../../sim/body-model.js';
import type { ContactFrame, Frame } from '../../../sim/frame.js';
import { contactForceMonitor } from '../../../sim/monitors/index.js';

const amr = mobileBasePreset('warehouse-amr');

function frame(timeSec: number, speedMps: number, contacts: ContactFrame[]): Frame {
  return {
    step: Math.round(timeSec * 240),
    timeSec,
    robot: { positionM: { x: 0, y: 0, z: 0.17 }, yawRad: 0, linearMps: speedMps, angularRadps: 0, velocityMps: { x: speedMps, y: 0, z: 0 } },
    humans: [],
    contacts,
  };
}

const legContact = (forceN: number, closingMps: number): ContactFrame => ({
  bodyA: 'robot',
  bodyB: 'h:lower-leg',
  humanId: 'h',
  region: 'lower-leg',
  forceN,
  pointM: { x: 0.45, y: 0, z: 0.1 },
  normalSpeedMps: closingMps,
});

describe('contact force monitor', () => {
  it('judges first touch with the body-model peak force F = v·sqrt(mu·k)', () => {
    // lower leg: m_H = 75 kg, k = 60 N/mm; robot 67 kg → mu = 75·67/142 = 35.387 kg.
    const mu = (75 * 67) / (75 + 67);
    const expected = 0.5 * Math.sqrt(mu * 60_000);
    expect(transientPeakForceN('lower-leg', 67, 0.5)).toBeCloseTo(expected, 6);
    const m = contactForceMonitor({ transientSec: 0.5 }, amr);
    const { sample } = m.update(m.init(), frame(1, 0.5, [legContact(9999, 0.5)]));
    expect(sample.value).toBeCloseTo(expected, 6);
    expect(sample.limit).toBe(BODY_MODEL['lower-leg'].transientN);
    expect(sample.status).toBe('violated'); // ~727 N > 260 N
    expect(sample.note).toContain('transient');
  });

  it('a slow touch stays within the transient limit', () => {
    const m = contactForceMonitor({ transientSec: 0.5 }, amr);
    const { sample } = m.update(m.init(), frame(1, 0.1, [legContact(9999, 0.1)]));
    expect(sample.value).toBeLessThan(260);
    expect(sample.status).toBe('ok');
  });

  it('after the transient window judges clamping force against the quasi-static limit', () => {
    const m = contactForceMonitor({ transientSec: 0.5 }, amr);
    let s = m.init();
    s = m.update(s, frame(1.0, 0.05, [legContact(100, 0.05)])).state;
    const later = m.update(s, frame(1.6, 0.05, [legContact(140, 0)])).sample;
    expect(later.limit).toBe(130);
    expect(later.value).toBe(140);
    expect(later.margin).toBeCloseTo(-10, 9);
    expect(later.status).toBe('violated');
    expect(later.note).toContain('quasi-static');
  });

  it('any closing contact with the head is a violation', () => {
    const m = contactForceMonitor({ transientSec: 0.5 }, amr);
    const head: ContactFrame = { ...legContact(1, 0.05), bodyB: 'h:skull', region: 'skull' };
    expect(m.update(m.init(), frame(1, 0.05, [head])).sample.status).toBe('violated');
  });

  it('left and right regions of one kind are two contacts, each judged at its own first-touch speed', () => {
    const m = contactForceMonitor({ transientSec: 0.5 }, { effectiveMassKg: 11.3 });
    const hand = (side: 'left' | 'right', closingMps: number): ContactFrame => ({ ...legContact(10, closingMps), bodyB: 'h:hand', region: 'hand', side });
    let s = m.update(m.init(), frame(1.0, 0.3, [hand('left', 0.1)])).state;
    // The right hand is hit at 1.5 m/s while the left one is still touched at 0.1 m/s. Body model by
    // hand: mu = 0.6·11.3/11.9 = 0.5697 kg, sqrt(mu·75000) = 206.7; F = 1.5·206.7 = 310 N > 280 N.
    const both = m.update(s, frame(1.1, 0.3, [hand('left', 0), hand('right', 1.5)]));
    expect(both.sample.value).toBeCloseTo(1.5 * Math.sqrt(((0.6 * 11.3) / 11.9) * 75_000), 6);
    expect(both.sample.value).toBeCloseTo(310.1, 0);
    expect(both.sample.status).toBe('violated');
    expect(both.sample.note).toContain('right hand');
    s = both.state;
    expect(s.size).toBe(2);
  });

  it('a region pinned against a fixed body cannot recoil: the robot alone is the moving mass', () => {
    const m = contactForceMonitor({ transientSec: 0.5 }, { effectiveMassKg: 11.3 });
    const pinned: ContactFrame = { ...legContact(10, 0.3), bodyB: 'h:hand', region: 'hand', side: 'right', pinnedAgainst: 'table' };
    // mu = m_R = 11.3 kg; F = 0.3·sqrt(11.3·75000) = 0.3·920.6 = 276.2 N (free: 0.3·206.7 = 62.0 N).
    const s = m.update(m.init(), frame(1, 0.3, [pinned])).sample;
    expect(s.value).toBeCloseTo(276.2, 1);
    expect(s.note).toContain('pinned against the table');
  });
});
