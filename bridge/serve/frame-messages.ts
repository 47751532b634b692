import type { Frame } from '../../sim/index.js';
import { rosTime, type LaserScanMsg, type OdometryMsg, type PeopleMsg } from '../messages/ros-types.js';

// A simulated frame as the ROS 2 messages a real base would publish.

const COVARIANCE_36 = new Array<number>(36).fill(0);

export function odometryMessage(frame: Frame, stampSec: number, bodyHalfHeightM: number): OdometryMsg {
  const r = frame.robot;
  const half = r.yawRad / 2;
  // Body-frame twist: odometry reports velocity in the child (base) frame.
  const c = Math.cos(r.yawRad);
  const s = Math.sin(r.yawRad);
  return {
    header: { stamp: rosTime(stampSec), frame_id: 'odom' },
    child_frame_id: 'base_link',
    pose: {
      // base_link sits on the floor under the body centre, as on a real base.
      pose: { position: { x: r.positionM.x, y: r.positionM.y, z: r.positionM.z - bodyHalfHeightM }, orientation: { x: 0, y: 0, z: Math.sin(half), w: Math.cos(half) } },
      covariance: COVARIANCE_36,
    },
    twist: {
      twist: {
        linear: { x: c * r.velocityMps.x + s * r.velocityMps.y, y: -s * r.velocityMps.x + c * r.velocityMps.y, z: 0 },
        angular: { x: 0, y: 0, z: r.angularRadps },
      },
      covariance: COVARIANCE_36,
    },
  };
}

export function laserScanMessage(frame: Frame, stampSec: number, scanPeriodSec: number): LaserScanMsg | undefined {
  const scan = frame.scan;
  if (!scan) return undefined;
  const n = scan.rangesM.length;
  return {
    header: { stamp: rosTime(stampSec), frame_id: 'base_scan' },
    angle_min: scan.angleMinRad,
    angle_max: scan.angleMinRad + (n - 1) * scan.angleIncrementRad,
    angle_increment: scan.angleIncrementRad,
    time_increment: 0,
    scan_time: scanPeriodSec,
    range_min: 0.05,
    range_max: scan.rangeMaxM,
    ranges: scan.rangesM.map((r) => (Number.isFinite(r) ? r : null)),
    intensities: [],
  };
}

/** The people a tracker on the robot would report: only those its sensors can see. */
export function peopleMessage(frame: Frame, stampSec: number): PeopleMsg {
  return {
    header: { stamp: rosTime(stampSec), frame_id: 'odom' },
    people: frame.humans
      .filter((h) => h.visible !== false)
      .map((h) => ({
        name: h.id,
        position: { ...h.positionM },
        velocity: { ...h.velocityMps },
        reliability: 1,
        tagnames: [],
        tags: [],
      })),
  };
}
