import type { BaseCommand } from '../../sim/index.js';
import { FLOAT64_MULTI_ARRAY, TWIST_STAMPED } from '../profile/topic-profile.js';
import { rosTime, type Float64MultiArrayMsg, type JointTrajectoryMsg, type TwistMsg, type TwistStampedMsg } from './ros-types.js';

/** Every number anywhere in a message is finite (JSON would turn NaN into null). */
export function allFinite(msg: unknown): boolean {
  if (typeof msg === 'number') return Number.isFinite(msg);
  if (Array.isArray(msg)) return msg.every(allFinite);
  if (typeof msg === 'object' && msg !== null) return Object.values(msg).every(allFinite);
  return true;
}

/** A body-velocity command as geometry_msgs Twist or TwistStamped. */
export function twistMessage(type: string, command: BaseCommand, frameId: string, stampSec: number): TwistMsg | TwistStampedMsg {
  const twist: TwistMsg = { linear: { x: command.linearMps, y: 0, z: 0 }, angular: { x: 0, y: 0, z: command.angularRadps } };
  if (type === TWIST_STAMPED) return { header: { stamp: rosTime(stampSec), frame_id: frameId }, twist };
  return twist;
}

/**
 * Joint velocities for an arm: the forward velocity controller takes them as they are; a
 * trajectory controller gets a one-point trajectory holding them for one control period.
 */
export function jointVelocityMessage(
  type: string,
  joints: readonly string[],
  velocitiesRadps: readonly number[],
  ctrlDtSec: number,
): Float64MultiArrayMsg | JointTrajectoryMsg {
  if (type === FLOAT64_MULTI_ARRAY) return { layout: { dim: [], data_offset: 0 }, data: [...velocitiesRadps] };
  return {
    // A zero stamp means "start now" to joint_trajectory_controller.
    header: { stamp: { sec: 0, nanosec: 0 }, frame_id: '' },
    joint_names: [...joints],
    points: [{ positions: [], velocities: [...velocitiesRadps], accelerations: [], effort: [], time_from_start: rosTime(ctrlDtSec) }],
  };
}
