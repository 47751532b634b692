import { describe, expect, it } from 'vitest';
import { bundledProfileIds, checkLaserScan, checkOdometry, loadTopicProfile, parseTopicProfile, ProfileError, StampTracker } from '../../bridge/index.js';

describe('topic profiles', () => {
  it('the bundled profiles load: a mobile base and an arm', () => {
    expect(bundledProfileIds()).toEqual(expect.arrayContaining(['nav-base', 'arm-forward-velocity']));
    const nav = loadTopicProfile('nav-base');
    expect(nav.family === 'mobile-base' && nav.topics.cmdVel.name).toBe('/cmd_vel');
    expect(loadTopicProfile('arm-forward-velocity').family).toBe('arm');
  });

  it('a user profile with a wrong message type says which field and what is allowed', () => {
    const raw = {
      id: 'mine',
      family: 'mobile-base',
      site: 'nav/crossing-pedestrian',
      controlHz: 20,
      topics: {
        scan: { name: '/base/scan', type: 'sensor_msgs/LaserScan' },
        odom: { name: '/odom', type: 'nav_msgs/Odometry' },
        cmdVel: { name: '/cmd_vel', type: 'std_msgs/String' },
      },
    };
    expect(() => parseTopicProfile(raw, 'mine.yaml')).toThrow(ProfileError);
    expect(() => parseTopicProfile(raw, 'mine.yaml')).toThrow(/topics\.cmdVel\.type/);
    raw.topics.cmdVel.type = 'geometry_msgs/TwistStamped';
    const ok = parseTopicProfile(raw, 'mine.yaml');
    expect(ok.family === 'mobile-base' && ok.topics.cmdVel.type).toBe('geometry_msgs/msg/TwistStamped');
    expect(ok.telemetryDeadlineSec).toBe(0.2);
  });
});

describe('incoming telemetry checks', () => {
  const header = { stamp: { sec: 100, nanosec: 5 }, frame_id: 'odom' };
  const odom = {
    header,
    child_frame_id: 'base_link',
    pose: { pose: { position: { x: 1, y: 2, z: 0 }, orientation: { x: 0, y: 0, z: 0, w: 1 } }, covariance: [] },
    twist: { twist: { linear: { x: 0.1, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } }, covariance: [] },
  };

  it('accepts well-formed odometry and refuses NaN (null in JSON), a zero stamp or a bad quaternion', () => {
    expect(checkOdometry(odom).ok).toBe(true);
    const nan = structuredClone(odom) as unknown as { twist: { twist: { angular: { z: unknown } } } };
    nan.twist.twist.angular.z = null;
    expect(checkOdometry(nan)).toMatchObject({ ok: false, problem: expect.stringMatching(/angular\.z: expected a number, got null/) });
    expect(checkOdometry({ ...odom, header: { stamp: { sec: 0, nanosec: 0 }, frame_id: '' } })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/unset/),
    });
    const q = structuredClone(odom);
    q.pose.pose.orientation.w = 3;
    expect(checkOdometry(q)).toMatchObject({ ok: false, problem: expect.stringMatching(/unit quaternion/) });
  });

  it('accepts null scan ranges (no return) but refuses a scan with no ranges', () => {
    const scan = {
      header,
      angle_min: -3.14,
      angle_max: 3.14,
      angle_increment: 0.1,
      time_increment: 0,
      scan_time: 0.05,
      range_min: 0.05,
      range_max: 10,
      ranges: [1, null, 2],
      intensities: [],
    };
    expect(checkLaserScan(scan).ok).toBe(true);
    expect(checkLaserScan({ ...scan, ranges: [] }).ok).toBe(false);
  });

  it('refuses messages that are delayed past the deadline or not newer than the last one', () => {
    const t = new StampTracker(0.2);
    expect(t.check({ sec: 10, nanosec: 0 }, 1000.0).ok).toBe(true);
    expect(t.check({ sec: 10, nanosec: 50_000_000 }, 1000.06).ok).toBe(true);
    expect(t.check({ sec: 10, nanosec: 0 }, 1000.1)).toMatchObject({ ok: false, problem: expect.stringMatching(/not newer/) });
    expect(t.check({ sec: 10, nanosec: 100_000_000 }, 1000.5)).toMatchObject({ ok: false, problem: expect.stringMatching(/stale/) });
  });
});

describe('ROS 1 and ROS 2 forms', () => {
  it('type names and times convert both ways, durations included', async () => {
    const { rosTypeName, timesFromWire, timesToWire } = await import('../../bridge/messages/ros-dialect.js');
    expect(rosTypeName('sensor_msgs/msg/LaserScan', 1)).toBe('sensor_msgs/LaserScan');
    expect(rosTypeName('sensor_msgs/LaserScan', 2)).toBe('sensor_msgs/msg/LaserScan');
    const trajectory = {
      header: { stamp: { sec: 0, nanosec: 0 }, frame_id: '' },
      points: [{ velocities: [1], time_from_start: { sec: 0, nanosec: 20_000_000 } }],
    };
    const wire = timesToWire(trajectory, 1);
    expect(wire.points[0]!.time_from_start).toEqual({ secs: 0, nsecs: 20_000_000 });
    expect(timesFromWire(wire, 1)).toEqual(trajectory);
    expect(timesToWire(trajectory, 2)).toBe(trajectory);
  });

  it('a profile may pin the ROS version; anything but 1 or 2 is refused by field', () => {
    const raw = {
      id: 'r1',
      family: 'mobile-base',
      site: 'nav/crossing-pedestrian',
      controlHz: 20,
      ros: 1,
      topics: {
        scan: { name: '/scan', type: 'sensor_msgs/LaserScan', rateHz: 5 },
        odom: { name: '/odom', type: 'nav_msgs/Odometry' },
        cmdVel: { name: '/cmd_vel', type: 'geometry_msgs/Twist' },
      },
    };
    expect(parseTopicProfile(raw, 'r1.yaml').ros).toBe(1);
    expect(() => parseTopicProfile({ ...raw, ros: 3 }, 'r1.yaml')).toThrow(/ros/);
  });
});

describe('staleness deadlines follow the rate', () => {
  it('max(floor, 2.5 periods), capped at 0.4 s + one period: worked by hand', async () => {
    const { deadlineForPeriod } = await import('../../bridge/world/topic-health.js');
    expect(deadlineForPeriod(1 / 20, 0.2)).toBeCloseTo(0.2, 12); // 2.5 × 0.05 = 0.125 < floor
    expect(deadlineForPeriod(1 / 10, 0.2)).toBeCloseTo(0.25, 12);
    expect(deadlineForPeriod(1 / 5, 0.2)).toBeCloseTo(0.5, 12); // a TurtleBot3 lidar
    expect(deadlineForPeriod(1 / 2, 0.2)).toBeCloseTo(0.9, 12); // 2.5 × 0.5 = 1.25, capped at 0.4 + 0.5
  });
});
