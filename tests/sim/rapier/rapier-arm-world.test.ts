import { describe, expect, it } from 'vitest';
import { findAnyScenario } from '../../../scenarios/index.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import type { Frame } from '../../../sim/frame.js';

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
