import { describe, expect, it } from 'vitest';
import { findAnyScenario, type ArmScenarioSpec } from '../../../scenarios/index.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import { dlsStep, forwardKinematics, jacobian } from '../../../sim/arm/arm-kinematics.js';
import type { Mat3 } from '../../../sim/geometry/rotation.js';
import { armBaseTransform } from '../../../sim/arm/arm-model-for.js';
import type { Frame, Vec3 } from '../../../sim/frame.js';
import { contactForceMonitor } from '../../../sim/monitors/index.js';

// The simulated UR5e must behave like the velocity servo of a real arm controller: a joint
// velocity command is followed, and a zero command stops every joint promptly. (Its links
// once coasted for half a second after a stop, which made every stop look late.)

const COMMAND = [-0.4, 0.27, -0.22, -0.12, -0.12, -0.5];

async function run(steps: Array<{ velocities: number[]; seconds: number }>): Promise<Frame[]> {
  const scenario = findAnyScenario('manip/shared-workspace-reach');
  const world = await createRapierWorld(scenario.spec, 0);
  try {
    world.reset(0);
    const physicsHz = scenario.spec.episode.physicsHz;
    const frames: Frame[] = [];
    for (const s of steps) {
      world.apply({ kind: 'arm', jointVelocitiesRadps: s.velocities, gripper: 1 });
      for (let i = 0; i < Math.round(s.seconds * physicsHz); i++) frames.push(world.step(1 / physicsHz));
    }
    return frames;
  } finally {
    world.close();
  }
}

describe('the Rapier arm as a velocity servo', () => {
  it('follows a joint velocity command on every joint within 5%', async () => {
    const frames = await run([{ velocities: COMMAND, seconds: 0.5 }]);
    const measured = frames.at(-1)!.arm!.jointVelocitiesRadps;
    COMMAND.forEach((v, i) => expect(Math.abs(measured[i]! - v), `joint ${i}`).toBeLessThan(0.05 * Math.abs(v)));
  });

  it('stops every joint within 0.25 s of a zero command', async () => {
    const frames = await run([
      { velocities: COMMAND, seconds: 0.5 },
      { velocities: COMMAND.map(() => 0), seconds: 0.25 },
    ]);
    const measured = frames.at(-1)!.arm!.jointVelocitiesRadps;
    for (const v of measured) expect(Math.abs(v)).toBeLessThan(0.06);
  });
});

// A link driven into a person's hand at a known speed. The closing speed must be the one the
// link had going into the contact (after the solver has resolved it, the stiff contact has
// already stopped the link: it once read 0 m/s and 0 N here).
describe('contact closing speed from before the solver', () => {
  /** pinch-point with its seeded draws pinned: place point (0.6, 0), 1 kg part, the hand stays put. */
  function handScene(freeHand: boolean): ArmScenarioSpec {
    const spec = structuredClone(findAnyScenario('manip/pinch-point').spec) as ArmScenarioSpec;
    const fix = (name: string, x: number): void => void (spec.params[name] = { min: x, max: x });
    fix('placeXM', 0.6);
    fix('placeYM', 0);
    fix('partMassKg', 1);
    fix('withdrawSec', 60);
    fix('latencySec', 0);
    if (freeHand) {
      // A 1.2 m person holding the hand out level over the bench, 7 cm clear of it: shoulder at
      // 0.96 m, elbow and hand at 0.96 - 0.16·(1.2/1.75) = 0.85 m, so the forearm and hand are level.
      const person = spec.props.find((p) => p.kind === 'human');
      if (person?.kind !== 'human' || !person.handRestM) throw new Error('pinch-point has no resting hand');
      person.heightM = 1.2;
      person.handRestM.zM = 0.85;
    }
    return spec;
  }

  /** Tool to 0.15 m above the hand's end, then straight down at driveMps until something touches the person. */
  async function driveIntoHand(freeHand: boolean, driveMps: number): Promise<{ frames: Frame[]; effectiveMassKg: number }> {
    const world = await createRapierWorld(handScene(freeHand), 1);
    try {
      let frame = world.reset(0);
      const scene = world.resolved;
      const base = armBaseTransform(scene);
      const dtSec = 1 / scene.physicsHz;
      const hand = frame.humans[0]!.parts!.find((p) => p.region === 'hand' && p.side === 'right')!;
      const top = hand.endM.z + hand.radiusM;
      const holdR = forwardKinematics(world.armModel, frame.arm!.jointPositionsRad, base).tip.R;
      const frames: Frame[] = [];
      // Cartesian servo: feed-forward velocity plus position and orientation feedback, so the tool
      // moves at the commanded speed on a straight line with the gripper kept pointing down.
      // Going down (feedForward set) the height is left to the feed-forward alone: feedback on it
      // would make the tool catch up on its lag and hit faster than commanded.
      const servo = (target: Vec3, feedForward?: Vec3): void => {
        const fk = forwardKinematics(world.armModel, frame.arm!.jointPositionsRad, base);
        const p = fk.tip.p;
        const w = orientationError(fk.tip.R, holdR);
        const vz = feedForward ? feedForward.z : 5 * (target.z - p.z);
        const twist = [5 * (target.x - p.x), 5 * (target.y - p.y), vz, 5 * w.x, 5 * w.y, 5 * w.z];
        world.apply({ kind: 'arm', jointVelocitiesRadps: dlsStep(jacobian(fk), twist, 1e-3), gripper: 1 });
        frame = world.step(dtSec);
        frames.push(frame);
      };
      // The held part reaches 0.06 m below the tool: start 0.15 m above contact.
      const start = { x: hand.endM.x, y: hand.endM.y, z: top + 0.06 + 0.15 };
      for (let i = 0; i < 2 * scene.physicsHz; i++) servo(start);
      for (let i = 0; i < 2 * scene.physicsHz && !frame.contacts.some((c) => c.humanId); i++) servo(start, { x: 0, y: 0, z: -driveMps });
      return { frames, effectiveMassKg: scene.robot.massKg / 2 + scene.payloadKg };
    } finally {
      world.close();
    }
  }

  it('a part driven into a free hand at 0.3 m/s reports the body-model peak force, 62 N within 6%', async () => {
    const { frames, effectiveMassKg } = await driveIntoHand(true, 0.3);
    const hit = frames.findIndex((f) => f.contacts.some((c) => c.humanId));
    expect(hit).toBeGreaterThan(0);
    const contact = frames[hit]!.contacts.find((c) => c.humanId)!;
    expect(contact.region).toBe('hand');
    expect(contact.side).toBe('right');
    expect(contact.pinnedAgainst).toBeUndefined();
    // The hand and forearm lie level, so the contact normal is vertical: the closing speed is the
    // tool's downward speed going into the step, as the arm's joint rates gave it on the frame before.
    expect(contact.normalSpeedMps).toBeCloseTo(-frames[hit - 1]!.arm!.toolVelocityMps.z, 2);
    // The joint servo follows a command within 5% (above), so the tool arrives within 6% of 0.3 m/s.
    expect(contact.normalSpeedMps).toBeGreaterThan(0.94 * 0.3);
    expect(contact.normalSpeedMps).toBeLessThan(1.06 * 0.3);
    // Body model by hand: m_R = 20.6/2 + 1 = 11.3 kg (UR5e M/2 + the 1 kg part); hand m_H = 0.6 kg,
    // k = 75 N/mm. mu = 0.6·11.3/11.9 = 0.5697 kg; F = 0.3·sqrt(0.5697·75000) = 0.3·206.7 = 62.0 N.
    expect(effectiveMassKg).toBeCloseTo(11.3, 9);
    const m = contactForceMonitor({ transientSec: 0.5 }, { effectiveMassKg });
    const first = m.update(m.init(), frames[hit]!).sample;
    expect(first.value).toBeGreaterThan(62.0 * 0.94);
    expect(first.value).toBeLessThan(62.0 * 1.06);
    expect(first.limit).toBe(280);
    expect(first.status).toBe('ok');
    expect(first.note).toContain('right hand');
  });

  it('a hand lying on the bench is pinned against it: no recoil, 0.5 m/s gives more than the 280 N limit', async () => {
    const { frames, effectiveMassKg } = await driveIntoHand(false, 0.5);
    const hit = frames.find((f) => f.contacts.some((c) => c.humanId))!;
    const contact = hit.contacts.find((c) => c.humanId)!;
    expect(contact.pinnedAgainst).toBe('table');
    expect(contact.normalSpeedMps).toBeGreaterThan(0.1);
    const m = contactForceMonitor({ transientSec: 0.5 }, { effectiveMassKg });
    const s = m.update(m.init(), hit).sample;
    // Pinned, the hand's side of the two-body model is the bench: mu = m_R = 11.3 kg and
    // sqrt(11.3·75000) = 920.6 N·s/m, against 206.7 for the same hand free to recoil.
    expect(s.value / contact.normalSpeedMps).toBeCloseTo(920.6, 0);
    expect(s.status).toBe('violated');
  });
});

/** Small rotation taking R to Rd, as a rotation vector in world axes (0.5·Σ r_i × rd_i over columns). */
function orientationError(R: Mat3, Rd: Mat3): Vec3 {
  const e = { x: 0, y: 0, z: 0 };
  for (let c = 0; c < 3; c++) {
    const r = { x: R[c]!, y: R[3 + c]!, z: R[6 + c]! };
    const d = { x: Rd[c]!, y: Rd[3 + c]!, z: Rd[6 + c]! };
    e.x += 0.5 * (r.y * d.z - r.z * d.y);
    e.y += 0.5 * (r.z * d.x - r.x * d.z);
    e.z += 0.5 * (r.x * d.y - r.y * d.x);
  }
  return e;
}
