// The manifest is honoured in the episode loop: the policy's controlHz sets the control rate,
// and a recurrent policy's state starts at zero in every episode and is fed back each tick.
import { afterAll, describe, expect, it } from 'vitest';
import { loadOnnxPolicy } from '../../../policies/onnx/onnx-policy.js';
import type { Policy } from '../../../policies/policy.js';
import { scriptedNavPolicy } from '../../../policies/scripted/nav-scripted-policy.js';
import { findScenario } from '../../../scenarios/index.js';
import { runEpisode } from '../../../sim/episode/run-episode.js';
import { createRapierWorld, rapierVersion } from '../../../sim/rapier/index.js';
import type { EpisodeRecord } from '../../../sim/record/episode-record.js';
import { buildCounterModel } from '../../policies/fixtures/recurrent-models.js';
import { navManifest, removeTempPolicies, writePolicy } from '../../policies/temp-policy-dir.js';

afterAll(removeTempPolicies);

const engine = { erosion: 'test', rapier: await rapierVersion(), onnxruntime: 'test' };
const scenario = findScenario('nav/crossing-pedestrian');

function atRate(controlHz: number): Policy {
  const inner = scriptedNavPolicy('careful');
  return { ...inner, info: { ...inner.info, controlHz } };
}

async function episode(policy: Policy): Promise<EpisodeRecord> {
  const world = await createRapierWorld(scenario.spec, 0);
  try {
    return await runEpisode({ scenario, level: 0, seed: 1, policy, role: 'single', world, engine });
  } finally {
    world.close();
  }
}

describe("the policy's control rate", () => {
  it('drives the loop: a 40 Hz policy on 240 Hz physics acts every 6th step', async () => {
    const record = await episode(atRate(40));
    expect(record.header.rates).toEqual({ physicsHz: 240, controlHz: 40 });
    const ticks = record.steps.slice(0, 240).flatMap((s, k) => (s.observation ? [k] : []));
    expect(ticks).toEqual(Array.from({ length: 40 }, (_, i) => i * 6));
  });

  it('refuses a rate the physics rate is not a multiple of, naming both and the rates that fit', async () => {
    const record = await episode(atRate(50));
    expect(record.steps).toHaveLength(0);
    expect(record.footer.outcome.kind).toBe('errored');
    const message = (record.footer.outcome as { message: string }).message;
    expect(message).toContain('policy scripted/careful runs at 50 Hz, but nav/crossing-pedestrian steps its physics at 240 Hz, not a whole multiple of 50');
    expect(message).toContain('40, 48, 60');
  });
});

describe('a recurrent policy in episodes', () => {
  it('starts each episode from a zero state and feeds it back every tick', async () => {
    const bytes = buildCounterModel();
    const { manifestPath } = writePolicy('counter', bytes, navManifest('counter', bytes, { state: [{ input: 'h_in', output: 'h_out', shape: [1, 1] }] }));
    const policy = await loadOnnxPolicy(manifestPath);
    try {
      const first = await episode(policy);
      const second = await episode(policy);
      // Tick k (from 0) asks for min(0.1·(k+1), 0.5) m/s: the counter state came back each tick.
      const asked = first.steps
        .filter((s) => s.observation)
        .slice(0, 7)
        .map((s) => s.frame.command!.action[0]!);
      const expected = [0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5];
      asked.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
      // The second episode began from zero again: the same bits throughout.
      expect(JSON.stringify(second.steps)).toBe(JSON.stringify(first.steps));
    } finally {
      await policy.close();
    }
  });
});
