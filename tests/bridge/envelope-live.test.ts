import { afterEach, describe, expect, it } from 'vitest';
import { scriptedNavPolicy } from '../../policies/scripted/nav-scripted-policy.js';
import { MOBILE_BASE_PRESETS } from '../../scenarios/index.js';
import { RosbridgeServer, RosLink, TopicNotAllowedError, NonFiniteMessageError } from '../../bridge/index.js';
import { sleep, startRig, steerable, type Rig } from './helpers/hil-rig.js';
import { isZero } from './helpers/received.js';

// The envelope end to end: what reaches the simulated robot over a real WebSocket.

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('the envelope, as the robot sees it', () => {
  it('a NaN command is never sent: the robot only ever receives finite numbers', async () => {
    rig = await startRig({ mode: 'live' });
    const policy = steerable();
    let tick = 0;
    policy.override = () => (tick++ % 3 === 0 ? [Number.NaN, 0] : [0.3, Number.POSITIVE_INFINITY]);
    const r = rig;
    const record = await r.run({ mode: 'live', durationSec: 30, policy, until: () => r.serve.received.length >= 10 && policy.calls >= 10 });
    const received = r.serve.received;
    expect(record.footer.outcome.kind).toBe('interrupted');
    expect(received.every((c) => Number.isFinite(c.linearMps) && Number.isFinite(c.angularRadps))).toBe(true);
    expect(record.events.some((e) => e.kind === 'non-finite-action')).toBe(true);
    expect(record.footer.summary.monitors['non-finite-action']?.violations).toBeGreaterThan(0);
  });

  it('every command reaching the robot is within its speed limits', async () => {
    rig = await startRig({ mode: 'live' });
    const policy = steerable();
    policy.override = () => [50, -50];
    const r = rig;
    await r.run({ mode: 'live', durationSec: 30, policy, until: () => r.serve.received.filter((c) => c.linearMps > 0).length >= 10 });
    const robot = MOBILE_BASE_PRESETS['warehouse-amr']!;
    const received = rig.serve.received;
    expect(received.some((c) => c.linearMps > 0)).toBe(true);
    expect(received.every((c) => Math.abs(c.linearMps) <= robot.maxLinearMps + 1e-9 && Math.abs(c.angularRadps) <= robot.maxAngularRadps + 1e-9)).toBe(true);
  });

  it('commands applied faster than the control rate are rate-limited', async () => {
    rig = await startRig({ mode: 'live' });
    let done = false;
    const episode = rig.run({ mode: 'live', durationSec: 30, policy: steerable(), until: () => done });
    while (rig.world.state() !== 'ready') await sleep(10);
    await sleep(200);
    const before = rig.world.published;
    for (let i = 0; i < 50; i++) rig.world.apply({ linearMps: 0.1, angularRadps: 0 });
    expect(rig.world.published - before).toBeLessThanOrEqual(1);
    expect(rig.world.envelope.counts.rateLimited).toBeGreaterThanOrEqual(49);
    done = true;
    await episode;
  });

  it('a monitor violation triggers a protective stop: from then on the robot only receives zero velocity', async () => {
    rig = await startRig({ mode: 'live', scenario: 'nav/crowded-corridor', level: 1 });
    const r = rig;
    let stoppedAt: number | undefined;
    const record = await r.run({
      mode: 'live',
      durationSec: 30,
      // Ends once five commands reached the robot after the stop (or the bound, if no stop came).
      until: () => stoppedAt !== undefined && r.serve.received.filter((c) => c.timeSec > stoppedAt! + 0.1).length >= 5,
      policy: scriptedNavPolicy('reckless'),
      // Polled every tick; never asks for a reset, so the stop must hold to the end.
      resetRequested: () => {
        if (stoppedAt === undefined && rig!.world.envelope.protectiveStopReason) stoppedAt = rig!.serveNow();
        return false;
      },
    });
    expect(record.events.some((e) => e.kind === 'protective-stop' && /protective stop after/.test(e.message ?? ''))).toBe(true);
    expect(rig.world.envelope.protectiveStopReason).toMatch(/monitor violated/);
    expect(stoppedAt).toBeDefined();
    const after = rig.serve.received.filter((c) => c.timeSec > stoppedAt! + 0.1);
    expect(after.length).toBeGreaterThanOrEqual(5);
    expect(after.every(isZero)).toBe(true);
  });
});

describe('rosbridge link', () => {
  it('refuses to publish to a topic off the allow-list, and to publish a non-finite number; neither reaches rosbridge', async () => {
    const server = await RosbridgeServer.listen(0);
    const seen: string[] = [];
    server.on('publish', (p: { topic: string }) => seen.push(p.topic));
    const link = new RosLink(
      { url: server.url, subscriptions: [], publications: [{ name: '/cmd_vel', type: 'geometry_msgs/msg/Twist' }], clock: () => performance.now() / 1000 },
      { message: () => {}, up: () => {}, down: () => {}, problem: () => {} },
    );
    try {
      link.start();
      for (let i = 0; i < 100 && !link.isUp; i++) await sleep(10);
      expect(link.isUp).toBe(true);
      const twist = { linear: { x: 0.1, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } };
      expect(() => link.publish('/arm/command', 'geometry_msgs/msg/Twist', twist)).toThrow(TopicNotAllowedError);
      expect(() => link.publish('/cmd_vel', 'geometry_msgs/msg/Twist', { ...twist, linear: { x: Number.NaN, y: 0, z: 0 } })).toThrow(NonFiniteMessageError);
      expect(link.publish('/cmd_vel', 'geometry_msgs/msg/Twist', twist)).toBe(true);
      for (let i = 0; i < 100 && seen.length === 0; i++) await sleep(10);
      expect(seen).toEqual(['/cmd_vel']);
    } finally {
      link.close();
      await server.close();
    }
  });
});
