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
    const raw = { id: 'mine', family: 'mobile-base', site: 'nav/crossing-pedestrian', controlHz: 20, topics: { scan: { name: '/base/scan', type: 'sensor_msgs/LaserScan' }, odom: { name: '/odom', type: 'nav_msgs/Odometry' }, cmdVel: { name: '/cmd_vel', type: 'std_msgs/String' } } };
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
    expect(checkOdometry({ ...odom, header: { stamp: { sec: 0, nanosec: 0 }, frame_id: '' } })).toMatchObject({ ok: false, problem: expect.stringMatching(/unset/) });
    const q = structuredClone(odom);
    q.pose.pose.orientation.w = 3;
    expect(checkOdometry(q)).toMatchObject({ ok: false, problem: expect.stringMatching(/unit quaternion/) });
  });

  it('accepts null scan ranges (no return) but refuses a scan with no ranges', () => {
    const scan = { header, angle_min: -3.14, angle_max: 3.14, angle_increment: 0.1, time_increment: 0, scan_time: 0.05, range_min: 0.05, range_max: 10, ranges: [1, null, 2], intensities: [] };
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
