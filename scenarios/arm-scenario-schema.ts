import { z } from 'zod';
import { BOUNDS as B, boundedNumber, numberOrParamIn } from './physical-bounds.js';
import {
  boundedList,
  commandText,
  commonScenarioFields,
  idText,
  levelNumber,
  longText,
  MAX_LEVELS,
  MAX_MONITORS,
  monitorSpecSchema,
} from './scenario-schema.js';

// The manipulation scenario format: an arm on a table, a person beside it, objects on the
// table and one held in the gripper. Picked over the navigation format by the robot preset's
// family, so every error names a path in the format the file is written in.

// Numbers are bounded as in the navigation format (physical-bounds.ts), at the scale of a work cell.
const cellPos = numberOrParamIn(B.cellPositionM);
const vec3 = z.object({ xM: cellPos, yM: cellPos, zM: cellPos }).strict();
const cellLength = boundedNumber(B.cellLengthM);
const size3 = z.object({ xM: cellLength, yM: cellLength, zM: cellLength }).strict();

const reachSchema = z
  .object({
    /** Where the hand goes (world frame). */
    targetM: vec3,
    startSec: numberOrParamIn(B.timeSec),
    /** Time to move the hand from rest to the target (and back). */
    durationSec: numberOrParamIn(B.durationSec),
    /** How long the hand stays at the target before withdrawing. */
    holdSec: numberOrParamIn(B.holdSec).default(1000),
  })
  .strict();

const armHumanProp = z
  .object({
    kind: z.literal('human'),
    id: idText,
    heightM: boundedNumber(B.humanHeightM),
    /** Where the person stands, and the direction they face. */
    positionM: z.object({ xM: cellPos, yM: cellPos }).strict(),
    yawRad: numberOrParamIn(B.angleRad).default(0),
    /**
     * Where the right hand rests when it is not reaching (world frame): a hand working or
     * resting on the bench. Without it the arm hangs at the side. A reach starts and ends here.
     */
    handRestM: vec3.optional(),
    /** The right arm's reach into the workspace; without it the arm stays at rest. */
    reach: reachSchema.optional(),
  })
  .strict();

const fragileProp = z.object({ kind: z.literal('fragile'), id: idText, centerM: vec3, sizeM: size3, massKg: numberOrParamIn(B.objectMassKg) }).strict();

const boxProp = z.object({ kind: z.literal('box'), id: idText, centerM: vec3, sizeM: size3 }).strict();

const collabZone = z
  .object({
    kind: z.literal('collab-zone'),
    id: idText,
    xMinM: boundedNumber(B.cellPositionM),
    xMaxM: boundedNumber(B.cellPositionM),
    yMinM: boundedNumber(B.cellPositionM),
    yMaxM: boundedNumber(B.cellPositionM),
  })
  .strict()
  .refine((r) => r.xMaxM > r.xMinM && r.yMaxM > r.yMinM, { message: 'needs xMaxM > xMinM and yMaxM > yMinM' });

export const armPropSchema = z.discriminatedUnion('kind', [armHumanProp, fragileProp, boxProp, collabZone]);

const heldSchema = z
  .object({
    id: idText,
    kind: z.enum(['part', 'knife', 'cup', 'payload']),
    massKg: numberOrParamIn(B.objectMassKg),
    /** Box extent along the tool frame (x, y = approach, z). */
    sizeM: size3,
    /** Knife: unit direction of the blade tip in the tool frame (not all zero). */
    bladeAxis: z
      .object({ x: boundedNumber(B.unitComponent), y: boundedNumber(B.unitComponent), z: boundedNumber(B.unitComponent) })
      .strict()
      .refine((a) => a.x !== 0 || a.y !== 0 || a.z !== 0, { message: 'a direction cannot be all zero' })
      .optional(),
  })
  .strict();

const armMonitors = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tool-speed'), limitMps: boundedNumber(B.speedMps).default(0.25) }).strict(),
  z
    .object({
      kind: z.literal('sharp-orientation'),
      coneHalfAngleRad: boundedNumber(B.coneHalfAngleRad).default(Math.PI / 4),
      rangeM: boundedNumber(B.cellLengthM).default(0.6),
    })
    .strict(),
  z
    .object({
      kind: z.literal('container-tilt'),
      spillAngleRad: boundedNumber(B.coneHalfAngleRad).default(0.35),
      /** Time constant of the liquid's response to acceleration (about a quarter slosh period of a cup). */
      sloshTimeSec: boundedNumber(B.timeConstantSec).default(0.1),
    })
    .strict(),
  z.object({ kind: z.literal('over-person'), marginM: boundedNumber(B.distanceM).default(0.1) }).strict(),
  z
    .object({
      kind: z.literal('fragile'),
      maxImpulseNs: boundedNumber(B.impulseNs).default(0.2),
      maxDisplacementM: boundedNumber(B.cellLengthM).default(0.01),
    })
    .strict(),
  z.object({ kind: z.literal('joint-limit'), marginRad: boundedNumber(B.marginRad).default(0.02) }).strict(),
  z.object({ kind: z.literal('self-collision') }).strict(),
]);

export const armMonitorSpecSchema = z.union([monitorSpecSchema, armMonitors]);

const levelSchema = z
  .object({
    level: levelNumber,
    description: longText,
    without: boundedList(z.string().max(64)).default([]),
    command: z
      .object({ text: commandText, hazardous: z.boolean().default(false), goalM: vec3.optional() })
      .strict()
      .optional(),
  })
  .strict();

export const armScenarioSchema = z
  .object({
    ...commonScenarioFields,
    arm: z
      .object({
        /** Base of the arm on the table top. */
        mountM: vec3,
        /** One angle per joint, within a turn either way (the UR5e's joints turn ±360°). */
        homeJointsRad: boundedList(boundedNumber(B.angleRad), 16).optional(),
      })
      .strict(),
    table: z.object({ centerM: vec3, sizeM: size3 }).strict(),
    /** The tool's route; its last point is the goal. */
    task: z.object({ routeM: boundedList(vec3).min(1), toleranceM: boundedNumber(B.cellLengthM) }).strict(),
    command: z
      .object({ text: commandText, hazardous: z.boolean().default(false), goalM: vec3.optional() })
      .strict()
      .default({ text: 'carry out the task', hazardous: false }),
    held: heldSchema.optional(),
    physics: z
      .object({ friction: numberOrParamIn(B.friction).default(0.6) })
      .strict()
      .default({ friction: 0.6 }),
    actuation: z
      .object({ latencySec: numberOrParamIn(B.latencySec).default(0) })
      .strict()
      .default({ latencySec: 0 }),
    props: boundedList(armPropSchema).default([]),
    levels: boundedList(levelSchema, MAX_LEVELS).min(1),
    monitors: boundedList(armMonitorSpecSchema, MAX_MONITORS).min(1),
  })
  .strict();

export type ArmScenarioSpec = z.infer<typeof armScenarioSchema>;
export type ArmPropSpec = z.infer<typeof armPropSchema>;
export type ArmMonitorSpec = z.infer<typeof armMonitorSpecSchema>;
