import { z } from 'zod';
import { boundText, listProblems } from '../../scenarios/index.js';

// Topic profiles: which ROS topics and message types a robot uses, as data. The parse is
// pure (text in, profile or ProfileError out); load-profile.ts adds the file system.

/**
 * Inside Erosion a type is named in ROS 2's long form ("pkg/msg/Type"); a profile may write
 * either form. What goes over the wire is in the robot's own form (messages/ros-dialect.ts).
 */
export function normaliseRosType(type: string): string {
  const parts = type.split('/');
  return parts.length === 2 ? `${parts[0]}/msg/${parts[1]}` : type;
}

const topicName = z.string().regex(/^\/?[A-Za-z~][A-Za-z0-9_/~]*$/, 'must be a ROS topic name such as /cmd_vel');
const topicFields = <T extends [string, ...string[]]>(types: T) => ({
  name: topicName,
  type: z.string().transform(normaliseRosType).pipe(z.enum(types)),
  /** The rate the robot publishes it at; when left out it is measured. Sets the topic's staleness deadline. */
  rateHz: z.number().positive().max(1000).optional(),
});
const topic = <T extends [string, ...string[]]>(types: T) => z.object(topicFields(types)).strict();
/** A telemetry topic whose frame_id is checked when given. */
const framedTopic = <T extends [string, ...string[]]>(types: T) => z.object({ ...topicFields(types), frameId: z.string().min(1).optional() }).strict();
/** People: optional by default (most robots have no tracker); once seen, they must stay fresh. */
const peopleTopic = <T extends [string, ...string[]]>(types: T) => z.object({ ...topicFields(types), required: z.boolean().default(false) }).strict();

export const TWIST = 'geometry_msgs/msg/Twist';
export const TWIST_STAMPED = 'geometry_msgs/msg/TwistStamped';
export const LASER_SCAN = 'sensor_msgs/msg/LaserScan';
export const ODOMETRY = 'nav_msgs/msg/Odometry';
export const PEOPLE = 'people_msgs/msg/People';
export const JOINT_STATE = 'sensor_msgs/msg/JointState';
export const JOINT_TRAJECTORY = 'trajectory_msgs/msg/JointTrajectory';
export const FLOAT64_MULTI_ARRAY = 'std_msgs/msg/Float64MultiArray';
export const MARKER_ARRAY = 'visualization_msgs/msg/MarkerArray';

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  controlHz: z.number().positive().max(1000),
  /**
   * 1 or 2: which ROS the robot runs (type names pkg/Type or pkg/msg/Type; times {secs, nsecs}
   * or {sec, nanosec}). Left out, it is asked of the server's rosapi on connecting.
   */
  ros: z.union([z.literal(1), z.literal(2)]).optional(),
  /** The shortest staleness deadline of any topic; each topic's own follows its rate (see README). */
  telemetryDeadlineSec: z.number().positive().max(5).default(0.2),
  /** How often a stop is re-sent while the robot must stay stopped. */
  stopRepeatHz: z.number().positive().max(1000).default(20),
};

const mobileBaseProfile = z
  .object({
    ...common,
    family: z.literal('mobile-base'),
    /** The site: a scenario (bundled id or path) giving goal, route, zones, robot and monitors. */
    site: z.string().min(1),
    level: z.number().int().nonnegative().optional(),
    /** 'ground': odometry z is the floor under the base (usual); 'centre': the body centre. */
    odomZ: z.enum(['ground', 'centre']).default('ground'),
    /** Height of a tracked person when the tracker does not say (people_msgs has no height). */
    personHeightM: z.number().positive().max(2.5).default(1.75),
    topics: z
      .object({
        scan: framedTopic([LASER_SCAN]),
        odom: framedTopic([ODOMETRY]),
        people: peopleTopic([PEOPLE]).optional(),
        cmdVel: topic([TWIST, TWIST_STAMPED])
          .extend({ frameId: z.string().default('base_link') })
          .strict(),
      })
      .strict(),
  })
  .strict();

const frameId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_/]*$/, 'must be a tf frame name such as world');

const armProfile = z
  .object({
    ...common,
    family: z.literal('arm'),
    /** The cell: a manipulation scenario (bundled id or path) giving mount, table, zones, task and monitors. */
    site: z.string().min(1),
    level: z.number().int().nonnegative().optional(),
    /** In the order of the controller's `joints` parameter: the order of the command array. */
    joints: z
      .array(z.object({ name: z.string().min(1), maxVelocityRadps: z.number().positive() }).strict())
      .min(1)
      .refine((js) => new Set(js.map((j) => j.name)).size === js.length, 'joint names must be unique'),
    /** Capsule radius of the arm's links in separation distances (the simulator's arm uses 0.06 m). */
    linkRadiusM: z.number().positive().max(0.5).default(0.06),
    /** The frame the site's coordinates are in; people markers in it are taken as they are. */
    cellFrameId: frameId.default('world'),
    /** The arm's base frame (the URDF root, mounted at the site's mount point); markers in it are shifted by the mount. */
    baseFrameId: frameId.default('base_link'),
    topics: z
      .object({
        jointStates: topic([JOINT_STATE]),
        /** Body regions of the people in the cell (a skeleton tracker through an adapter); optional. */
        people: peopleTopic([MARKER_ARRAY]).optional(),
        command: topic([JOINT_TRAJECTORY, FLOAT64_MULTI_ARRAY]),
      })
      .strict(),
  })
  .strict();

export const topicProfileSchema = z.discriminatedUnion('family', [mobileBaseProfile, armProfile]);
export type TopicProfile = z.infer<typeof topicProfileSchema>;
export type MobileBaseProfile = z.infer<typeof mobileBaseProfile>;
export type ArmProfile = z.infer<typeof armProfile>;

/** A profile that cannot be used; every offending field by path. */
export class ProfileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${boundText(source)}: invalid topic profile\n${listProblems(problems)}`);
    this.name = 'ProfileError';
  }
}

/** Validates parsed YAML/JSON as a topic profile. */
export function parseTopicProfile(raw: unknown, source: string): TopicProfile {
  const result = topicProfileSchema.safeParse(raw);
  if (!result.success) {
    throw new ProfileError(
      source,
      result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}

/** Topics the bridge may publish to for this profile; everything else is refused. */
export function commandTopics(profile: TopicProfile): Array<{ name: string; type: string }> {
  return profile.family === 'mobile-base' ? [profile.topics.cmdVel] : [profile.topics.command];
}

export interface TelemetryTopic {
  /** The profile's name for it (scan, odom, people, jointStates). */
  key: string;
  name: string;
  type: string;
  /** Needed before the robot may move; an optional one is held to its deadline once it has been seen. */
  required: boolean;
  rateHz?: number;
  /** The frame_id its messages must carry, when the profile says. */
  frameId?: string;
}

/** Topics the bridge subscribes to for telemetry. */
export function telemetryTopics(profile: TopicProfile): TelemetryTopic[] {
  const t = profile.topics as Record<string, { name: string; type: string; rateHz?: number; frameId?: string; required?: boolean } | undefined>;
  const keys = profile.family === 'mobile-base' ? ['scan', 'odom', 'people'] : ['jointStates', 'people'];
  return keys.flatMap((key) => {
    const topic = t[key];
    if (!topic) return [];
    const out: TelemetryTopic = { key, name: topic.name, type: topic.type, required: topic.required ?? true };
    if (topic.rateHz !== undefined) out.rateHz = topic.rateHz;
    if (topic.frameId !== undefined) out.frameId = topic.frameId;
    return [out];
  });
}

/** Why a profile cannot drive a site's robot; undefined when both are of one robot family. */
export function familyMismatch(profile: TopicProfile, scenarioId: string, siteIsArm: boolean): string | undefined {
  if ((profile.family === 'arm') === siteIsArm) return undefined;
  return `profile ${profile.id} drives ${siteIsArm ? 'a mobile base' : 'an arm'}, but ${scenarioId} is ${siteIsArm ? 'an arm' : 'a navigation'} scenario`;
}
