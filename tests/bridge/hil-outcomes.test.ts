import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedNavPolicy } from '../../policies/scripted/nav-scripted-policy.js';
import { findScenario, resolveScenario } from '../../scenarios/index.js';
import { createRapierWorld } from '../../sim/rapier/index.js';
import { loadTopicProfile, runLiveEpisode, RosbridgeWorld, startServe, type MobileBaseProfile } from '../../bridge/index.js';
import { HIL_EXIT, hilExitCode, RELEASE_SERVICE } from '../../bridge/cli/hil-exit.js';
import { ENGINE, sleep, startRig, steerable, type Rig } from './helpers/hil-rig.js';

// How a session ends, told truthfully: a lost link, an interrupt, a missing or unusable topic
// named with its fix; and what may release a protective stop.

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('hil outcomes and exit codes', () => {
  it('exit codes: 130 interrupted whatever came before, 1 unsafe before 4 link lost, 2 no telemetry', () => {
    expect(hilExitCode({ kind: 'interrupted', timeSec: 3 }, true)).toBe(130);
    expect(hilExitCode({ kind: 'link-lost', timeSec: 3, message: '' }, true)).toBe(HIL_EXIT.regression);
    expect(hilExitCode({ kind: 'link-lost', timeSec: 3, message: '' }, false)).toBe(4);
    expect(hilExitCode({ kind: 'errored', timeSec: 0, message: '' }, false)).toBe(2);
    expect(hilExitCode({ kind: 'timeout', timeSec: 9 }, false)).toBe(0);
  });

  it('a link down longer than the limit ends the session as link-lost, at that time', async () => {
    rig = await startRig({ mode: 'live' });
    const r = rig;
    const episode = r.run({ mode: 'live', durationSec: 60, linkLostSec: 0.5 });
    while (r.serve.received.filter((c) => c.linearMps > 0).length < 3) await sleep(20);
    r.proxy.refusing = true;
    r.proxy.drop();
    const lostAt = r.world.now();
    const record = await episode;
    expect(record.footer.outcome.kind).toBe('link-lost');
    expect(record.footer.outcome.timeSec).toBeGreaterThan(lostAt + 0.5);
    expect(record.footer.outcome.kind === 'link-lost' && record.footer.outcome.message).toMatch(/down for \d\.\d s \(limit 0\.5 s\)/);
    expect(hilExitCode(record.footer.outcome, record.footer.summary.unsafe)).toBe(4);
  });

  it('an interrupt ends the session as interrupted at the real time, not the last frame', async () => {
    rig = await startRig({ mode: 'shadow' });
    const r = rig;
    let stalledAt = Number.POSITIVE_INFINITY;
    const policy = steerable();
    // Telemetry stops, then the operator interrupts a while later: the outcome is at the interrupt.
    const record = await r.run({
      mode: 'shadow',
      durationSec: 60,
      policy,
      until: () => {
        if (policy.calls >= 5 && !Number.isFinite(stalledAt)) {
          r.proxy.stalled = true;
          stalledAt = r.world.now();
        }
        return r.world.now() > stalledAt + 0.5;
      },
    });
    expect(record.footer.outcome.kind).toBe('interrupted');
    expect(record.footer.outcome.timeSec).toBeGreaterThan(record.steps.at(-1)!.frame.timeSec + 0.4);
    // Shadow mode never says it stopped the robot: it would have.
    const messages = record.events.map((e) => e.message ?? '').join('\n');
    expect(messages).toMatch(/would stop the robot \(shadow: nothing sent\)/);
    expect(record.events.some((e) => e.kind === 'protective-stop')).toBe(false);
  });

  it('a base without a people tracker drives: people are optional; a missing scan topic is named with its fix', async () => {
    const base = loadTopicProfile('nav-base') as MobileBaseProfile;
    // The robot publishes no people at all; the bridge's profile names a tracker topic.
    const { people: _none, ...noPeople } = base.topics;
    rig = await startRig({ mode: 'live', robot: { topics: noPeople } });
    const r = rig;
    const startX = r.serve.node.latestFrame.robot.positionM.x;
    const record = await r.run({ mode: 'live', durationSec: 30, until: () => r.serve.node.latestFrame.robot.positionM.x > startX + 0.1 });
    expect(record.footer.outcome.kind).toBe('interrupted');
    await r.close();
    rig = await startRig({ mode: 'shadow', profile: { topics: { ...base.topics, scan: { name: '/base_scan', type: 'sensor_msgs/msg/LaserScan' } } } });
    expect(rig.profile.topics.people).toBeDefined();
    const missing = await rig.run({ mode: 'shadow', durationSec: 5, startTimeoutSec: 1 });
    expect(missing.footer.outcome.kind === 'errored' && missing.footer.outcome.message).toMatch(
      /\/base_scan \(sensor_msgs\/msg\/LaserScan\): never seen; the server has no such topic: is the driver running, and is the name right \(topics\.scan\.name\)\?/,
    );
  });

  it('odometry in another frame than the profile says is refused, and the diagnosis says so', async () => {
    const base = loadTopicProfile('nav-base') as MobileBaseProfile;
    rig = await startRig({ mode: 'shadow', profile: { topics: { ...base.topics, odom: { name: '/odom', type: 'nav_msgs/msg/Odometry', frameId: 'map' } } } });
    const record = await rig.run({ mode: 'shadow', durationSec: 5, startTimeoutSec: 1 });
    expect(record.footer.outcome.kind === 'errored' && record.footer.outcome.message).toMatch(
      /\/odom \(nav_msgs\/msg\/Odometry\): \d+ received, 0 usable; refused: \d+ frame \(e\.g\. header\.frame_id: "odom" is not the profile's "map"\): publish it in frame "map", or set topics\.odom\.frameId/,
    );
  });

  it('a protective stop is released through the std_srvs/Trigger service, only when there is one to release', async () => {
    rig = await startRig({ mode: 'live' });
    const r = rig;
    let answers: Array<{ result: boolean; values: unknown }> = [];
    let asked = false;
    const record = await r.run({
      mode: 'live',
      durationSec: 60,
      releaseService: RELEASE_SERVICE,
      until: () => {
        if (!asked && r.world.state() === 'ready' && r.serve.received.length > 3) {
          asked = true;
          r.world.protectiveStop('stopped by the test');
          void (async () => {
            const first = await r.serve.server.callService(RELEASE_SERVICE);
            const second = await r.serve.server.callService(RELEASE_SERVICE);
            answers = [first, second];
          })();
        }
        return answers.length === 2;
      },
    });
    expect(answers[0]).toMatchObject({ result: true, values: { success: true, message: 'protective stop released' } });
    expect(answers[1]).toMatchObject({ result: true, values: { success: false, message: 'no protective stop to release' } });
    expect(record.events.some((e) => /protective stop released by the \/erosion\/release_protective_stop service/.test(e.message ?? ''))).toBe(true);
  });
});

describe('connecting under load', () => {
  let gate: Server | undefined;
  afterEach(() => gate?.close());

  it('a handshake that never completes is retried within the window: the session still gets telemetry', async () => {
    const profile = { ...(loadTopicProfile('nav-base') as MobileBaseProfile), site: 'nav/crossing-pedestrian' };
    const site = findScenario('nav/crossing-pedestrian');
    const serve = await startServe({ createWorld: createRapierWorld, scenario: site.spec, level: 0, seed: 0, port: 0, profile });
    const held: Socket[] = [];
    let accepted = 0;
    // The first connection is accepted and never answered (a machine too busy to finish the handshake); later ones go through.
    gate = createServer((socket) => {
      if (accepted++ === 0) return void held.push(socket);
      const upstream = connect(serve.server.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((res) => gate!.listen(0, '127.0.0.1', res));
    const url = `ws://127.0.0.1:${(gate.address() as { port: number }).port}`;
    const world = new RosbridgeWorld({
      profile,
      scene: resolveScenario(site.spec, 0, 0),
      url,
      mode: 'shadow',
      handshakeTimeoutSec: 0.3,
      reconnectMinSec: 0.05,
    });
    try {
      const record = await runLiveEpisode({
        world,
        profile,
        site,
        level: 0,
        policy: scriptedNavPolicy('careful'),
        mode: 'shadow',
        url,
        engine: ENGINE,
        durationSec: 0.5,
      });
      expect(accepted).toBeGreaterThanOrEqual(2);
      expect(record.footer.outcome.kind).not.toBe('errored');
      expect(record.steps.length).toBeGreaterThan(0);
    } finally {
      world.close();
      for (const s of held) s.destroy();
      await serve.close();
    }
  });
});
