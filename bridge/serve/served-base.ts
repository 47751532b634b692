import type { ResolvedScenario } from '../../scenarios/index.js';
import { TWIST_STAMPED, type MobileBaseProfile } from '../profile/topic-profile.js';
import { laserScanMessage, odometryMessage, peopleMessage } from './frame-messages.js';
import { logReceived, type ServedRobot } from './served-robot.js';

export interface ReceivedCommand {
  timeSec: number;
  linearMps: number;
  angularRadps: number;
}

/**
 * A mobile base behind diff_drive_controller: LaserScan, Odometry and People out, cmd_vel in.
 * A NaN command is ignored, as the controller does; `received` logs the commands as they came (the newest, bounded).
 */
export function servedBase(profile: MobileBaseProfile, scene: ResolvedScenario, received: ReceivedCommand[]): ServedRobot {
  const { topics } = profile;
  return {
    advertised: [topics.scan, topics.odom, ...(topics.people ? [topics.people] : []), topics.cmdVel],
    commandTopic: topics.cmdVel.name,
    idle: { linearMps: 0, angularRadps: 0 },
    take(msg, timeSec) {
      const twist = (topics.cmdVel.type === TWIST_STAMPED ? (msg.twist as Record<string, unknown> | undefined) : msg) as
        { linear?: { x?: unknown }; angular?: { z?: unknown } } | undefined;
      const v = twist?.linear?.x;
      const w = twist?.angular?.z;
      // Recorded as received, even when unusable, so a test can see exactly what came over the wire.
      logReceived(received, { timeSec, linearMps: typeof v === 'number' ? v : Number.NaN, angularRadps: typeof w === 'number' ? w : Number.NaN });
      if (typeof v !== 'number' || typeof w !== 'number' || !Number.isFinite(v) || !Number.isFinite(w)) return undefined;
      return { command: { linearMps: v, angularRadps: w } };
    },
    messages(frame, stampSec) {
      const out: Array<{ topic: string; msg: object }> = [{ topic: topics.odom.name, msg: odometryMessage(frame, stampSec, scene.robot.heightM / 2) }];
      const scan = laserScanMessage(frame, stampSec, 1 / scene.controlHz);
      if (scan) out.push({ topic: topics.scan.name, msg: scan });
      if (topics.people) out.push({ topic: topics.people.name, msg: peopleMessage(frame, stampSec) });
      return out;
    },
  };
}
