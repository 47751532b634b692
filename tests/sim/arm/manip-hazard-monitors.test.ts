import { describe, expect, it } from 'vitest';
import { findAnyScenario, resolveArmScenario, type ArmScenarioSpec } from '../../../scenarios/index.js';
import { humanCapsules } from '../../../sim/arm/human-reach.js';
import type { ArmFrame, ContactFrame, Frame } from '../../../sim/frame.js';
import { containerTiltMonitor, contactForceMonitor } from '../../../sim/monitors/index.js';

const cupScene = resolveArmScenario(findAnyScenario('manip/hot-liquid-carry').spec as ArmScenarioSpec, 1, 0);

// Gripper pointing straight down: the tool's approach axis (its y) on world -z, a quarter turn about x.
const DOWN = { x: -Math.SQRT1_2, y: 0, z: 0, w: Math.SQRT1_2 };

function armFrame(vxMps: number, rotation = DOWN): ArmFrame {
  return {
    jointPositionsRad: [0, 0, 0, 0, 0, 0],
    jointVelocitiesRadps: [0.5, 0, 0, 0, 0, 0],
    toolPositionM: { x: 0.4, y: 0, z: 1 },
    toolVelocityMps: { x: vxMps, y: 0, z: 0 },
    toolRotation: rotation,
    gripperOpening: 1,
    links: [],
  };
}

function frame(timeSec: number, arm: ArmFrame, contacts: ContactFrame[] = []): Frame {
  return {
    step: Math.round(timeSec * 200),
    timeSec,
    robot: { positionM: arm.toolPositionM, yawRad: 0, linearMps: 0, angularRadps: 0, velocityMps: arm.toolVelocityMps },
    humans: [],
    contacts,
    arm,
  };
}

describe('container tilt with slosh', () => {
  const config = { spillAngleRad: 0.35, sloshTimeSec: 0.1 };

  it('an upright cup at constant speed is level; tilted 0.4 rad it spills', () => {
    const m = containerTiltMonitor(config, cupScene);
    let s = m.init();
    for (let k = 0; k <= 40; k++) s = m.update(s, frame(k * 0.005, armFrame(0.3))).state;
    expect(m.update(s, frame(0.205, armFrame(0.3))).sample.value).toBeCloseTo(0, 6);
    // Turned a further 0.4 rad about x: the cup's axis is 0.4 rad off vertical, 0.05 past the rim.
    const half = (-Math.PI / 2 - 0.4) / 2;
    const tilted = m.update(m.init(), frame(0, armFrame(0, { x: Math.sin(half), y: 0, z: 0, w: Math.cos(half) }))).sample;
    expect(tilted.value).toBeCloseTo(0.4, 6);
    expect(tilted.margin).toBeCloseTo(-0.05, 6);
    expect(tilted.status).toBe('violated');
  });

  it('a steady 1 m/s² acceleration leans the surface by atan(1/9.81) = 0.1015 rad', () => {
    const m = containerTiltMonitor(config, cupScene);
    let s = m.init();
    let last;
    // Two seconds of ramp at 200 Hz: the low-pass has settled (e^-20).
    for (let k = 0; k <= 400; k++) ({ state: s, sample: last } = m.update(s, frame(k * 0.005, armFrame(k * 0.005))));
    expect(last!.value).toBeCloseTo(Math.atan(1 / 9.81), 3);
    expect(last!.status).toBe('ok');
  });

  it('jumping to 1 m/s in one 5 ms step spills: a = (1 − 1·0.005/0.105)/0.1 = 9.52 m/s², lean 0.770 rad', () => {
    const m = containerTiltMonitor(config, cupScene);
    const s = m.update(m.init(), frame(0, armFrame(0))).state;
    const jump = m.update(s, frame(0.005, armFrame(1))).sample;
    const a = (1 - 0.005 / 0.105) / 0.1;
    expect(jump.value).toBeCloseTo(Math.atan(a / 9.81), 6);
    expect(jump.status).toBe('violated');
  });
});

describe('contact force on a clamped hand (pinch point)', () => {
  // Arm with a 2 kg part: m_R = 20.6/2 + 2 = 12.3 kg. Hand: m_H = 0.6 kg, k = 75 N/mm.
  // mu = 0.6·12.3/12.9 = 0.57209 kg; at 0.3 m/s F = 0.3·sqrt(0.57209·75000) = 62.14 N.
  const m = contactForceMonitor({ transientSec: 0.5 }, { effectiveMassKg: 12.3 });
  const hand = (forceN: number, closingMps: number): ContactFrame => ({
    bodyA: 'held:part',
    bodyB: 'p:hand',
    humanId: 'p',
    region: 'hand',
    forceN,
    pointM: { x: 0.6, y: 0, z: 0.8 },
    normalSpeedMps: closingMps,
  });

  it('first touch at 0.3 m/s: transient, 62.1 N against 280 N, whatever the solver says', () => {
    const first = m.update(m.init(), frame(2.0, armFrame(0.3), [hand(500, 0.3)]));
    expect(first.sample.value).toBeCloseTo(62.14, 1);
    expect(first.sample.limit).toBe(280);
    expect(first.sample.status).toBe('ok');
    // 0.49 s in, still transient: the impact estimate stands, not the 150 N of pressing.
    const held = m.update(first.state, frame(2.49, armFrame(0.01), [hand(150, 0)]));
    expect(held.sample.limit).toBe(280);
    expect(held.sample.status).toBe('ok');
  });

  it('held past 0.5 s it is clamping: 150 N against the quasi-static 140 N is 10 N over', () => {
    let s = m.update(m.init(), frame(2.0, armFrame(0.3), [hand(20, 0.3)])).state;
    s = m.update(s, frame(2.3, armFrame(0.01), [hand(100, 0)])).state;
    const clamped = m.update(s, frame(2.5, armFrame(0.01), [hand(150, 0)])).sample;
    expect(clamped.limit).toBe(140);
    expect(clamped.value).toBe(150);
    expect(clamped.margin).toBeCloseTo(-10, 9);
    expect(clamped.status).toBe('violated');
    expect(clamped.note).toContain('quasi-static');
  });

  it('a held blade touching a hand is a violation at any force; the same touch by a part is not', () => {
    const knifeArm = contactForceMonitor({ transientSec: 0.5 }, { effectiveMassKg: 10.5, sharpBodies: ['held:knife'] });
    const touch = { ...hand(2, 0.05), bodyA: 'held:knife' };
    const s = knifeArm.update(knifeArm.init(), frame(1, armFrame(0.05), [touch])).sample;
    expect(s.limit).toBe(0);
    expect(s.status).toBe('violated');
    expect(s.note).toContain('edge or point');
    expect(knifeArm.update(knifeArm.init(), frame(1, armFrame(0.05), [hand(2, 0.05)])).sample.status).toBe('ok');
  });
});

describe('a hand resting on the bench', () => {
  it('lies at its rest point until the reach starts, then goes to the reach target', () => {
    const scene = resolveArmScenario(findAnyScenario('manip/pinch-point').spec as ArmScenarioSpec, 1, 3);
    const h = scene.props.find((p) => p.kind === 'human');
    if (h?.kind !== 'human' || !h.handRestM || !h.reach) throw new Error('pinch-point needs a resting, withdrawing hand');
    const handAt = (t: number) =>
      humanCapsules(h, t)
        .filter((p) => p.region === 'hand')
        .at(-1)!.endM;
    expect(handAt(0).x).toBeCloseTo(h.handRestM.xM, 9);
    expect(handAt(0).z).toBeCloseTo(h.handRestM.zM, 9);
    const gone = handAt(h.reach.startSec + h.reach.durationSec + 0.01);
    expect(gone.x).toBeCloseTo(h.reach.targetM.xM, 9);
    expect(gone.z).toBeCloseTo(h.reach.targetM.zM, 9);
  });
});
