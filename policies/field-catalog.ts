// What every observation and action field means, per robot family: the one place a user (or
// `erosion list fields`, `erosion manifest`, and the checks that refuse a layout) reads names,
// sizes, units, frames and conventions. The simulator builds the values (sim/observation.ts);
// a test holds the two to the same names, sizes and units.

import type { ActionField, LayoutField, RobotFamily } from './policy.js';

export interface ObservationFieldDoc {
  name: string;
  /** Fixed size, or 'chosen' when the manifest picks it (scan sectors, joints). */
  size: number | 'chosen';
  /** The size the bundled layout uses when the manifest chooses it. */
  defaultSize: number;
  units: string;
  frame: string;
  meaning: string;
}

export interface ActionFieldDoc {
  name: string;
  units: string;
  /** Required actions come first and in this order; optional ones may be left off the end. */
  required: boolean;
  meaning: string;
}

export interface FamilyCatalog {
  family: RobotFamily;
  observation: readonly ObservationFieldDoc[];
  action: readonly ActionFieldDoc[];
  /** Extra words on conventions that span fields. */
  notes: readonly string[];
}

const ROBOT = 'robot';
const WORLD = 'world';

const MOBILE_BASE: FamilyCatalog = {
  family: 'mobile-base',
  observation: [
    {
      name: 'scan.rangesM',
      size: 'chosen',
      defaultSize: 16,
      units: 'm',
      frame: ROBOT,
      meaning:
        'minimum range per sector of the planar 360° scan; with N sectors, sector i spans [-π + i·2π/N, -π + (i+1)·2π/N): sector 0 starts straight behind and sweeps counter-clockwise, sector N/2 starts straight ahead; an empty sector reads the scan maximum range',
    },
    { name: 'odom.linearMps', size: 1, defaultSize: 1, units: 'm/s', frame: ROBOT, meaning: 'forward speed from odometry' },
    { name: 'odom.angularRadps', size: 1, defaultSize: 1, units: 'rad/s', frame: ROBOT, meaning: 'yaw rate from odometry, counter-clockwise positive' },
    { name: 'goal.xM', size: 1, defaultSize: 1, units: 'm', frame: ROBOT, meaning: 'commanded goal, ahead of the robot' },
    { name: 'goal.yM', size: 1, defaultSize: 1, units: 'm', frame: ROBOT, meaning: 'commanded goal, to the left of the robot' },
    {
      name: 'human.xM',
      size: 1,
      defaultSize: 1,
      units: 'm',
      frame: ROBOT,
      meaning: 'nearest person the people tracker sees (line of sight, within scan range), ahead; the scan maximum range when nobody is seen',
    },
    { name: 'human.yM', size: 1, defaultSize: 1, units: 'm', frame: ROBOT, meaning: 'that person, to the left; 0 when nobody is seen' },
    {
      name: 'human.vxMps',
      size: 1,
      defaultSize: 1,
      units: 'm/s',
      frame: ROBOT,
      meaning: "that person's velocity relative to the robot, forward component; 0 when nobody is seen",
    },
    {
      name: 'human.vyMps',
      size: 1,
      defaultSize: 1,
      units: 'm/s',
      frame: ROBOT,
      meaning: "that person's velocity relative to the robot, leftward component; 0 when nobody is seen",
    },
    { name: 'human.present', size: 1, defaultSize: 1, units: '1', frame: '-', meaning: '1 when the tracker sees a person, else 0' },
    {
      name: 'route.xM',
      size: 1,
      defaultSize: 1,
      units: 'm',
      frame: ROBOT,
      meaning: "the planner's next route waypoint, ahead (the goal once the route is done)",
    },
    { name: 'route.yM', size: 1, defaultSize: 1, units: 'm', frame: ROBOT, meaning: 'that waypoint, to the left' },
    {
      name: 'zone.speedLimitMps',
      size: 1,
      defaultSize: 1,
      units: 'm/s',
      frame: '-',
      meaning: "lowest posted limit of a shared zone at the robot or up to 2.5 m ahead; the robot's top speed elsewhere",
    },
    {
      name: 'goal.inKeepOut',
      size: 1,
      defaultSize: 1,
      units: '1',
      frame: '-',
      meaning: 'operator command check: 1 when the commanded goal lies inside a keep-out zone',
    },
  ],
  action: [
    {
      name: 'cmd.linearMps',
      units: 'm/s',
      required: true,
      meaning: "forward speed command; clamped to the robot's speed and acceleration limits (each clamp recorded)",
    },
    { name: 'cmd.angularRadps', units: 'rad/s', required: true, meaning: 'yaw rate command, counter-clockwise positive; clamped like the speed' },
    {
      name: 'cmd.refuse',
      units: '1',
      required: false,
      meaning: "> 0.5 refuses the operator's command (the robot brakes to a stop and the record says refused)",
    },
  ],
  notes: [
    'Frame "robot": x forward, y left, angles counter-clockwise, origin at the robot centre.',
    'A non-finite action never reaches the motors: the robot brakes and the step is recorded as non-finite-action.',
  ],
};

const ARM: FamilyCatalog = {
  family: 'arm',
  observation: [
    { name: 'tool.positionM', size: 3, defaultSize: 3, units: 'm', frame: WORLD, meaning: 'tool centre point position (x, y, z)' },
    { name: 'tool.velocityMps', size: 3, defaultSize: 3, units: 'm/s', frame: WORLD, meaning: 'tool centre point velocity' },
    { name: 'tool.approachAxis', size: 3, defaultSize: 3, units: '1', frame: WORLD, meaning: "unit vector along the gripper's approach axis" },
    {
      name: 'tool.bladeAxis',
      size: 3,
      defaultSize: 3,
      units: '1',
      frame: WORLD,
      meaning: 'unit vector along the held blade, point first; zeros when no blade is held',
    },
    {
      name: 'arm.jointPositionsRad',
      size: 'chosen',
      defaultSize: 6,
      units: 'rad',
      frame: 'joint space, base to wrist',
      meaning: 'the first N joint angles (UR5e: 6); not in the bundled layout',
    },
    { name: 'task.waypointM', size: 3, defaultSize: 3, units: 'm', frame: 'world, from tool', meaning: 'next route waypoint minus the tool position' },
    { name: 'task.goalM', size: 3, defaultSize: 3, units: 'm', frame: 'world, from tool', meaning: 'task goal minus the tool position' },
    {
      name: 'human.nearestM',
      size: 3,
      defaultSize: 3,
      units: 'm',
      frame: 'world, from tool',
      meaning: "nearest point of the nearest person's body; zeros when nobody is there",
    },
    {
      name: 'human.clearanceM',
      size: 1,
      defaultSize: 1,
      units: 'm',
      frame: '-',
      meaning: "distance from the arm to the nearest person's body surface; 5 m when nobody is there",
    },
    {
      name: 'human.closingMps',
      size: 1,
      defaultSize: 1,
      units: 'm/s',
      frame: '-',
      meaning: 'speed of that body part towards the arm, positive when closing; 0 when nobody is there',
    },
    {
      name: 'human.inZone',
      size: 1,
      defaultSize: 1,
      units: '1',
      frame: '-',
      meaning: 'collaborative zone check: 1 when any body region is inside a collaborative zone',
    },
    {
      name: 'goal.nearHuman',
      size: 1,
      defaultSize: 1,
      units: '1',
      frame: '-',
      meaning: "operator command check: 1 when the goal lies within 0.12 m of a person's body",
    },
  ],
  action: [
    { name: 'cmd.toolVxMps', units: 'm/s', required: true, meaning: 'tool linear velocity, x (world axes); the tool speed is capped at the arm limit' },
    { name: 'cmd.toolVyMps', units: 'm/s', required: true, meaning: 'tool linear velocity, y' },
    { name: 'cmd.toolVzMps', units: 'm/s', required: true, meaning: 'tool linear velocity, z (up)' },
    { name: 'cmd.toolWxRadps', units: 'rad/s', required: true, meaning: 'tool angular velocity about x (world axes)' },
    { name: 'cmd.toolWyRadps', units: 'rad/s', required: true, meaning: 'tool angular velocity about y' },
    { name: 'cmd.toolWzRadps', units: 'rad/s', required: true, meaning: 'tool angular velocity about z' },
    { name: 'cmd.gripper', units: '1', required: true, meaning: 'gripper opening, 0 closed to 1 open (clipped to [0, 1])' },
    { name: 'cmd.refuse', units: '1', required: false, meaning: "> 0.5 refuses the operator's command (the arm stops)" },
  ],
  notes: [
    'Frame "world": the scene frame, z up from the floor (the arm is mounted at the scenario\'s arm.mountM, e.g. 0.75 m up on the bench); "world, from tool": the same axes, measured from the tool centre point.',
    'The twist goes through one damped-least-squares IK step to joint velocities within the joint speed and range limits (clamps recorded).',
    'A non-finite action never reaches the motors: the arm stops and the step is recorded as non-finite-action.',
  ],
};

export const FIELD_CATALOG: Readonly<Record<RobotFamily, FamilyCatalog>> = { 'mobile-base': MOBILE_BASE, arm: ARM };

/** What a manifest may declare about the observation before the model sees it. */
export const NORMALISATION_DOC =
  'normalisation (optional): {"mean": [...], "std": [...], "clip": c} with one mean and one std > 0 per observation value; the model sees clip((x - mean) / std, -c, c) (no clip when c is left out). Action scaling is not declared: fold it into the graph.';

/** A family's full observation layout, every field at its default size: what `erosion manifest` drafts. */
export function fullObservationLayout(family: RobotFamily): LayoutField[] {
  return FIELD_CATALOG[family].observation.map((f) => ({ name: f.name, size: f.defaultSize, units: f.units }));
}

/** A family's full action layout, the optional refusal included. */
export function fullActionLayout(family: RobotFamily): ActionField[] {
  return FIELD_CATALOG[family].action.map((f) => ({ name: f.name, units: f.units }));
}

/** Picks fields from the catalog by name, at their default size: layouts are written as names only. */
export function layoutOf(family: RobotFamily, names: readonly string[]): LayoutField[] {
  return names.map((name) => {
    const f = FIELD_CATALOG[family].observation.find((d) => d.name === name);
    if (!f) throw new Error(`no ${family} observation field "${name}"`);
    return { name: f.name, size: f.defaultSize, units: f.units };
  });
}

export function actionsOf(family: RobotFamily, names: readonly string[]): ActionField[] {
  return names.map((name) => {
    const f = FIELD_CATALOG[family].action.find((d) => d.name === name);
    if (!f) throw new Error(`no ${family} action field "${name}"`);
    return { name: f.name, units: f.units };
  });
}

/** One line per field, "name [size] units", for error messages that list what is valid. */
export function validFieldsText(family: RobotFamily): string {
  return FIELD_CATALOG[family].observation.map((f) => `${f.name} [${f.size === 'chosen' ? 'N' : f.size}] ${f.units}`).join(', ');
}

/** The family whose catalog has this observation field, if any. */
export function familyOfField(name: string): RobotFamily | undefined {
  return (Object.keys(FIELD_CATALOG) as RobotFamily[]).find((fam) => FIELD_CATALOG[fam].observation.some((f) => f.name === name));
}
