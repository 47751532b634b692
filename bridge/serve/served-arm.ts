import type { ResolvedArmScenario } from '../../scenarios/index.js';
import { actuatedJoints, type ArmModel } from '../../sim/arm/arm-model.js';
import type { ArmCommand } from '../../sim/world.js';
import { rosTimeSec, type RosTime } from '../messages/ros-types.js';
import { FLOAT64_MULTI_ARRAY, type ArmProfile } from '../profile/topic-profile.js';
import { bodyRegionMarkers, jointStateMessage } from './frame-messages.js';
import { logReceived, type ServedRobot } from './served-robot.js';

export interface ReceivedJointCommand {
  timeSec: number;
  /** As received, in the message's joint order (the profile's for Float64MultiArray); NaN where it was not a number. */
  jointVelocitiesRadps: number[];
}

const asNumber = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

/**
 * An arm behind ros2_controllers: joint_state_broadcaster's JointState and a tracker's body-region
 * markers out; commands in to a forward velocity controller (Float64MultiArray in the profile's
 * joint order) or a joint trajectory controller (its first point's velocities, held for the
 * point's time_from_start). Like forward_command_controller (since 5.4.0), a message with a
 * non-finite value or the wrong number of values is dropped and the last command stands.
 */
export function servedArm(profile: ArmProfile, scene: ResolvedArmScenario, model: ArmModel, received: ReceivedJointCommand[]): ServedRobot {
  const { topics } = profile;
  const urdfNames = actuatedJoints(model).map((j) => j.name);
  const idle: ArmCommand = { kind: 'arm', jointVelocitiesRadps: urdfNames.map(() => 0), gripper: 1 };
  /** Joint velocities by name, in URDF order; undefined when any is missing or not finite. */
  const byName = (names: readonly unknown[], values: number[]): number[] | undefined => {
    const out = urdfNames.map((n) => values[names.indexOf(n)] ?? Number.NaN);
    return names.length === values.length && out.every(Number.isFinite) && values.every(Number.isFinite) ? out : undefined;
  };
  return {
    advertised: [topics.jointStates, ...(topics.people ? [topics.people] : []), topics.command],
    commandTopic: topics.command.name,
    idle,
    take(msg, timeSec) {
      if (topics.command.type === FLOAT64_MULTI_ARRAY) {
        const values = Array.isArray(msg.data) ? msg.data.map(asNumber) : [];
        logReceived(received, { timeSec, jointVelocitiesRadps: values });
        const q = byName(
          profile.joints.map((j) => j.name),
          values,
        );
        return q ? { command: { ...idle, jointVelocitiesRadps: q } } : undefined;
      }
      const names = Array.isArray(msg.joint_names) ? (msg.joint_names as unknown[]) : [];
      const points = Array.isArray(msg.points) ? (msg.points as Array<{ velocities?: unknown; time_from_start?: RosTime }>) : [];
      const values = Array.isArray(points[0]?.velocities) ? (points[0].velocities as unknown[]).map(asNumber) : [];
      logReceived(received, { timeSec, jointVelocitiesRadps: values });
      const q = byName(names, values);
      const last = points[points.length - 1]?.time_from_start;
      const holdSec = last && typeof last.sec === 'number' && typeof last.nanosec === 'number' ? rosTimeSec(last) : 0;
      // At the end of its trajectory the controller holds position: the arm stops.
      return q ? { command: { ...idle, jointVelocitiesRadps: q }, holdSec } : undefined;
    },
    messages(frame, stampSec) {
      const out: Array<{ topic: string; msg: object }> = [];
      const joints = jointStateMessage(frame, urdfNames, stampSec);
      if (joints) out.push({ topic: topics.jointStates.name, msg: joints });
      if (topics.people) out.push({ topic: topics.people.name, msg: bodyRegionMarkers(frame, stampSec, profile.cellFrameId) });
      return out;
    },
  };
}
