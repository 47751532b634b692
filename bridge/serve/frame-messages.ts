import type { Frame } from '../../sim/index.js';
import {
  MARKER,
  rosTime,
  type JointStateMsg,
  type LaserScanMsg,
  type MarkerArrayMsg,
  type MarkerMsg,
  type OdometryMsg,
  type PeopleMsg,
} from '../messages/ros-types.js';

// A simulated frame as the ROS 2 messages a real base or arm would publish.

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
      pose: {
        position: { x: r.positionM.x, y: r.positionM.y, z: r.positionM.z - bodyHalfHeightM },
        orientation: { x: 0, y: 0, z: Math.sin(half), w: Math.cos(half) },
      },
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

/** An arm's joint state as joint_state_broadcaster publishes it (moving joints, URDF order). */
export function jointStateMessage(frame: Frame, jointNames: readonly string[], stampSec: number): JointStateMsg | undefined {
  const arm = frame.arm;
  if (!arm) return undefined;
  return {
    header: { stamp: rosTime(stampSec), frame_id: '' },
    name: [...jointNames],
    position: [...arm.jointPositionsRad],
    velocity: [...arm.jointVelocitiesRadps],
    effort: [],
  };
}

const IDENTITY_POSE = { position: { x: 0, y: 0, z: 0 }, orientation: { x: 0, y: 0, z: 0, w: 1 } };
const NO_TIME = { sec: 0, nanosec: 0 };

function marker(stampSec: number, frameId: string, fields: Partial<MarkerMsg>): MarkerMsg {
  return {
    header: { stamp: rosTime(stampSec), frame_id: frameId },
    ns: '',
    id: 0,
    type: MARKER.LINE_LIST,
    action: MARKER.ADD,
    pose: IDENTITY_POSE,
    scale: { x: 0, y: 0, z: 0 },
    color: { r: 1, g: 0.6, b: 0.2, a: 0.8 },
    lifetime: NO_TIME,
    frame_locked: false,
    points: [],
    colors: [],
    text: '',
    mesh_resource: '',
    mesh_use_embedded_materials: false,
    ...fields,
  };
}

/**
 * The people a skeleton tracker (through its adapter) would report around an arm: a DELETEALL
 * marker that carries the time and clears RViz's old limbs, then one two-point LINE_LIST per
 * body region, named by person (ns) and region (text), scale.x its diameter. Cell frame.
 */
export function bodyRegionMarkers(frame: Frame, stampSec: number, cellFrameId: string): MarkerArrayMsg {
  const markers: MarkerMsg[] = [marker(stampSec, cellFrameId, { action: MARKER.DELETEALL })];
  for (const h of frame.humans) {
    if (h.visible === false) continue;
    (h.parts ?? []).forEach((p, k) => {
      markers.push(
        marker(stampSec, cellFrameId, { ns: h.id, id: k, text: p.region, scale: { x: 2 * p.radiusM, y: 0, z: 0 }, points: [{ ...p.startM }, { ...p.endM }] }),
      );
    });
  }
  return { markers };
}
