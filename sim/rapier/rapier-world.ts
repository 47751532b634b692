import { createHash } from 'node:crypto';
import type RAPIER_NS from '@dimforge/rapier3d-deterministic-compat';
import { createRapierArmWorld, type RapierArmWorld } from './rapier-arm-world.js';
import {
  isArmSpec,
  type AnyScenarioSpec,
  type ArmScenarioSpec,
  resolveScenario,
  SeededRandom,
  type ResolvedHuman,
  type ResolvedScenario,
  type ScenarioSpec,
} from '../../scenarios/index.js';
import { floorTiles } from './floor-tiles.js';
import { HUMAN_PROXY, humanRadiusM } from '../body-model.js';
import type { BodyRegion, ContactFrame, Frame, HumanFrame, RangeScan, RobotFrame, Vec3 } from '../frame.js';
import { isArmCommand, type BaseCommand, type StepOptions, type World, type WorldCapabilities, type WorldCommand } from '../world.js';
import { distanceToFootprintM, speedTowardsMps } from '../geometry/footprint-geometry.js';
import { HumanWalker, type WalkPose } from './human-walk.js';
import { loadRapier, type Rapier } from './rapier-engine.js';
import { PlanarScene, type ScanWall } from './planar-scan.js';
import type { EngineStepWrap } from './engine-step-wrap.js';
import { stepRigidWorld } from './step-rigid-world.js';

type RWorld = RAPIER_NS.World;

type RBody = RAPIER_NS.RigidBody;
type RCollider = RAPIER_NS.Collider;

interface ColliderTag {
  name: string;
  humanId?: string;
  region?: BodyRegion;
}

interface HumanBody {
  spec: ResolvedHuman;
  body: RBody;
  walker: HumanWalker;
  /** walker.pose() since the walker last moved: placing, velocity and the frame all read it. */
  pose: WalkPose;
}

// Capsules in Rapier run along local Y; the proxy is z-up, so turn them a quarter about X.
const Y_TO_Z = { x: Math.SQRT1_2, y: 0, z: 0, w: Math.SQRT1_2 };
const FLOOR_THICKNESS_M = 0.2;
const WALL_HEIGHT_M = 1.0;
// Collision groups (16-bit membership << 16 | 16-bit filter). Glass is bit 1: it collides with
// everything, and the scan (which leaves glass out of its cut of the scene) does not see it.
const GLASS_GROUPS = (0x0002 << 16) | 0xffff;

/**
 * The navigation world in Rapier: a floor with perimeter walls, static props, kinematic
 * humans with one collider per body region, and a dynamic differential-drive base whose
 * drive can push only as hard as its motors (maxDriveForceN).
 */
export class RapierWorld implements World {
  readonly capabilities: WorldCapabilities = { reset: true, snapshot: true, deterministic: true, realtime: false };

  private world: RWorld | undefined;
  private scene: ResolvedScenario | undefined;
  private robot: RBody | undefined;
  private robotCollider: RCollider | undefined;
  private humans: HumanBody[] = [];
  private tags = new Map<number, ColliderTag>();
  private events: RAPIER_NS.EventQueue | undefined;
  private command: BaseCommand = { linearMps: 0, angularRadps: 0 };
  /** Commands waiting out the actuation latency, oldest first. */
  private pending: Array<{ atStep: number; command: BaseCommand }> = [];
  private stepIndex = 0;
  private scanNoise: SeededRandom | undefined;
  /** The scene cut at the scanner's height: what the beams and the line of sight meet. */
  private planar: PlanarScene | undefined;
  /**
   * Runs the engine's own step when set (the bench times Rapier's share of a step with it,
   * keeping clocks out of the world); unset, the step runs directly.
   */
  engineStepWrap: EngineStepWrap | undefined;

  constructor(
    private readonly R: Rapier,
    private readonly spec: ScenarioSpec,
    private readonly level: number,
  ) {}

  /** The scenario as resolved by the last reset. */
  get resolved(): ResolvedScenario {
    if (!this.scene) throw new Error('RapierWorld: reset() must be called first');
    return this.scene;
  }

  reset(seed: number): Frame {
    this.free();
    const R = this.R;
    const scene = resolveScenario(this.spec, this.level, seed);
    this.scene = scene;
    const world = new R.World({ x: 0, y: 0, z: -9.81 });
    world.timestep = 1 / scene.physicsHz;
    this.world = world;
    this.events = new R.EventQueue(true);
    this.tags = new Map();
    this.humans = [];
    this.command = { linearMps: 0, angularRadps: 0 };
    this.pending = [];
    this.stepIndex = 0;
    // Its own stream, so scan noise never shifts the scenario's parameter draws.
    this.scanNoise = new SeededRandom(`${scene.id}#${seed}#scan`);

    const opaque: ScanWall[] = [];
    const fixed = world.createRigidBody(R.RigidBodyDesc.fixed());
    const { lengthM, widthM } = scene.arena;
    const drops = scene.props.flatMap((p) => (p.kind === 'drop' ? [p] : []));
    for (const tile of floorTiles({ xMinM: -1, xMaxM: lengthM + 1, yMinM: -widthM / 2 - 1, yMaxM: widthM / 2 + 1 }, drops)) {
      const floor = world.createCollider(
        R.ColliderDesc.cuboid((tile.xMaxM - tile.xMinM) / 2, (tile.yMaxM - tile.yMinM) / 2, FLOOR_THICKNESS_M / 2)
          .setTranslation((tile.xMinM + tile.xMaxM) / 2, (tile.yMinM + tile.yMaxM) / 2, -FLOOR_THICKNESS_M / 2)
          .setFriction(scene.floorFriction),
        fixed,
      );
      this.tags.set(floor.handle, { name: 'floor' });
    }
    const wall = (name: string, cx: number, cy: number, hx: number, hy: number, hz: number, yaw = 0, glass = false): void => {
      const desc = R.ColliderDesc.cuboid(hx, hy, hz)
        .setTranslation(cx, cy, hz)
        .setRotation({ x: 0, y: 0, z: Math.sin(yaw / 2), w: Math.cos(yaw / 2) })
        .setActiveEvents(R.ActiveEvents.CONTACT_FORCE_EVENTS)
        .setContactForceEventThreshold(0);
      if (glass) desc.setCollisionGroups(GLASS_GROUPS);
      else opaque.push({ centerXM: cx, centerYM: cy, halfLengthM: hx, halfThicknessM: hy, yawRad: yaw, heightM: 2 * hz });
      const c = world.createCollider(desc, fixed);
      this.tags.set(c.handle, { name });
    };
    const t = 0.05;
    wall('wall:north', lengthM / 2, widthM / 2 + t, lengthM / 2 + 2 * t, t, WALL_HEIGHT_M / 2);
    wall('wall:south', lengthM / 2, -widthM / 2 - t, lengthM / 2 + 2 * t, t, WALL_HEIGHT_M / 2);
    wall('wall:west', -t, 0, t, widthM / 2, WALL_HEIGHT_M / 2);
    wall('wall:east', lengthM + t, 0, t, widthM / 2, WALL_HEIGHT_M / 2);

    for (const prop of scene.props) {
      if (prop.kind === 'wall') {
        wall(prop.id, prop.centerM.xM, prop.centerM.yM, prop.lengthM / 2, prop.thicknessM / 2, prop.heightM / 2, prop.yawRad, prop.seeThrough);
      } else if (prop.kind === 'human') {
        this.addHuman(prop);
      }
    }

    const robot = scene.robot;
    const body = world.createRigidBody(
      R.RigidBodyDesc.dynamic()
        .setTranslation(scene.start.xM, scene.start.yM, robot.heightM / 2)
        .setRotation({ x: 0, y: 0, z: Math.sin(scene.start.yawRad / 2), w: Math.cos(scene.start.yawRad / 2) })
        // Planar base: roll and pitch are carried by the wheels, not simulated.
        .enabledRotations(false, false, true)
        .setCanSleep(false)
        .setCcdEnabled(true),
    );
    // Zero friction: the drive below models the wheels' grip; a sliding box would fight it.
    // Rounded edges let the body roll over the seams between floor tiles instead of catching on them.
    const roundM = 0.02;
    this.robotCollider = world.createCollider(
      R.ColliderDesc.roundCuboid(robot.lengthM / 2 - roundM, robot.widthM / 2 - roundM, robot.heightM / 2 - roundM, roundM)
        .setMass(robot.massKg)
        .setFriction(0)
        .setFrictionCombineRule(R.CoefficientCombineRule.Min),
      body,
    );
    this.tags.set(this.robotCollider.handle, { name: 'robot' });
    this.robot = body;
    this.planar = new PlanarScene(
      opaque,
      this.humans.map((h) => h.spec.heightM),
      scene.scan.heightM,
    );
    // Settle poses of kinematic humans at t = 0 before the first frame.
    this.placeHumans(true);
    // A zero-length step builds the broad phase, so the first scan sees the world.
    world.timestep = 0;
    world.step();
    world.timestep = 1 / scene.physicsHz;
    return this.frame(0, [], true);
  }

  private addHuman(h: ResolvedHuman): void {
    const R = this.R;
    const world = this.world!;
    const scale = h.heightM / 1.75;
    const body = world.createRigidBody(R.RigidBodyDesc.kinematicPositionBased());
    for (const part of HUMAN_PROXY) {
      const radius = part.radiusM * scale;
      const z0 = part.z0 * h.heightM;
      const z1 = part.z1 * h.heightM;
      const halfHeight = Math.max(0.001, (z1 - z0) / 2);
      const c = world.createCollider(
        R.ColliderDesc.capsule(halfHeight, radius)
          .setTranslation(part.xM * scale, part.yM * scale, (z0 + z1) / 2)
          .setRotation(Y_TO_Z)
          .setActiveEvents(R.ActiveEvents.CONTACT_FORCE_EVENTS)
          .setContactForceEventThreshold(0),
        body,
      );
      this.tags.set(c.handle, { name: `${h.id}:${part.region}`, humanId: h.id, region: part.region });
    }
    const walker = new HumanWalker(h);
    this.humans.push({ spec: h, body, walker, pose: walker.pose() });
  }

  private placeHumans(teleport: boolean): void {
    for (const { body, pose: s } of this.humans) {
      const rot = { x: 0, y: 0, z: Math.sin(s.headingRad / 2), w: Math.cos(s.headingRad / 2) };
      if (teleport) {
        body.setTranslation({ x: s.xM, y: s.yM, z: 0 }, true);
        body.setRotation(rot, true);
      } else {
        body.setNextKinematicTranslation({ x: s.xM, y: s.yM, z: 0 });
        body.setNextKinematicRotation(rot);
      }
    }
  }

  /**
   * Free distance between a person and the robot when the robot stands ahead of them; Infinity
   * otherwise. `robotFrame` is the robot's pose this step, read from the engine once for everyone.
   */
  private gapAheadM(h: HumanBody, pose: WalkPose, robotFrame: RobotFrame): number {
    const p = robotFrame.positionM;
    const human = { x: pose.xM, y: pose.yM, z: 0 };
    const ahead = speedTowardsMps({ x: pose.dirX, y: pose.dirY, z: 0 }, human, p);
    if (ahead <= 0.3) return Number.POSITIVE_INFINITY;
    const preset = this.scene!.robot;
    return distanceToFootprintM(robotFrame, preset.lengthM, preset.widthM, human) - humanRadiusM(h.spec.heightM);
  }

  /** Takes effect after the scenario's actuation latency (whole physics steps). */
  apply(command: WorldCommand): void {
    if (isArmCommand(command)) throw new Error('RapierWorld: a mobile base cannot take an arm command');
    const delaySteps = Math.round((this.scene?.latencySec ?? 0) * (this.scene?.physicsHz ?? 0));
    if (delaySteps <= 0) this.command = { ...command };
    else this.pending.push({ atStep: this.stepIndex + delaySteps, command: { ...command } });
  }

  step(dtSec: number, options: StepOptions = { sense: false }): Frame {
    const world = this.world;
    const robot = this.robot;
    if (!world || !robot || !this.scene || !this.events) throw new Error('RapierWorld: reset() must be called first');
    // Rapier keeps the timestep as f32, so compare loosely.
    if (Math.abs(dtSec - world.timestep) > 1e-6 * dtSec) {
      throw new Error(`RapierWorld: fixed step is ${world.timestep} s, asked for ${dtSec} s`);
    }
    while (this.pending.length > 0 && this.pending[0]!.atStep <= this.stepIndex) this.command = this.pending.shift()!.command;
    const preset = this.scene.robot;
    // Drive: the impulse that would reach the commanded body velocity, limited by motor force.
    const yaw = yawOf(robot.rotation());
    const v = robot.linvel();
    const wantX = Math.cos(yaw) * this.command.linearMps;
    const wantY = Math.sin(yaw) * this.command.linearMps;
    let ix = preset.massKg * (wantX - v.x);
    let iy = preset.massKg * (wantY - v.y);
    const maxImpulse = preset.maxDriveForceN * dtSec;
    const mag = Math.hypot(ix, iy);
    if (mag > maxImpulse) {
      ix *= maxImpulse / mag;
      iy *= maxImpulse / mag;
    }
    robot.applyImpulse({ x: ix, y: iy, z: 0 }, true);
    robot.setAngvel({ x: 0, y: 0, z: this.command.angularRadps }, true);
    const preVelocity = robot.linvel();

    const time = this.stepIndex / this.scene.physicsHz;
    const nextTime = (this.stepIndex + 1) / this.scene.physicsHz;
    // Read from the engine at most once this step, and only when a walker asks.
    let robotFrame: RobotFrame | undefined;
    const robotNow = (): RobotFrame => {
      const p = robot.translation();
      return { positionM: { x: p.x, y: p.y, z: p.z }, yawRad: yaw, linearMps: 0, angularRadps: 0, velocityMps: { x: 0, y: 0, z: 0 } };
    };
    for (const h of this.humans) {
      h.walker.advance(time, dtSec, (pose) => this.gapAheadM(h, pose, (robotFrame ??= robotNow())));
      h.pose = h.walker.pose();
    }
    this.placeHumans(false);
    const events = this.events;
    if (this.engineStepWrap) this.engineStepWrap(() => stepRigidWorld(world, events));
    else stepRigidWorld(world, events);
    this.stepIndex += 1;

    const contacts: ContactFrame[] = [];
    this.events.drainContactForceEvents((ev) => {
      const c = this.contactFrom(ev.collider1(), ev.collider2(), ev.totalForceMagnitude(), preVelocity);
      if (c) contacts.push(c);
    });
    // Event order is the solver's; sort so records compare equal regardless.
    contacts.sort((a, b) => (a.bodyB < b.bodyB ? -1 : a.bodyB > b.bodyB ? 1 : 0));
    return this.frame(nextTime, contacts, options.sense);
  }

  private contactFrom(h1: number, h2: number, forceN: number, robotVel: Vec3): ContactFrame | undefined {
    const robotHandle = this.robotCollider!.handle;
    if (h1 !== robotHandle && h2 !== robotHandle) return undefined;
    const otherHandle = h1 === robotHandle ? h2 : h1;
    const tag = this.tags.get(otherHandle);
    if (!tag || tag.name === 'floor') return undefined;
    const world = this.world!;
    const robotCol = this.robotCollider!;
    const other = world.getCollider(otherHandle);
    let point: Vec3 = { ...robotCol.translation() };
    let normal: Vec3 = { x: 0, y: 0, z: 0 };
    world.contactPair(robotCol, other, (manifold, flipped) => {
      const n = manifold.normal();
      normal = flipped ? { x: -n.x, y: -n.y, z: -n.z } : { x: n.x, y: n.y, z: n.z };
      if (manifold.numSolverContacts() > 0) {
        const p = manifold.solverContactPoint(0);
        if (p) point = { x: p.x, y: p.y, z: p.z };
      }
    });
    let otherVel: Vec3 = { x: 0, y: 0, z: 0 };
    if (tag.humanId) {
      const human = this.humans.find((h) => h.spec.id === tag.humanId);
      if (human) otherVel = humanVelocity(human);
    }
    // Normal points from the robot towards the other body: closing speed is positive when approaching.
    const closing = (robotVel.x - otherVel.x) * normal.x + (robotVel.y - otherVel.y) * normal.y + (robotVel.z - otherVel.z) * normal.z;
    const contact: ContactFrame = {
      bodyA: 'robot',
      bodyB: tag.name,
      forceN,
      pointM: point,
      normalSpeedMps: Math.max(0, closing),
    };
    if (tag.humanId) contact.humanId = tag.humanId;
    if (tag.region) contact.region = tag.region;
    return contact;
  }

  private frame(timeSec: number, contacts: ContactFrame[], sense: boolean): Frame {
    const robot = this.robot!;
    const p = robot.translation();
    const v = robot.linvel();
    const yaw = yawOf(robot.rotation());
    const humans: HumanFrame[] = this.humans.map((h) => {
      const { spec, pose: s } = h;
      return {
        id: spec.id,
        positionM: { x: s.xM, y: s.yM, z: 0 },
        velocityMps: humanVelocity(h),
        heightM: spec.heightM,
        radiusM: humanRadiusM(spec.heightM),
      };
    });
    const frame: Frame = {
      step: this.stepIndex,
      timeSec,
      robot: {
        positionM: { x: p.x, y: p.y, z: p.z },
        yawRad: yaw,
        linearMps: v.x * Math.cos(yaw) + v.y * Math.sin(yaw),
        angularRadps: robot.angvel().z,
        velocityMps: { x: v.x, y: v.y, z: v.z },
      },
      humans,
      contacts,
    };
    if (sense) {
      this.placePeopleForScan();
      frame.scan = this.scan(p, yaw);
      humans.forEach((h, i) => (h.visible = this.canSee(p, h, i)));
    }
    return frame;
  }

  /** A planar 360° range scan at the sensor height, ignoring the robot's own body. */
  private scan(origin: Vec3, yaw: number): RangeScan {
    const { beams, rangeMaxM, noiseStdM, dropoutProb } = this.scene!.scan;
    const rng = this.scanNoise!;
    const planar = this.planar!;
    const inc = (2 * Math.PI) / beams;
    const angleMin = -Math.PI;
    const rangesM: number[] = new Array(beams);
    for (let i = 0; i < beams; i++) {
      const a = yaw + angleMin + i * inc;
      const toi = planar.cast(origin.x, origin.y, Math.cos(a), Math.sin(a), rangeMaxM);
      const hit = toi !== Infinity;
      let r = hit ? toi : rangeMaxM;
      // Draw both numbers every beam so the stream stays aligned whatever the settings.
      const dropout = rng.next() < dropoutProb;
      const noise = rng.normal() * noiseStdM;
      if (dropout)
        r = rangeMaxM; // a lost return reads as "nothing there", the dangerous way round
      else if (hit) r = Math.min(rangeMaxM, Math.max(0, r + noise));
      rangesM[i] = r;
    }
    return { angleMinRad: angleMin, angleIncrementRad: inc, rangeMaxM, rangesM };
  }

  /** Puts every person of the planar cut where the physics has them now. */
  private placePeopleForScan(): void {
    const planar = this.planar!;
    this.humans.forEach((h, i) => planar.placePerson(i, h.pose.xM, h.pose.yM, h.pose.headingRad));
  }

  /** Line of sight from the scanner to a person's torso, past walls and shelves (not glass). */
  private canSee(origin: Vec3, h: HumanFrame, index: number): boolean {
    const dx = h.positionM.x - origin.x;
    const dy = h.positionM.y - origin.y;
    const d = Math.hypot(dx, dy);
    if (d < 1e-6) return true;
    const hit = { person: -1 };
    const toi = this.planar!.cast(origin.x, origin.y, dx / d, dy / d, d, hit);
    if (toi === Infinity) return true;
    return hit.person === index || toi >= d - h.radiusM;
  }

  snapshotHash(): string {
    if (!this.world) throw new Error('RapierWorld: reset() must be called first');
    return createHash('sha256').update(this.world.takeSnapshot()).digest('hex');
  }

  private free(): void {
    this.events?.free();
    this.world?.free();
    this.events = undefined;
    this.world = undefined;
    this.robot = undefined;
    this.robotCollider = undefined;
  }

  close(): void {
    this.free();
  }
}

function humanVelocity(h: HumanBody): Vec3 {
  const p = h.pose;
  return { x: p.dirX * h.walker.speedMps, y: p.dirY * h.walker.speedMps, z: 0 };
}

function yawOf(q: { x: number; y: number; z: number; w: number }): number {
  return Math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z));
}

export async function createRapierWorld(spec: ScenarioSpec, level: number): Promise<RapierWorld>;
export async function createRapierWorld(spec: ArmScenarioSpec, level: number): Promise<RapierArmWorld>;
export async function createRapierWorld(spec: AnyScenarioSpec, level: number): Promise<World>;
/** The world for a scenario: the robot family in the spec decides which one. */
export async function createRapierWorld(spec: AnyScenarioSpec, level: number): Promise<World> {
  if (isArmSpec(spec)) return createRapierArmWorld(spec, level);
  return new RapierWorld(await loadRapier(), spec, level);
}
