import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEpisodeFile, writeEpisodeFile } from '../../sim/record/index.js';
import { startRig, steerable, type Rig } from './helpers/hil-rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('hil against erosion serve over a real WebSocket', () => {
  it('live: the policy drives the simulated robot, every frame is judged and the replay reads back', async () => {
    rig = await startRig({ mode: 'live' });
    const r = rig;
    const startX = r.serve.node.latestFrame.robot.positionM.x;
    // Ends once the robot has driven 0.3 m towards the goal (+x); 30 s is only the bound.
    const record = await r.run({ mode: 'live', durationSec: 30, until: () => r.serve.node.latestFrame.robot.positionM.x > startX + 0.3 });
    expect(record.footer.outcome.kind).toBe('interrupted');
    // It moved because commands reached it: the robot received forward commands.
    expect(r.serve.received.some((c) => c.linearMps > 0)).toBe(true);
    expect(record.steps.length).toBeGreaterThan(0);
    expect(record.steps.every((s) => s.samples.length === record.header.monitors.length)).toBe(true);
    expect(record.footer.summary.unsafe).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), 'hil-'));
    try {
      await writeEpisodeFile(record, join(dir, 'live.mcap'));
      const back = await readEpisodeFile(join(dir, 'live.mcap'));
      expect(back.steps.length).toBe(record.steps.length);
      expect(back.footer.outcome.kind).toBe(record.footer.outcome.kind);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shadow: the policy sees live telemetry and is recorded, but no velocity command is ever published', async () => {
    rig = await startRig({ mode: 'shadow' });
    const published: string[] = [];
    rig.serve.server.on('publish', (p: { topic: string }) => published.push(p.topic));
    const policy = steerable();
    const record = await rig.run({ mode: 'shadow', durationSec: 30, policy, until: () => policy.calls >= 20 });
    expect(record.footer.outcome.kind).toBe('interrupted');
    expect(published).toEqual([]);
    expect(rig.serve.received).toEqual([]);
    expect(rig.world.published).toBe(0);
    expect(record.steps.length).toBeGreaterThan(0);
    // What the policy would have done is in the record: it wanted to drive forward.
    expect(record.steps.some((s) => (s.frame.command?.action[0] ?? 0) > 0.1)).toBe(true);
  });
});
