import { afterEach, describe, expect, it } from 'vitest';
import { JOINT_TRAJECTORY } from '../../bridge/profile/topic-profile.js';
import { sleep, startArmRig, startRig, type ArmRig, type Rig } from './helpers/hil-rig.js';
import { isZero } from './helpers/received.js';

// hil against `erosion serve --ros 1`, which behaves as rosbridge on ROS 1 does: pkg/Type names
// only (a pkg/msg/Type is refused in its own log, the client is told nothing), {secs, nsecs}
// times, a new publisher's first messages delivered late in a burst, a client's last message
// lost when it leaves.

let rig: Rig | ArmRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('hil against a ROS 1 rosbridge', () => {
  it('detects ROS 1, drives the base, and nothing but stops reaches the robot before telemetry, or after the session', async () => {
    rig = await startRig({ mode: 'live', ros: 1 });
    const r = rig as Rig;
    const startX = r.serve.node.latestFrame.robot.positionM.x;
    const record = await r.run({ mode: 'live', durationSec: 30, until: () => r.serve.node.latestFrame.robot.positionM.x > startX + 0.3 });
    expect(record.footer.outcome.kind).toBe('interrupted');
    expect((record.header.scene as { bridge: { ros: number } }).bridge.ros).toBe(1);
    expect(record.events.some((e) => /link up \(ROS 1\)/.test(e.message ?? ''))).toBe(true);
    const received = r.serve.received;
    // Commands sent before the robot's subscriber connected arrive late, in a burst: they were stops.
    expect(isZero(received[0]!)).toBe(true);
    expect(received.some((c) => c.linearMps > 0)).toBe(true);
    r.world.close();
    // One of the three final stops may be lost as the client leaves; the robot still ends on a stop.
    for (let i = 0; i < 100 && r.serve.server.clientCount > 0; i++) await sleep(10);
    await sleep(50);
    expect(isZero(r.serve.received.at(-1)!)).toBe(true);
  });

  it('a profile pinned to ROS 2 gets no telemetry, and the outcome names each topic and the fix', async () => {
    rig = await startRig({ mode: 'shadow', ros: 1, profile: { ros: 2 } });
    const lines: string[] = [];
    const record = await (rig as Rig).run({ mode: 'shadow', durationSec: 5, startTimeoutSec: 1, log: (l) => lines.push(l) });
    expect(record.footer.outcome.kind).toBe('errored');
    const message = record.footer.outcome.kind === 'errored' ? record.footer.outcome.message : '';
    expect(message).toMatch(/no valid telemetry within 1 s of connecting/);
    expect(message).toMatch(
      /\/scan \(sensor_msgs\/msg\/LaserScan\): never seen; the server has it as sensor_msgs\/LaserScan \(ROS 1 type names\) and silently refused ours: set "ros: 1"/,
    );
    expect(message).toMatch(/\/odom \(nav_msgs\/msg\/Odometry\): never seen; .*set "ros: 1"/);
    expect(message).toMatch(/\/people \(people_msgs\/msg\/People, optional\)/);
    expect(lines.join('\n')).toMatch(/\/scan .*never seen/);
  });

  it('an arm behind a trajectory controller: time_from_start goes out as {secs, nsecs}, so each command lasts its period and the arm moves', async () => {
    rig = await startArmRig({
      mode: 'live',
      level: 0,
      ros: 1,
      profile: {
        topics: {
          jointStates: { name: '/joint_states', type: 'sensor_msgs/msg/JointState' },
          command: { name: '/joint_trajectory_controller/joint_trajectory', type: JOINT_TRAJECTORY },
        },
      },
    });
    const r = rig as ArmRig;
    const start = { ...r.serve.node.latestFrame.arm!.toolPositionM };
    // A duration in the wrong form would reach the controller as zero: the arm would never get anywhere.
    const record = await r.run({ mode: 'live', durationSec: 60, until: () => r.serve.node.latestFrame.arm!.toolPositionM.y - start.y > 0.1 });
    expect(record.footer.outcome.kind).toBe('interrupted');
    expect(record.footer.summary.unsafe).toBe(false);
  });
});
