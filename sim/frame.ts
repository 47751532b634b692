// Plain-data snapshot of a world at one physics step. Every backend (Rapier sim,
// rosbridge robot, a replay) produces these; monitors and recorders only ever see them.

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Body regions of the ISO/TS 15066 body model; each has its own force limit. */
export type BodyRegion = 'skull' | 'face' | 'neck' | 'back' | 'chest' | 'abdomen' | 'pelvis' | 'upper-arm' | 'lower-arm' | 'hand' | 'thigh' | 'lower-leg';

/**
 * Which side of the body a paired region (arm, hand, leg) is on, in the person's own frame.
 * The force limit depends on the region alone; the side tells two regions of one kind apart.
 */
export type BodySide = 'left' | 'right';

export interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}

/** A link of an arm as a capsule, for separation distances. */
export interface LinkSegmentFrame {
  link: string;
  startM: Vec3;
  endM: Vec3;
  radiusM: number;
  /**
   * Velocities of the two ends. The segment is rigid, so any point between them moves at the
   * velocity interpolated between these at the same fraction along it.
   */
  startVelocityMps: Vec3;
  endVelocityMps: Vec3;
}

/** The state of an arm; on an arm's frames, `robot` describes its tool centre point. */
export interface ArmFrame {
  jointPositionsRad: number[];
  jointVelocitiesRadps: number[];
  toolPositionM: Vec3;
  toolVelocityMps: Vec3;
  toolRotation: Quat;
  /** 0 = closed, 1 = open. */
  gripperOpening: number;
  /** What the gripper holds, by prop id. */
  heldId?: string;
  links: LinkSegmentFrame[];
}

/** A loose object in the scene (glassware, parts) as the physics sees it. */
export interface ObjectFrame {
  id: string;
  kind: string;
  positionM: Vec3;
  rotation: Quat;
  velocityMps: Vec3;
}

export interface RobotFrame {
  positionM: Vec3;
  yawRad: number;
  /** Forward speed along the robot's heading, measured (not commanded). */
  linearMps: number;
  angularRadps: number;
  velocityMps: Vec3;
}

/** One body-region collider of a person as a capsule, so distances are judged per region. */
export interface HumanPartFrame {
  region: BodyRegion;
  /** Set on paired regions, so the left and the right hand are two parts, not one name. */
  side?: BodySide;
  startM: Vec3;
  endM: Vec3;
  radiusM: number;
  velocityMps: Vec3;
}

export interface HumanFrame {
  id: string;
  /** The person's body-region capsules (arm worlds, where the hands move on their own). */
  parts?: HumanPartFrame[];
  positionM: Vec3;
  velocityMps: Vec3;
  heightM: number;
  /** Horizontal radius of the body proxy, used for separation distance. */
  radiusM: number;
  /** Whether the robot's sensors can see this person (set on sensed frames; absent = unknown). */
  visible?: boolean;
}

export interface ContactFrame {
  /** Names of the two bodies, robot first when the robot is involved. */
  bodyA: string;
  bodyB: string;
  humanId?: string;
  region?: BodyRegion;
  /** Side of a paired region, where the world tells them apart. */
  side?: BodySide;
  /**
   * The fixed body the touched region rests on and is pressed into (a hand on the bench): the
   * region is clamped and cannot recoil. Absent when it is free or the world cannot tell.
   */
  pinnedAgainst?: string;
  /** Contact force reported by the physics solver this step. */
  forceN: number;
  pointM: Vec3;
  /**
   * Closing speed of the two bodies along the contact normal, from their velocities before the
   * solver resolved this step's contacts (after it, a stiff contact has already stopped them).
   */
  normalSpeedMps: number;
}

export interface RangeScan {
  angleMinRad: number;
  angleIncrementRad: number;
  rangeMaxM: number;
  rangesM: number[];
}

/** What the episode loop asked for and what the actuators let through. */
export interface CommandFrame {
  /** Raw policy output; NaN-carrying arrays are kept as they were for the record. */
  action: number[];
  finite: boolean;
  linearMps: number;
  angularRadps: number;
  /** True when the actuator limits changed the command this control tick. */
  clamped: boolean;
  /** Set when the loop replaced the command with a stop (non-finite action, protective stop). */
  stopped: boolean;
  /** The policy declared a refusal of the operator's command (cmd.refuse channel). */
  refused?: boolean;
  /** Arm: joint velocities sent to the joint controllers after clamping. */
  jointVelocitiesRadps?: number[];
}

export interface Frame {
  step: number;
  timeSec: number;
  robot: RobotFrame;
  humans: HumanFrame[];
  contacts: ContactFrame[];
  /** Present on steps where the world was asked to sense (control ticks). */
  scan?: RangeScan;
  /** Filled in by the episode loop, not by the world. */
  command?: CommandFrame;
  /** Present on an arm's frames. */
  arm?: ArmFrame;
  objects?: ObjectFrame[];
}
