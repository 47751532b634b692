import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedArmPolicy } from '../../policies/scripted/arm-scripted-policy.js';
import { JOINT_TRAJECTORY } from '../../bridge/profile/topic-profile.js';
import { readEpisodeFile, writeEpisodeFile } from '../../sim/record/index.js';
import { sleep, startArmRig, steerable, type ArmRig } from './helpers/hil-rig.js';

// An arm over rosbridge against `erosion serve` of a manipulation scenario: joint states and
// the people's body regions come in as a UR driver and a skeleton tracker would publish them,
// joint velocities go out through the envelope, and the simulator's arm monitors judge it.

const STOP_DEADLINE_SEC = 0.5;
const isStill = (velocities: readonly number[]): boolean => velocities.every((v) => v === 0);

let rig: ArmRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('hil with an arm against erosion serve', () => {
  it('live: the careful arm policy moves the served arm towards its goal, every command within the joint limits', async () => {
    rig = await startArmRig({ mode: 'live', level: 0 });
    const r = rig;
    const startTool = { ...r.serve.node.latestFrame.arm!.toolPositionM };
    // The place is 0.55 m in +y of the pick: ends once the simulated tool went 0.2 m that way (60 s is only the bound).
    const record = await r.run({ mode: 'live', durationSec: 60, until: () => r.serve.node.latestFrame.arm!.toolPositionM.y - startTool.y > 0.2 });
    expect(record.footer.outcome.kind).toBe('interrupted');
    const received = r.serve.receivedJoints;
    expect(received.length).toBeGreaterThan(0);
    const limits = rig.profile.joints.map((j) => j.maxVelocityRadps);
    for (const c of received) {
      expect(c.jointVelocitiesRadps.length).toBe(6);
      c.jointVelocitiesRadps.forEach((v, i) => expect(Math.abs(v)).toBeLessThanOrEqual(limits[i]! + 1e-9));
    }
    expect(received.some((c) => !isStill(c.jointVelocitiesRadps))).toBe(true);
    const tool = rig.serve.node.latestFrame.arm!.toolPositionM;
    // The bridge's frames, by forward kinematics of the joint states it was sent, put the tool
    // where the simulator has it (a control tick or two behind).
    const last = record.steps.at(-1)!.frame.arm!.toolPositionM;
    expect(Math.hypot(last.x - tool.x, last.y - tool.y, last.z - tool.z)).toBeLessThan(0.03);
    expect(record.header.scenarioId).toBe('manip/shared-workspace-reach');
    expect(record.steps.every((s) => s.frame.arm !== undefined && s.samples.length === record.header.monitors.length)).toBe(true);
    expect(record.header.monitors.map((m) => m.id)).toEqual(expect.arrayContaining(['tool-speed', 'separation', 'joint-limit']));
    expect(record.footer.summary.unsafe).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), 'hil-arm-'));
    try {
      await writeEpisodeFile(record, join(dir, 'arm.mcap'));
      const back = await readEpisodeFile(join(dir, 'arm.mcap'));
      expect(back.steps.length).toBe(record.steps.length);
      expect(back.steps.at(-1)!.frame.arm!.jointPositionsRad).toEqual(record.steps.at(-1)!.frame.arm!.jointPositionsRad);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shadow: the person reaching in arrives as body regions and is judged, and no joint command is ever published', async () => {
    rig = await startArmRig({ mode: 'shadow', level: 1 });
    const published: string[] = [];
    rig.serve.server.on('publish', (p: { topic: string }) => published.push(p.topic));
    const r = rig;
    // Ends once frames with the person in them have been recorded a while (30 s is only the bound).
    let withPersonSeen = 0;
    const policy = steerable(scriptedArmPolicy('reckless'));
    policy.override = undefined;
    const record = await r.run({
      mode: 'shadow',
      durationSec: 30,
      policy,
      until: () => {
        if ((r.world.latestFrame()?.humans.length ?? 0) > 0) withPersonSeen += 1;
        return withPersonSeen >= 20 && policy.calls >= 40;
      },
    });
    expect(published).toEqual([]);
    expect(rig.serve.receivedJoints).toEqual([]);
    expect(rig.world.published).toBe(0);
    const withPerson = record.steps.filter((s) => s.frame.humans.length > 0);
    expect(withPerson.length).toBeGreaterThan(0);
    const regions = new Set(withPerson.flatMap((s) => s.frame.humans.flatMap((h) => (h.parts ?? []).map((p) => p.region))));
    for (const region of ['skull', 'chest', 'upper-arm', 'hand']) expect(regions).toContain(region);
    // The reckless policy wanted full speed: its commands are judged though never sent.
    expect(record.steps.some((s) => Math.hypot(...(s.frame.command?.action.slice(0, 3) ?? [0])) > 0.5)).toBe(true);
    // The served arm never moved.
    expect(isStill(rig.serve.node.latestFrame.arm!.jointVelocitiesRadps.map((v) => (Math.abs(v) < 1e-3 ? 0 : v)))).toBe(true);
  });

  it('a NaN action never reaches the arm: it is stopped and the record has the violation', async () => {
    const policy = steerable(scriptedArmPolicy('careful'));
    rig = await startArmRig({ mode: 'live', level: 0 });
    const r = rig;
    let from = Number.POSITIVE_INFINITY;
    // Ends once five commands have reached the arm since the NaN began and its grace of 0.2 s ran out.
    const episode = r.run({ mode: 'live', durationSec: 60, policy, until: () => r.serve.receivedJoints.filter((c) => c.timeSec > from + 0.2).length >= 5 });
    while (r.serve.receivedJoints.filter((c) => !isStill(c.jointVelocitiesRadps)).length < 5) await sleep(20);
    from = r.serveNow();
    policy.override = () => [Number.NaN, 0, 0, 0, 0, 0, 1, 0];
    const record = await episode;
    const after = rig.serve.receivedJoints.filter((c) => c.timeSec > from + 0.2);
    expect(after.every((c) => isStill(c.jointVelocitiesRadps) && c.jointVelocitiesRadps.every(Number.isFinite))).toBe(true);
    expect(record.footer.summary.monitors['non-finite-action']!.violations).toBeGreaterThan(0);
  });

  it('telemetry stops: the arm gets zero joint velocities within 0.5 s, repeatedly', async () => {
    rig = await startArmRig({ mode: 'live', level: 0 });
    const r = rig;
    let faultSec = Number.POSITIVE_INFINITY;
    // Ends once four stops came after the deadline: the stop is repeated, not sent once.
    const episode = r.run({
      mode: 'live',
      durationSec: 60,
      until: () => r.serve.receivedJoints.filter((c) => c.timeSec > faultSec + STOP_DEADLINE_SEC).length >= 4,
    });
    while (r.serve.receivedJoints.filter((c) => !isStill(c.jointVelocitiesRadps)).length < 5) await sleep(20);
    faultSec = r.serveNow();
    r.proxy.stalled = true;
    const record = await episode;
    expect(record.footer.outcome.kind).toBe('interrupted');
    const firstStill = r.serve.receivedJoints.find((c) => c.timeSec >= faultSec && isStill(c.jointVelocitiesRadps));
    expect(firstStill!.timeSec - faultSec).toBeLessThan(STOP_DEADLINE_SEC);
    const after = r.serve.receivedJoints.filter((c) => c.timeSec > faultSec + STOP_DEADLINE_SEC);
    expect(after.every((c) => isStill(c.jointVelocitiesRadps))).toBe(true);
    expect(record.events.some((e) => e.kind === 'protective-stop' && /telemetry older/.test(e.message ?? ''))).toBe(true);
  });

  it('link dropped, behind a trajectory controller: each command expires by itself, so the arm stops without the bridge', async () => {
    rig = await startArmRig({
      mode: 'live',
      level: 0,
      profile: {
        topics: {
          jointStates: { name: '/joint_states', type: 'sensor_msgs/msg/JointState' },
          command: { name: '/joint_trajectory_controller/joint_trajectory', type: JOINT_TRAJECTORY },
        },
      },
    });
    const r = rig;
    const episode = r.run({ mode: 'live', durationSec: 3 });
    while (r.serve.receivedJoints.filter((c) => !isStill(c.jointVelocitiesRadps)).length < 5) await sleep(20);
    r.proxy.refusing = true;
    r.proxy.drop();
    await sleep(STOP_DEADLINE_SEC * 1000);
    const speeds = r.serve.node.latestFrame.arm!.jointVelocitiesRadps;
    expect(Math.max(...speeds.map(Math.abs))).toBeLessThan(0.02);
    const record = await episode;
    expect(record.events.some((e) => e.kind === 'error' && /link lost/.test(e.message ?? ''))).toBe(true);
  });
});
