import type { MobileBasePreset } from '../../scenarios/index.js';
import { humanRadiusM, type Frame, type HumanFrame, type RangeScan } from '../../sim/index.js';
import type { LaserScanMsg, OdometryMsg, PeopleMsg } from '../messages/ros-types.js';

export interface Telemetry {
  odom?: OdometryMsg;
  scan?: LaserScanMsg;
  people?: PeopleMsg;
}

export interface FrameContext {
  robot: MobileBasePreset;
  odomZ: 'ground' | 'centre';
  personHeightM: number;
}

function yawOf(q: { x: number; y: number; z: number; w: number }): number {
  return Math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z));
}

/**
 * A LaserScan as the simulator's range scan. A missing return (null, the JSON form of +inf)
 * reads as range_max, as REP 117 defines it; anything beyond range_max is capped there.
 * The scanner is taken to sit at the base's centre, facing forward.
 */
export function scanFromLaser(msg: LaserScanMsg): RangeScan {
  const rangesM = msg.ranges.map((r) => (r === null || !Number.isFinite(r) || r > msg.range_max ? msg.range_max : Math.max(0, r)));
  return { angleMinRad: msg.angle_min, angleIncrementRad: msg.angle_increment, rangeMaxM: msg.range_max, rangesM };
}

/** People from a tracker, in the odometry frame (people_msgs carries no height: the profile gives one). */
export function humansFromPeople(msg: PeopleMsg | undefined, personHeightM: number): HumanFrame[] {
  if (!msg) return [];
  return msg.people.map((p, i) => ({
    id: p.name || `person-${i}`,
    positionM: { x: p.position.x, y: p.position.y, z: 0 },
    velocityMps: { x: p.velocity.x, y: p.velocity.y, z: 0 },
    heightM: personHeightM,
    radiusM: humanRadiusM(personHeightM),
    visible: true,
  }));
}

/** The frame monitors and observations see, built from the latest checked telemetry. */
export function frameFromTelemetry(t: Telemetry, ctx: FrameContext, step: number, timeSec: number): Frame | undefined {
  if (!t.odom) return undefined;
  const pose = t.odom.pose.pose;
  const yaw = yawOf(pose.orientation);
  const v = t.odom.twist.twist.linear;
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const frame: Frame = {
    step,
    timeSec,
    robot: {
      positionM: { x: pose.position.x, y: pose.position.y, z: pose.position.z + (ctx.odomZ === 'ground' ? ctx.robot.heightM / 2 : 0) },
      yawRad: yaw,
      linearMps: v.x,
      angularRadps: t.odom.twist.twist.angular.z,
      // Odometry twist is in the base frame; frames carry world-frame velocity.
      velocityMps: { x: c * v.x - s * v.y, y: s * v.x + c * v.y, z: 0 },
    },
    humans: humansFromPeople(t.people, ctx.personHeightM),
    // A real base reports no contact forces: the contact monitors see none live.
    contacts: [],
  };
  if (t.scan) frame.scan = scanFromLaser(t.scan);
  return frame;
}
