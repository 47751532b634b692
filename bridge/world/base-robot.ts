import type { ResolvedScenario } from '../../scenarios/index.js';
import type { BaseCommand, Frame } from '../../sim/index.js';
import { isArmCommand, type WorldCommand } from '../../sim/world.js';
import { baseCommandShaper } from '../envelope/command-shapers.js';
import { checkLaserScan, checkOdometry, checkPeople, headerOf, type Checked } from '../messages/check-telemetry.js';
import { twistMessage } from '../messages/command-messages.js';
import { telemetryTopics, type MobileBaseProfile } from '../profile/topic-profile.js';
import type { BridgeRobot } from './bridge-robot.js';
import { frameFromTelemetry, type Telemetry } from './telemetry-frame.js';

/** A mobile base: LaserScan, Odometry and People in, Twist (or TwistStamped) out. */
export function baseRobot(profile: MobileBaseProfile, scene: ResolvedScenario): BridgeRobot<BaseCommand> {
  const telemetry: Telemetry = {};
  const ctx = { robot: scene.robot, odomZ: profile.odomZ, personHeightM: profile.personHeightM };
  const { cmdVel, scan, odom } = profile.topics;
  // Frames are checked where the profile names them: the bridge does no tf lookups, so data in another frame would be misread.
  const checks: Record<string, (msg: unknown) => Checked<unknown>> = {
    odom: (m) => checkOdometry(m, odom.frameId),
    scan: (m) => checkLaserScan(m, scan.frameId),
    people: checkPeople,
  };
  return {
    subscriptions: telemetryTopics(profile),
    commandTopic: cmdVel,
    frameKey: 'odom',
    shaper: baseCommandShaper(scene.robot),
    check: (key, msg) => checks[key]?.(msg) ?? { ok: false, problem: 'no check for this topic', reason: 'shape' },
    stampOf: (_key, msg) => headerOf(msg).stamp,
    accept(key, msg) {
      (telemetry as Record<string, unknown>)[key] = msg;
    },
    clear() {
      for (const key of Object.keys(telemetry)) delete telemetry[key as keyof Telemetry];
    },
    frame: (step, timeSec): Frame | undefined => frameFromTelemetry(telemetry, ctx, step, timeSec),
    // An arm's command is not finite for a base: it becomes a stop.
    fromWorldCommand: (command: WorldCommand) => (isArmCommand(command) ? { linearMps: Number.NaN, angularRadps: Number.NaN } : command),
    message: (command, epochSec) => twistMessage(cmdVel.type, command, cmdVel.frameId, epochSec),
  };
}
