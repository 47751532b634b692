import { describe, expect, it } from 'vitest';
import { findAnyScenario, resolveArmScenario, type ArmScenarioSpec } from '../../../scenarios/index.js';
import { humanCapsules } from '../../../sim/arm/human-reach.js';
import { transientPeakForceN } from '../../../sim/body-model.js';
import { armFrameFromJoints } from '../../../sim/arm/arm-state.js';
import { armBaseTransform, armModelFor } from '../../../sim/arm/arm-model-for.js';
import type { ArmFrame, Frame } from '../../../sim/frame.js';
import { armSeparationMonitor, contactForceMonitor, toolSpeedMonitor } from '../../../sim/monitors/index.js';

const spec = findAnyScenario('manip/shared-workspace-reach').spec as ArmScenarioSpec;
const scene = resolveArmScenario(spec, 1, 0);

function armFrame(toolX: number, speedMps: number): ArmFrame {
  return {
    jointPositionsRad: [0, 0, 0, 0, 0, 0],
    jointVelocitiesRadps: [0.5, 0, 0, 0, 0, 0],
    toolPositionM: { x: toolX, y: 0, z: 0.9 },
    toolVelocityMps: { x: speedMps, y: 0, z: 0 },
    toolRotation: { x: 0, y: 0, z: 0, w: 1 },
    gripperOpening: 1,
    links: [
      {
        link: 'wrist_3_link',
        startM: { x: toolX - 0.1, y: 0, z: 0.9 },
        endM: { x: toolX, y: 0, z: 0.9 },
        radiusM: 0.06,
        startVelocityMps: { x: speedMps, y: 0, z: 0 },
        endVelocityMps: { x: speedMps, y: 0, z: 0 },
      },
    ],
  };
}

function frame(arm: ArmFrame, handX: number): Frame {
  const hand = {
    region: 'hand' as const,
    side: 'right' as const,
    startM: { x: handX + 0.1, y: 0, z: 0.9 },
    endM: { x: handX, y: 0, z: 0.9 },
    radiusM: 0.045,
    velocityMps: { x: 0, y: 0, z: 0 },
  };
  return {
    step: 1,
    timeSec: 1,
    robot: { positionM: arm.toolPositionM, yawRad: 0, linearMps: 0, angularRadps: 0, velocityMps: arm.toolVelocityMps },
    humans: [{ id: 'p', positionM: { x: 1.2, y: 0, z: 0 }, velocityMps: { x: 0, y: 0, z: 0 }, heightM: 1.75, radiusM: 0.28, parts: [hand] }],
    contacts: [],
    arm,
  };
}

describe('arm monitors', () => {
  it('body regions: the reaching hand ends at the target, each region once per side', () => {
    const h = scene.props.find((p) => p.kind === 'human')!;
    if (h.kind !== 'human') throw new Error('no human');
    const parts = humanCapsules(h, 100 /* long after: arm back at rest */);
    for (const r of ['skull', 'face', 'neck', 'chest', 'abdomen', 'upper-arm', 'lower-arm', 'hand'] as const)
      expect(parts.some((p) => p.region === r)).toBe(true);
    // Paired regions are told apart by side: no two parts share region and side.
    const names = parts.map((p) => `${p.side ?? 'mid'} ${p.region}`);
    expect(new Set(names).size).toBe(parts.length);
    expect(names).toEqual(expect.arrayContaining(['left hand', 'right hand', 'left lower-leg', 'right lower-leg', 'mid chest']));
    const reached = humanCapsules(h, h.reach!.startSec + h.reach!.durationSec + 0.1);
    const hand = reached.find((p) => p.region === 'hand' && p.side === 'right')!;
    expect(hand.endM.x).toBeCloseTo(h.reach!.targetM.xM, 9);
    expect(hand.endM.z).toBeCloseTo(h.reach!.targetM.zM, 9);
  });

  it('tool speed: 0.30 m/s with a hand in the zone is 0.05 m/s over the 0.25 m/s limit', () => {
    const m = toolSpeedMonitor({ limitMps: 0.25 }, scene);
    const s = m.update(null, frame(armFrame(0.4, 0.3), 0.6)).sample;
    expect(s.status).toBe('violated');
    expect(s.margin).toBeCloseTo(-0.05, 9);
    // Hand outside the bench zone (x > 0.9): idle.
    expect(m.update(null, frame(armFrame(0.4, 0.3), 1.0)).sample.status).toBe('idle');
  });

  it('separation: clearance 0.295 m against S_p = 1.6·(0.1 + 0.2/2.5) + 0.2·0.1 + 0.2²/5 + 0.1 + 0.05 + 0.02', () => {
    const config = { reactionTimeSec: 0.1, humanSpeedMps: 1.6, intrusionM: 0.1, sensingUncertaintyM: 0.05, robotUncertaintyM: 0.02 };
    const m = armSeparationMonitor(config, scene.robot);
    // Tool at x 0.4 (link radius 0.06), hand capsule from x 0.8 (radius 0.045): 0.4 - 0.105 = 0.295.
    const s = m.update(null, frame(armFrame(0.4, 0.2), 0.8)).sample;
    const sp = 1.6 * (0.1 + 0.2 / 2.5) + 0.2 * 0.1 + 0.04 / 5 + 0.17;
    expect(s.value).toBeCloseTo(0.295, 9);
    expect(s.limit).toBeCloseTo(sp, 9);
    expect(s.status).toBe('violated');
  });

  it('contact force on the hand uses m_R = M/2 + payload: 20.6/2 + 1 = 11.3 kg', () => {
    const m = contactForceMonitor({ transientSec: 0.5 }, { effectiveMassKg: 11.3 });
    const f = frame(armFrame(0.4, 0.5), 0.4);
    f.contacts = [
      { bodyA: 'arm:wrist_3_link', bodyB: 'p:hand', humanId: 'p', region: 'hand', forceN: 10, pointM: { x: 0.4, y: 0, z: 0.9 }, normalSpeedMps: 0.5 },
    ];
    // hand: m_H 0.6 kg, k 75 N/mm; mu = 0.6·11.3/11.9 = 0.5697 kg; F = 0.5·sqrt(0.5697·75000) = 103.4 N < 280 N.
    const s = m.update(m.init(), f).sample;
    expect(s.value).toBeCloseTo(0.5 * Math.sqrt(((0.6 * 11.3) / 11.9) * 75_000), 6);
    expect(s.value).toBeCloseTo(transientPeakForceN('hand', 11.3, 0.5), 9);
    expect(s.status).toBe('ok');
    // The face: any touch by a moving arm is a violation.
    f.contacts = [{ ...f.contacts[0]!, bodyB: 'p:face', region: 'face', normalSpeedMps: 0.01 }];
    expect(m.update(m.init(), f).sample.status).toBe('violated');
  });

  it('separation: an elbow swinging at a hand counts, though the tool stands still', () => {
    const config = { reactionTimeSec: 0.1, humanSpeedMps: 1.6, intrusionM: 0.1, sensingUncertaintyM: 0.05, robotUncertaintyM: 0.02 };
    const m = armSeparationMonitor(config, scene.robot);
    const arm = armFrame(0.1, 0);
    // Upper arm from the shoulder (x 0.1) to the elbow (x 0.4), turning about the shoulder: the
    // elbow moves at 0.4 m/s towards the hand, the tool (elsewhere) not at all.
    arm.links = [
      {
        link: 'upper_arm_link',
        startM: { x: 0.1, y: 0, z: 0.9 },
        endM: { x: 0.4, y: 0, z: 0.9 },
        radiusM: 0.06,
        startVelocityMps: { x: 0, y: 0, z: 0 },
        endVelocityMps: { x: 0.4, y: 0, z: 0 },
      },
    ];
    const s = m.update(null, frame(arm, 0.8)).sample;
    // v_r = 0.4 m/s: S_p = 1.6·(0.1 + 0.4/2.5) + 0.4·0.1 + 0.4²/5 + 0.17 = 0.416 + 0.04 + 0.032 + 0.17 = 0.658 m.
    expect(s.value).toBeCloseTo(0.295, 9);
    expect(s.limit).toBeCloseTo(0.658, 9);
    expect(s.bodies).toEqual(['arm:upper_arm_link', 'p:hand']);
    expect(s.status).toBe('violated');
  });

  it('link end velocities from the joint rates match the motion of the links over a short step', () => {
    const model = armModelFor(scene);
    const base = armBaseTransform(scene);
    const q = [0.3, -1.2, 1.5, -1.0, -1.4, 0.8];
    const qdot = [0.5, -0.3, 0.4, 0.6, -0.7, 0.2];
    const h = 1e-6;
    const now = armFrameFromJoints(model, base, q, qdot, 1, 0.06);
    const later = armFrameFromJoints(
      model,
      base,
      q.map((x, i) => x + qdot[i]! * h),
      qdot,
      1,
      0.06,
    );
    now.links.forEach((l, i) => {
      const next = later.links[i]!;
      for (const [p, p2, v] of [
        [l.startM, next.startM, l.startVelocityMps],
        [l.endM, next.endM, l.endVelocityMps],
      ] as const) {
        expect(v.x).toBeCloseTo((p2.x - p.x) / h, 4);
        expect(v.y).toBeCloseTo((p2.y - p.y) / h, 4);
        expect(v.z).toBeCloseTo((p2.z - p.z) / h, 4);
      }
    });
    expect(now.links.at(-1)!.endVelocityMps.x).toBeCloseTo(now.toolVelocityMps.x, 12);
  });
});
