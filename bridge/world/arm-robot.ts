import type { ResolvedArmScenario } from '../../scenarios/index.js';
import { actuatedJoints, type ArmModel } from '../../sim/arm/arm-model.js';
import { armFrameFromJoints } from '../../sim/arm/arm-state.js';
import { armBaseTransform } from '../../sim/arm/arm-model-for.js';
import type { Frame, HumanFrame } from '../../sim/index.js';
import { isArmCommand, type WorldCommand } from '../../sim/world.js';
import { jointVelocityShaper } from '../envelope/command-shapers.js';
import { checkJointState, checkMarkerArray, headerOf } from '../messages/check-telemetry.js';
import { jointVelocityMessage } from '../messages/command-messages.js';
import type { JointStateMsg, MarkerArrayMsg } from '../messages/ros-types.js';
import { telemetryTopics, type ArmProfile } from '../profile/topic-profile.js';
import type { BridgeRobot } from './bridge-robot.js';
import { markerArrayStamp, PeopleFromMarkers } from './people-markers.js';

/** Joint states further apart than this give no velocity when the driver reports none. */
const MAX_VELOCITY_GAP_SEC = 0.5;

/**
 * The profile's joints against the arm's URDF: the same moving joints, by name (their order may
 * differ: the profile's is the controller's). Every difference at once; empty when they agree.
 */
export function checkArmJoints(profile: ArmProfile, model: ArmModel): string[] {
  const urdf = actuatedJoints(model).map((j) => j.name);
  const named = profile.joints.map((j) => j.name);
  const problems: string[] = [];
  const extra = named.filter((n) => !urdf.includes(n));
  const missing = urdf.filter((n) => !named.includes(n));
  if (extra.length > 0)
    problems.push(`profile ${profile.id} joints ${extra.join(', ')} are not moving joints of ${model.name} (its URDF has ${urdf.join(', ')})`);
  if (missing.length > 0)
    problems.push(`profile ${profile.id} lacks joints ${missing.join(', ')} of ${model.name}: the controller must command every joint the IK moves`);
  return problems;
}

/**
 * An arm: JointState (and body-region markers for people) in, joint velocities out to a forward
 * velocity controller (Float64MultiArray, in the profile's joint order) or a trajectory
 * controller. Frames come from forward kinematics of the site's URDF at the site's mount, the
 * way the simulator's arm world makes them; a real arm reports no contact forces and no loose
 * objects, so the contact and fragile monitors see none.
 */
export function armRobot(profile: ArmProfile, scene: ResolvedArmScenario, model: ArmModel): BridgeRobot<number[]> {
  const problems = checkArmJoints(profile, model);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const urdfNames = actuatedJoints(model).map((j) => j.name);
  const profileNames = profile.joints.map((j) => j.name);
  /** For each profile joint (command order), its index in the URDF chain (IK order). */
  const urdfIndex = profileNames.map((n) => urdfNames.indexOf(n));
  const base = armBaseTransform(scene);
  const people = new PeopleFromMarkers({ cellFrameId: profile.cellFrameId, baseFrameId: profile.baseFrameId, mountM: base.p });
  const frames = [profile.cellFrameId, profile.baseFrameId];
  let joints: { q: number[]; qdot: number[]; stampSec: number } | undefined;
  let humans: HumanFrame[] = [];
  // No gripper is driven over this link: the frame reports what the policy last asked for, as the simulator does.
  let gripper = 1;
  const { command } = profile.topics;

  function acceptJoints(msg: JointStateMsg, stampSec: number): void {
    const q = urdfNames.map((n) => msg.position[msg.name.indexOf(n)]!);
    const velocity = msg.velocity ?? [];
    let qdot: number[];
    if (velocity.length === msg.name.length) qdot = urdfNames.map((n) => velocity[msg.name.indexOf(n)]!);
    else {
      // The driver reports no velocity: the change since the last state, or none across a gap.
      const dtSec = joints ? stampSec - joints.stampSec : 0;
      qdot = joints && dtSec > 0 && dtSec <= MAX_VELOCITY_GAP_SEC ? q.map((x, i) => (x - joints!.q[i]!) / dtSec) : q.map(() => 0);
    }
    joints = { q, qdot, stampSec };
  }

  return {
    subscriptions: telemetryTopics(profile),
    commandTopic: command,
    frameKey: 'jointStates',
    shaper: jointVelocityShaper(profile.joints),
    check: (key, msg) =>
      key === 'jointStates'
        ? checkJointState(msg, urdfNames)
        : key === 'people'
          ? checkMarkerArray(msg, frames)
          : { ok: false, problem: 'no check for this topic', reason: 'shape' },
    stampOf: (key, msg) => (key === 'people' ? markerArrayStamp(msg as MarkerArrayMsg) : headerOf(msg).stamp),
    accept(key, msg, stampSec) {
      if (key === 'jointStates') acceptJoints(msg as JointStateMsg, stampSec);
      else if (key === 'people') humans = people.update(msg as MarkerArrayMsg, stampSec);
    },
    clear() {
      joints = undefined;
      humans = [];
      people.reset();
    },
    frame(step, timeSec): Frame | undefined {
      if (!joints) return undefined;
      const arm = armFrameFromJoints(model, base, joints.q, joints.qdot, gripper, profile.linkRadiusM);
      if (scene.held) arm.heldId = scene.held.id;
      const v = arm.toolVelocityMps;
      return {
        step,
        timeSec,
        robot: { positionM: { ...arm.toolPositionM }, yawRad: 0, linearMps: Math.hypot(v.x, v.y, v.z), angularRadps: 0, velocityMps: { ...v } },
        humans,
        contacts: [],
        arm,
      };
    },
    fromWorldCommand(c: WorldCommand) {
      // A base's command is not finite for an arm: it becomes a stop.
      if (!isArmCommand(c)) return profileNames.map(() => Number.NaN);
      gripper = c.gripper;
      return urdfIndex.map((i) => c.jointVelocitiesRadps[i] ?? Number.NaN);
    },
    message: (velocitiesRadps) => jointVelocityMessage(command.type, profileNames, velocitiesRadps, 1 / profile.controlHz),
  };
}
