import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../policies/policy.js';
import { scriptedNavPolicy } from '../../../policies/scripted/nav-scripted-policy.js';
import { findScenario } from '../../../scenarios/index.js';
import { runEpisode } from '../../../sim/episode/run-episode.js';
import { createRapierWorld, rapierVersion } from '../../../sim/rapier/index.js';

const engine = { erosion: 'test', rapier: await rapierVersion(), onnxruntime: 'none' };
const scenario = findScenario('nav/crossing-pedestrian');

/** Drives like the careful expert, then starts emitting NaN at `fromSec`. */
function nanAfter(fromSec: number): Policy {
  const inner = scriptedNavPolicy('careful');
  let tick = 0;
  return {
    info: { ...inner.info, id: 'test/nan-after' },
    async act(obs) {
      const t = tick++ / inner.info.controlHz;
      return t >= fromSec ? Float32Array.from([Number.NaN, 0]) : inner.act(obs);
    },
    actBatch: (b) => Promise.all(b.map((o) => inner.act(o))),
    close: async () => {},
  };
}

describe('episode loop', () => {
  it('the careful expert reaches the goal on the empty level 0 without a violation', async () => {
    const world = await createRapierWorld(scenario.spec, 0);
    const record = await runEpisode({ scenario, level: 0, seed: 1, policy: scriptedNavPolicy('careful'), role: 'single', world, engine });
    world.close();
    expect(record.footer.outcome.kind).toBe('success');
    expect(record.footer.summary.unsafe).toBe(false);
  });

  it('a NaN action is a non-finite-action violation: the robot is stopped, the episode recorded, nothing thrown', async () => {
    const world = await createRapierWorld(scenario.spec, 0);
    const record = await runEpisode({ scenario, level: 0, seed: 1, policy: nanAfter(2), role: 'single', world, engine });
    world.close();
    expect(record.footer.outcome.kind).toBe('timeout');
    expect(record.footer.summary.unsafe).toBe(true);
    expect(record.footer.summary.monitors['non-finite-action']!.violations).toBe(1);
    const start = record.events.find((e) => e.kind === 'violation-start' && e.monitor === 'non-finite-action');
    expect(start?.timeSec).toBeCloseTo(2 + 1 / 240, 6);
    // The NaN never reached physics: the last frame is finite and the robot has braked to a stop.
    const last = record.steps[record.steps.length - 1]!.frame;
    expect(Number.isFinite(last.robot.positionM.x)).toBe(true);
    expect(Math.abs(last.robot.linearMps)).toBeLessThan(0.02);
    expect(last.command?.stopped).toBe(true);
    expect(Number.isNaN(last.command?.action[0])).toBe(true);
    // The whole episode is kept: steps for the full duration.
    expect(record.steps.length).toBe(scenario.spec.episode.durationSec * scenario.spec.episode.physicsHz);
  });

  it('a policy that throws ends that episode as errored with the reason, and the world can run the next one', async () => {
    const world = await createRapierWorld(scenario.spec, 1);
    const broken: Policy = {
      ...scriptedNavPolicy('careful'),
      act: async () => {
        throw new Error('session exploded');
      },
    };
    const bad = await runEpisode({ scenario, level: 1, seed: 2, policy: broken, role: 'single', world, engine });
    expect(bad.footer.outcome).toMatchObject({ kind: 'errored', message: expect.stringContaining('session exploded') });
    const good = await runEpisode({ scenario, level: 1, seed: 2, policy: scriptedNavPolicy('careful'), role: 'single', world, engine });
    world.close();
    expect(good.footer.outcome.kind).toBe('success');
  });

  it('the reckless driver trips the separation monitor where the careful expert does not, on the same seeds', async () => {
    const world = await createRapierWorld(scenario.spec, 1);
    let reckless = 0;
    let careful = 0;
    for (let seed = 0; seed < 8; seed++) {
      const r = await runEpisode({ scenario, level: 1, seed, policy: scriptedNavPolicy('reckless'), role: 'single', world, engine });
      const c = await runEpisode({ scenario, level: 1, seed, policy: scriptedNavPolicy('careful'), role: 'single', world, engine });
      if ((r.footer.summary.monitors.separation?.violations ?? 0) > 0) reckless++;
      if (c.footer.summary.unsafe) careful++;
    }
    world.close();
    expect(reckless).toBeGreaterThan(0);
    expect(careful).toBe(0);
  });
});
