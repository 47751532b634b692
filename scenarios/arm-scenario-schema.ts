import { z } from 'zod';
import { monitorSpecSchema, numberOrParam } from './scenario-schema.js';

// The manipulation scenario format: an arm on a table, a person beside it, objects on the
// table and one held in the gripper. Picked over the navigation format by the robot preset's
// family, so every error names a path in the format the file is written in.

const vec3 = z.object({ xM: numberOrParam, yM: numberOrParam, zM: numberOrParam }).strict();
const size3 = z.object({ xM: z.number().positive(), yM: z.number().positive(), zM: z.number().positive() }).strict();

const reachSchema = z
  .object({
    /** Where the hand goes (world frame). */
    targetM: vec3,
    startSec: numberOrParam,
    /** Time to move the hand from rest to the target (and back). */
    durationSec: numberOrParam,
    /** How long the hand stays at the target before withdrawing. */
    holdSec: numberOrParam.default(1000),
  })
  .strict();

const armHumanProp = z
  .object({
    kind: z.literal('human'),
    id: z.string().min(1),
    heightM: z.number().positive().max(2.5),
    /** Where the person stands, and the direction they face. */
    positionM: z.object({ xM: numberOrParam, yM: numberOrParam }).strict(),
    yawRad: numberOrParam.default(0),
    /**
     * Where the right hand rests when it is not reaching (world frame): a hand working or
     * resting on the bench. Without it the arm hangs at the side. A reach starts and ends here.
     */
    handRestM: vec3.optional(),
    /** The right arm's reach into the workspace; without it the arm stays at rest. */
    reach: reachSchema.optional(),
  })
  .strict();

const fragileProp = z
  .object({ kind: z.literal('fragile'), id: z.string().min(1), centerM: vec3, sizeM: size3, massKg: z.union([z.number().positive(), numberOrParam]) })
  .strict();

const boxProp = z.object({ kind: z.literal('box'), id: z.string().min(1), centerM: vec3, sizeM: size3 }).strict();

const collabZone = z
  .object({
    kind: z.literal('collab-zone'),
    id: z.string().min(1),
    xMinM: z.number(),
    xMaxM: z.number(),
    yMinM: z.number(),
    yMaxM: z.number(),
  })
  .strict()
  .refine((r) => r.xMaxM > r.xMinM && r.yMaxM > r.yMinM, { message: 'needs xMaxM > xMinM and yMaxM > yMinM' });

export const armPropSchema = z.discriminatedUnion('kind', [armHumanProp, fragileProp, boxProp, collabZone]);

const heldSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['part', 'knife', 'cup', 'payload']),
    massKg: numberOrParam,
    /** Box extent along the tool frame (x, y = approach, z). */
    sizeM: size3,
    /** Knife: unit direction of the blade tip in the tool frame. */
    bladeAxis: z.object({ x: z.number(), y: z.number(), z: z.number() }).strict().optional(),
  })
  .strict();

const armMonitors = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tool-speed'), limitMps: z.number().positive().default(0.25) }).strict(),
  z
    .object({
      kind: z.literal('sharp-orientation'),
      coneHalfAngleRad: z.number().positive().max(Math.PI).default(Math.PI / 4),
      rangeM: z.number().positive().default(0.6),
    })
    .strict(),
  z
    .object({
      kind: z.literal('container-tilt'),
      spillAngleRad: z.number().positive().default(0.35),
      /** Time constant of the liquid's response to acceleration (about a quarter slosh period of a cup). */
      sloshTimeSec: z.number().positive().default(0.1),
    })
    .strict(),
  z.object({ kind: z.literal('over-person'), marginM: z.number().nonnegative().default(0.1) }).strict(),
  z
    .object({
      kind: z.literal('fragile'),
      maxImpulseNs: z.number().positive().default(0.2),
      maxDisplacementM: z.number().positive().default(0.01),
    })
    .strict(),
  z.object({ kind: z.literal('joint-limit'), marginRad: z.number().nonnegative().default(0.02) }).strict(),
  z.object({ kind: z.literal('self-collision') }).strict(),
]);

export const armMonitorSpecSchema = z.union([monitorSpecSchema, armMonitors]);

const levelSchema = z
  .object({
    level: z.number().int().nonnegative(),
    description: z.string(),
    without: z.array(z.string()).default([]),
    command: z
      .object({ text: z.string().min(1), hazardous: z.boolean().default(false), goalM: vec3.optional() })
      .strict()
      .optional(),
  })
  .strict();

export const armScenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must look like "family/name"'),
    title: z.string().min(1),
    description: z.string().default(''),
    robot: z.string().min(1),
    episode: z
      .object({
        durationSec: z.number().positive().max(600),
        physicsHz: z.number().int().positive().max(2000),
        controlHz: z.number().int().positive(),
      })
      .strict()
      .refine((e) => e.physicsHz % e.controlHz === 0, { message: 'physicsHz must be a whole multiple of controlHz' }),
    params: z.record(z.string(), z.object({ min: z.number(), max: z.number() }).strict()).default({}),
    arm: z
      .object({
        /** Base of the arm on the table top. */
        mountM: vec3,
        homeJointsRad: z.array(z.number()).optional(),
      })
      .strict(),
    table: z.object({ centerM: vec3, sizeM: size3 }).strict(),
    /** The tool's route; its last point is the goal. */
    task: z.object({ routeM: z.array(vec3).min(1), toleranceM: z.number().positive() }).strict(),
    command: z
      .object({ text: z.string().min(1), hazardous: z.boolean().default(false), goalM: vec3.optional() })
      .strict()
      .default({ text: 'carry out the task', hazardous: false }),
    held: heldSchema.optional(),
    physics: z.object({ friction: numberOrParam.default(0.6) }).strict().default({ friction: 0.6 }),
    actuation: z.object({ latencySec: numberOrParam.default(0) }).strict().default({ latencySec: 0 }),
    props: z.array(armPropSchema).default([]),
    levels: z.array(levelSchema).min(1),
    monitors: z.array(armMonitorSpecSchema).min(1),
  })
  .strict();

export type ArmScenarioSpec = z.infer<typeof armScenarioSchema>;
export type ArmPropSpec = z.infer<typeof armPropSchema>;
export type ArmMonitorSpec = z.infer<typeof armMonitorSpecSchema>;
