import { createHash } from 'node:crypto';
import type RAPIER_NS from '@dimforge/rapier3d-deterministic-compat';
import { resolveArmScenario, type ArmScenarioSpec, type ResolvedArmHuman, type ResolvedArmScenario } from '../../scenarios/index.js';
import { actuatedJoints, linkByName, type ArmModel } from '../arm/arm-model.js';
import { compose, forwardKinematics, poseToTransform, type Transform } from '../arm/arm-kinematics.js';
import { armFrameFromJoints, jointTravelRad } from '../arm/arm-state.js';
import { apply as rot, IDENTITY, matToQuat, quatToMat } from '../geometry/rotation.js';
import { humanParts } from '../arm/human-reach.js';
import { armModelFor } from '../arm/arm-model-for.js';
import { humanRadiusM } from '../body-model.js';
import type { BodyRegion, BodySide, ContactFrame, Frame, HumanFrame, HumanPartFrame, ObjectFrame, Vec3 } from '../frame.js';
import { isArmCommand, type ArmCommand, type StepOptions, type World, type WorldCapabilities, type WorldCommand } from '../world.js';
import { loadRapier, type Rapier } from './rapier-engine.js';
import type { EngineStepWrap } from './engine-step-wrap.js';
import { stepRigidWorld } from './step-rigid-world.js';

type RBody = RAPIER_NS.RigidBody;

interface Tag {
  name: string;
  /** Arm colliders: which moving body (index into links) they belong to. */
  armLink?: number;
  humanId?: string;
  region?: BodyRegion;
  side?: BodySide;
  /** People's colliders: which person (index into humans) and which of their parts. */
  human?: { index: number; part: number };
}

/** A dynamic body's motion before the solver ran: what a contact closes at. */
interface Motion {
  linvel: Vec3;
  angvel: Vec3;
  com: Vec3;
}

interface HumanParts {
  spec: ResolvedArmHuman;
  bodies: RBody[];
  /**
   * Each part's last placed pose (centre x, y, z, quaternion x, y, z, w). A part that stays put
   * (all of a person but the reaching arm) is not placed again: the engine keeps a kinematic
   * body's pose until told otherwise, and telling it the same pose made it refit the part for
   * nothing.
   */
  placed: Float64Array[];
  /** The parts at `atSec`: placing, contacts and the frame all ask for the same moment. */
  cache?: { atSec: number; parts: HumanPartFrame[] };
}

/** Capsule radius used for the arm's links in separation distances. */
const LINK_RADIUS_M = 0.06;
// Acceleration-based velocity motor gain (1/s): stiff enough to track within a few ms.
const MOTOR_GAIN = 600;
/**
 * Radius of gyration given to every link, about its joint. A real arm controller feeds the
 * links' dynamics forward, so a policy meets a stiff velocity servo; Rapier's impulse-joint
 * motors behave like one only with each link's load kept compact. As point masses (no
 * rotational inertia) the inner joints coasted for half a second after a stop; with the links'
 * full inertia about their centres of mass they lagged the command by as much.
 */
const LINK_GYRATION_M = 0.1;
const Y_AXIS = { x: 0, y: 1, z: 0 };
/** A person's part this close to a fixed surface (m) rests on it. */
const PIN_GAP_M = 0.005;
/** The arm presses a part into a surface when its push is within 60° of the surface's normal. */
const PIN_COS = 0.5;

/**
 * The manipulation world in Rapier: a table, an arm whose links are dynamic bodies joined by
 * revolute impulse joints with velocity motors (limited to the URDF's effort), gravity
 * compensated as an arm controller does, kinematic people with one collider per body region,
 * and loose fragile objects. Contact forces come from the solver; monitors see plain frames.
 */
export class RapierArmWorld implements World {
  readonly capabilities: WorldCapabilities = { reset: true, snapshot: true, deterministic: true, realtime: false };

  private world: RAPIER_NS.World | undefined;
  private events: RAPIER_NS.EventQueue | undefined;
  private scene: ResolvedArmScenario | undefined;
  /** As RapierWorld.engineStepWrap: runs the engine's own step when set (bench timing). */
  engineStepWrap: EngineStepWrap | undefined;
  private model: ArmModel | undefined;
  private base: Transform = { p: { x: 0, y: 0, z: 0 }, R: IDENTITY };
  /** Moving bodies, one per actuated joint, with their parent body and home rotations. */
  private links: Array<{
    body: RBody;
    parent: RBody;
    homeR: ReturnType<typeof quatToMat>;
    parentHomeR: ReturnType<typeof quatToMat>;
    joint: RAPIER_NS.RevoluteImpulseJoint;
    name: string;
  }> = [];
  private homeQ: number[] = [];
  private q: number[] = [];
  private humans: HumanParts[] = [];
  private fragile: Array<{ id: string; body: RBody }> = [];
  private tags = new Map<number, Tag>();
  /** Motion of the arm's links and the loose objects at the start of the current step, by body handle. */
  private before = new Map<number, Motion>();
  /** Each person's parts over the current step (their velocities are over it too). */
  private humansBefore: HumanPartFrame[][] = [];
  private command: ArmCommand = { kind: 'arm', jointVelocitiesRadps: [], gripper: 1 };
  private pending: Array<{ atStep: number; command: ArmCommand }> = [];
  private stepIndex = 0;

  constructor(
    private readonly R: Rapier,
    private readonly spec: ArmScenarioSpec,
    private readonly level: number,
  ) {}

  get resolved(): ResolvedArmScenario {
    if (!this.scene) throw new Error('RapierArmWorld: reset() must be called first');
    return this.scene;
  }

  get armModel(): ArmModel {
    if (!this.model) throw new Error('RapierArmWorld: reset() must be called first');
    return this.model;
  }

  reset(seed: number): Frame {
    this.free();
    const R = this.R;
    const scene = resolveArmScenario(this.spec, this.level, seed);
    this.scene = scene;
    const model = armModelFor(scene);
    this.model = model;
    const world = new R.World({ x: 0, y: 0, z: -9.81 });
    world.timestep = 1 / scene.physicsHz;
    this.world = world;
    this.events = new R.EventQueue(true);
    this.tags = new Map();
    this.humans = [];
    this.fragile = [];
    this.links = [];
    this.pending = [];
    this.stepIndex = 0;
    const n = actuatedJoints(model).length;
    this.command = { kind: 'arm', jointVelocitiesRadps: new Array(n).fill(0), gripper: 1 };
    this.homeQ = [...scene.homeJointsRad];
    this.q = [...this.homeQ];

    const fixed = world.createRigidBody(R.RigidBodyDesc.fixed());
    const tagged = (desc: RAPIER_NS.ColliderDesc, body: RBody, tag: Tag): RAPIER_NS.Collider => {
      const c = world.createCollider(desc.setActiveEvents(R.ActiveEvents.CONTACT_FORCE_EVENTS).setContactForceEventThreshold(0), body);
      this.tags.set(c.handle, tag);
      return c;
    };
    world.createCollider(R.ColliderDesc.cuboid(5, 5, 0.1).setTranslation(0, 0, -0.1), fixed);
    const t = scene.table;
    tagged(
      R.ColliderDesc.cuboid(t.sizeM.xM / 2, t.sizeM.yM / 2, t.sizeM.zM / 2)
        .setTranslation(t.centerM.xM, t.centerM.yM, t.centerM.zM)
        .setFriction(scene.friction),
      fixed,
      { name: 'table' },
    );
    for (const p of scene.props) {
      if (p.kind === 'box') {
        tagged(R.ColliderDesc.cuboid(p.sizeM.xM / 2, p.sizeM.yM / 2, p.sizeM.zM / 2).setTranslation(p.centerM.xM, p.centerM.yM, p.centerM.zM), fixed, {
          name: p.id,
        });
      } else if (p.kind === 'fragile') {
        const body = world.createRigidBody(R.RigidBodyDesc.dynamic().setTranslation(p.centerM.xM, p.centerM.yM, p.centerM.zM).setCanSleep(false));
        tagged(
          R.ColliderDesc.cuboid(p.sizeM.xM / 2, p.sizeM.yM / 2, p.sizeM.zM / 2)
            .setMass(p.massKg)
            .setFriction(scene.friction),
          body,
          { name: p.id },
        );
        this.fragile.push({ id: p.id, body });
      } else if (p.kind === 'human') {
        this.addHuman(p);
      }
    }
    this.buildArm(model, scene, tagged);
    this.placeHumans(0, true);
    world.timestep = 0;
    world.step();
    world.timestep = 1 / scene.physicsHz;
    return this.frame(0, []);
  }

  private buildArm(model: ArmModel, scene: ResolvedArmScenario, tagged: (d: RAPIER_NS.ColliderDesc, b: RBody, t: Tag) => RAPIER_NS.Collider): void {
    const R = this.R;
    const world = this.world!;
    this.base = { p: { x: scene.mountM.xM, y: scene.mountM.yM, z: scene.mountM.zM }, R: IDENTITY };
    const fk = forwardKinematics(model, this.homeQ, this.base);
    const bodyOf = new Map<string, { body: RBody; frame: Transform; index: number }>();
    const rootBody = world.createRigidBody(R.RigidBodyDesc.fixed().setTranslation(this.base.p.x, this.base.p.y, this.base.p.z));
    bodyOf.set(model.root, { body: rootBody, frame: this.base, index: -1 });
    const addShapes = (linkName: string, body: RBody, offset: Transform, index: number): void => {
      const link = model.links.find((l) => l.name === linkName);
      for (const c of link?.collisions ?? []) {
        const local = compose(offset, poseToTransform(c.origin));
        const s = c.shape;
        // URDF cylinders run along z, Rapier's along y: turn them a quarter about x.
        const turn = s.kind === 'cylinder' ? { p: { x: 0, y: 0, z: 0 }, R: [1, 0, 0, 0, 0, -1, 0, 1, 0] as typeof IDENTITY } : undefined;
        const pose = turn ? compose(local, turn) : local;
        const desc =
          s.kind === 'box'
            ? R.ColliderDesc.cuboid(s.sizeM.x / 2, s.sizeM.y / 2, s.sizeM.z / 2)
            : s.kind === 'sphere'
              ? R.ColliderDesc.ball(s.radiusM)
              : R.ColliderDesc.cylinder(s.lengthM / 2, s.radiusM);
        desc.setTranslation(pose.p.x, pose.p.y, pose.p.z).setRotation(matToQuat(pose.R)).setDensity(0);
        tagged(desc, body, { name: `arm:${linkName}`, armLink: index });
      }
    };
    addShapes(model.root, rootBody, { p: { x: 0, y: 0, z: 0 }, R: IDENTITY }, -1);
    let index = 0;
    for (const j of model.chain) {
      const parent = bodyOf.get(j.parent)!;
      const linkFrame = fk.links.get(j.child)!;
      if (j.type === 'fixed') {
        // Fixed joints merge into the carrying body: offset of this link in that body's frame.
        bodyOf.set(j.child, { ...parent, frame: parent.frame });
        const offset = relative(parent.frame, linkFrame);
        addShapes(j.child, parent.body, offset, parent.index);
        continue;
      }
      const mass = Math.max(0.05, linkByName(model, j.child).massKg);
      const inertia = mass * LINK_GYRATION_M ** 2;
      const body = world.createRigidBody(
        R.RigidBodyDesc.dynamic()
          .setTranslation(linkFrame.p.x, linkFrame.p.y, linkFrame.p.z)
          .setRotation(matToQuat(linkFrame.R))
          // Arm controllers compensate gravity; the links would otherwise sag between ticks.
          .setGravityScale(0)
          .setCanSleep(false)
          .setAdditionalMassProperties(mass, { x: 0, y: 0, z: 0 }, { x: inertia, y: inertia, z: inertia }, { x: 0, y: 0, z: 0, w: 1 }),
      );
      addShapes(j.child, body, { p: { x: 0, y: 0, z: 0 }, R: IDENTITY }, index);
      const parentOffset = relative(parent.frame, compose(fk.links.get(j.parent) ?? parent.frame, poseToTransform(j.origin)));
      const data = R.JointData.revoluteWithAxes(parentOffset.p, { x: 0, y: 0, z: 0 }, rot(parentOffset.R, j.axis), j.axis);
      const joint = world.createImpulseJoint(data, parent.body, body, true) as RAPIER_NS.RevoluteImpulseJoint;
      joint.setContactsEnabled(false);
      joint.configureMotorModel(R.MotorModel.AccelerationBased);
      joint.setMotorMaxForce(j.maxEffortNm);
      joint.configureMotorVelocity(0, MOTOR_GAIN);
      this.links.push({ body, parent: parent.body, homeR: quatToMat(body.rotation()), parentHomeR: quatToMat(parent.body.rotation()), joint, name: j.child });
      bodyOf.set(j.child, { body, frame: linkFrame, index });
      index += 1;
    }
    for (const a of model.attachments) {
      const carrier = bodyOf.get(a.carrier)!;
      addShapes(a.joint.child, carrier.body, relative(carrier.frame, compose(fk.links.get(a.carrier)!, poseToTransform(a.joint.origin))), carrier.index);
    }
    const held = scene.held;
    if (held) {
      const last = this.links[this.links.length - 1]!;
      const tipLocal = relative(fk.links.get(last.name)!, fk.tip);
      const axis = held.bladeAxis ?? Y_AXIS;
      const along = Math.max(held.sizeM.xM, held.sizeM.yM, held.sizeM.zM) / 2;
      const centre = compose(tipLocal, { p: { x: axis.x * along, y: axis.y * along, z: axis.z * along }, R: IDENTITY });
      const desc = R.ColliderDesc.cuboid(held.sizeM.xM / 2, held.sizeM.yM / 2, held.sizeM.zM / 2)
        .setTranslation(centre.p.x, centre.p.y, centre.p.z)
        .setRotation(matToQuat(centre.R))
        .setMass(held.massKg);
      tagged(desc, last.body, { name: `held:${held.id}`, armLink: this.links.length - 1 });
    }
  }

  private addHuman(h: ResolvedArmHuman): void {
    const R = this.R;
    const bodies: RBody[] = [];
    const index = this.humans.length;
    humanParts(h, 0, 1 / this.scene!.physicsHz).forEach((part, k) => {
      const body = this.world!.createRigidBody(R.RigidBodyDesc.kinematicPositionBased());
      const len = Math.hypot(part.endM.x - part.startM.x, part.endM.y - part.startM.y, part.endM.z - part.startM.z);
      const c = this.world!.createCollider(
        R.ColliderDesc.capsule(Math.max(0.001, len / 2), part.radiusM)
          .setActiveEvents(R.ActiveEvents.CONTACT_FORCE_EVENTS)
          .setContactForceEventThreshold(0)
          // Contacts with fixed bodies too (they exert no force on a kinematic body): they tell
          // a hand lying on the bench, which the arm can clamp, from one free to recoil.
          .setActiveCollisionTypes(R.ActiveCollisionTypes.DEFAULT | R.ActiveCollisionTypes.KINEMATIC_FIXED),
        body,
      );
      // The name stays person:region (what reports and the viewer show); the side and the part
      // index tell a left hand from a right one.
      const tag: Tag = { name: `${h.id}:${part.region}`, humanId: h.id, region: part.region, human: { index, part: k } };
      if (part.side) tag.side = part.side;
      this.tags.set(c.handle, tag);
      bodies.push(body);
    });
    this.humans.push({ spec: h, bodies, placed: bodies.map(() => new Float64Array(7).fill(Number.NaN)) });
  }

  /** A person's parts at a moment, computed once for it (they are never changed once made). */
  private partsAt(h: HumanParts, timeSec: number): HumanPartFrame[] {
    if (h.cache?.atSec !== timeSec) h.cache = { atSec: timeSec, parts: humanParts(h.spec, timeSec, 1 / this.scene!.physicsHz) };
    return h.cache.parts;
  }

  private placeHumans(timeSec: number, teleport: boolean): void {
    for (const h of this.humans) {
      const parts = this.partsAt(h, timeSec);
      parts.forEach((p, i) => {
        const body = h.bodies[i]!;
        const mid = { x: (p.startM.x + p.endM.x) / 2, y: (p.startM.y + p.endM.y) / 2, z: (p.startM.z + p.endM.z) / 2 };
        const q = yTo({ x: p.endM.x - p.startM.x, y: p.endM.y - p.startM.y, z: p.endM.z - p.startM.z });
        const moved = remember(h.placed[i]!, mid, q);
        if (teleport) {
          body.setTranslation(mid, true);
          body.setRotation(q, true);
        } else if (moved) {
          body.setNextKinematicTranslation(mid);
          body.setNextKinematicRotation(q);
        }
      });
    }
  }

  apply(command: WorldCommand): void {
    if (!isArmCommand(command)) throw new Error('RapierArmWorld: an arm takes joint-velocity commands, not a base velocity');
    const copy: ArmCommand = { kind: 'arm', jointVelocitiesRadps: [...command.jointVelocitiesRadps], gripper: command.gripper };
    const delaySteps = Math.round((this.scene?.latencySec ?? 0) * (this.scene?.physicsHz ?? 0));
    if (delaySteps <= 0) this.command = copy;
    else this.pending.push({ atStep: this.stepIndex + delaySteps, command: copy });
  }

  step(dtSec: number, _options?: StepOptions): Frame {
    const world = this.world;
    if (!world || !this.scene || !this.events) throw new Error('RapierArmWorld: reset() must be called first');
    if (Math.abs(dtSec - world.timestep) > 1e-6 * dtSec) throw new Error(`RapierArmWorld: fixed step is ${world.timestep} s, asked for ${dtSec} s`);
    while (this.pending.length > 0 && this.pending[0]!.atStep <= this.stepIndex) this.command = this.pending.shift()!.command;
    this.links.forEach((l, i) => l.joint.configureMotorVelocity(this.command.jointVelocitiesRadps[i] ?? 0, MOTOR_GAIN));
    const time = this.stepIndex / this.scene.physicsHz;
    const nextTime = (this.stepIndex + 1) / this.scene.physicsHz;
    // Contacts close at the speeds the bodies had going into the step: once the solver has
    // resolved a contact, a stiff one has already stopped the link (like the base's preVelocity).
    this.before.clear();
    for (const l of this.links) this.before.set(l.body.handle, motionOf(l.body));
    for (const f of this.fragile) this.before.set(f.body.handle, motionOf(f.body));
    // People move from their parts at `time` to those at `nextTime` during the step: the parts
    // at `time` carry that velocity.
    this.humansBefore = this.humans.map((h) => this.partsAt(h, time));
    this.placeHumans(nextTime, false);
    const events = this.events;
    if (this.engineStepWrap) this.engineStepWrap(() => stepRigidWorld(world, events));
    else stepRigidWorld(world, events);
    this.stepIndex += 1;
    const contacts: ContactFrame[] = [];
    this.events.drainContactForceEvents((ev) => {
      const c = this.contactFrom(ev.collider1(), ev.collider2(), ev.totalForceMagnitude());
      if (c) contacts.push(c);
    });
    contacts.sort((a, b) => (a.bodyA + a.bodyB < b.bodyA + b.bodyB ? -1 : a.bodyA + a.bodyB > b.bodyA + b.bodyB ? 1 : 0));
    return this.frame(nextTime, contacts);
  }

  private contactFrom(h1: number, h2: number, forceN: number): ContactFrame | undefined {
    const t1 = this.tags.get(h1);
    const t2 = this.tags.get(h2);
    if (!t1 || !t2) return undefined;
    const arm1 = t1.armLink !== undefined;
    const arm2 = t2.armLink !== undefined;
    // Loose objects on the table touching each other or the table are not the robot's doing.
    if (!arm1 && !arm2) return undefined;
    const [armTag, otherTag, armHandle, otherHandle] = arm1 ? [t1, t2, h1, h2] : [t2, t1, h2, h1];
    if (otherTag.armLink !== undefined && Math.abs(otherTag.armLink - armTag.armLink!) <= 1) return undefined;
    const world = this.world!;
    const a = world.getCollider(armHandle);
    const b = world.getCollider(otherHandle);
    let point: Vec3 = { ...a.translation() };
    let normal: Vec3 = { x: 0, y: 0, z: 0 };
    world.contactPair(a, b, (manifold, flipped) => {
      const nn = manifold.normal();
      normal = flipped ? { x: -nn.x, y: -nn.y, z: -nn.z } : { x: nn.x, y: nn.y, z: nn.z };
      if (manifold.numSolverContacts() > 0) {
        const p = manifold.solverContactPoint(0);
        if (p) point = { x: p.x, y: p.y, z: p.z };
      }
    });
    // Fixed bodies (the arm's mount, the table) are absent from `before` and stand still.
    const va = velocityAt(this.before.get(a.parent()!.handle), point);
    let vb: Vec3 = { x: 0, y: 0, z: 0 };
    if (otherTag.human) {
      const part = this.humansBefore[otherTag.human.index]?.[otherTag.human.part];
      if (part) vb = part.velocityMps;
    } else if (b.parent()) {
      vb = velocityAt(this.before.get(b.parent()!.handle), point);
    }
    const closing = (va.x - vb.x) * normal.x + (va.y - vb.y) * normal.y + (va.z - vb.z) * normal.z;
    const c: ContactFrame = { bodyA: armTag.name, bodyB: otherTag.name, forceN, pointM: point, normalSpeedMps: Math.max(0, closing) };
    if (otherTag.humanId) c.humanId = otherTag.humanId;
    if (otherTag.region) c.region = otherTag.region;
    if (otherTag.side) c.side = otherTag.side;
    if (otherTag.human) {
      const against = this.pinnedAgainst(b, normal);
      if (against !== undefined) c.pinnedAgainst = against;
    }
    return c;
  }

  /**
   * The fixed body (bench, prop, floor, the arm's mount) that a person's part rests on and the
   * arm's push (`push`, from arm to part) presses it into, if any: such a part is clamped and
   * cannot recoil from the impact.
   */
  private pinnedAgainst(part: RAPIER_NS.Collider, push: Vec3): string | undefined {
    const world = this.world!;
    let against: string | undefined;
    world.contactPairsWith(part, (other) => {
      if (against !== undefined || !other.parent()?.isFixed()) return;
      world.contactPair(part, other, (manifold, flipped) => {
        let touching = false;
        for (let i = 0; i < manifold.numContacts(); i++) if (manifold.contactDist(i) <= PIN_GAP_M) touching = true;
        if (!touching) return;
        // Normal from the part towards the fixed body.
        const n = manifold.normal();
        const s = flipped ? -1 : 1;
        if (s * (n.x * push.x + n.y * push.y + n.z * push.z) >= PIN_COS) against = this.tags.get(other.handle)?.name ?? 'floor';
      });
    });
    return against;
  }

  /** Joint positions from the links' rotations relative to the home pose, unwrapped to stay continuous. */
  private measureJoints(): { q: number[]; qdot: number[] } {
    const model = this.model!;
    const joints = actuatedJoints(model);
    const q: number[] = [];
    const qdot: number[] = [];
    this.links.forEach((l, i) => {
      const travel = jointTravelRad(l.parentHomeR, l.homeR, quatToMat(l.parent.rotation()), quatToMat(l.body.rotation()), joints[i]!.axis);
      let angle = this.homeQ[i]! + travel;
      const prev = this.q[i] ?? angle;
      angle += 2 * Math.PI * Math.round((prev - angle) / (2 * Math.PI));
      q.push(angle);
      const w = l.body.angvel();
      const wp = l.parent.angvel();
      const axisWorld = rot(quatToMat(l.body.rotation()), joints[i]!.axis);
      qdot.push((w.x - wp.x) * axisWorld.x + (w.y - wp.y) * axisWorld.y + (w.z - wp.z) * axisWorld.z);
    });
    this.q = q;
    return { q, qdot };
  }

  private frame(timeSec: number, contacts: ContactFrame[]): Frame {
    const scene = this.scene!;
    const { q, qdot } = this.measureJoints();
    const arm = armFrameFromJoints(this.model!, this.base, q, qdot, this.command.gripper, LINK_RADIUS_M);
    if (scene.held) arm.heldId = scene.held.id;
    const humans: HumanFrame[] = this.humans.map((h) => {
      const parts = this.partsAt(h, timeSec);
      const hand = parts.find((p) => p.region === 'hand');
      return {
        id: h.spec.id,
        positionM: { x: h.spec.positionM.xM, y: h.spec.positionM.yM, z: 0 },
        velocityMps: hand ? { ...hand.velocityMps } : { x: 0, y: 0, z: 0 },
        heightM: h.spec.heightM,
        radiusM: humanRadiusM(h.spec.heightM),
        parts,
      };
    });
    const objects: ObjectFrame[] = this.fragile.map((f) => ({
      id: f.id,
      kind: 'fragile',
      positionM: { ...f.body.translation() },
      rotation: { ...f.body.rotation() },
      velocityMps: { ...f.body.linvel() },
    }));
    const v = arm.toolVelocityMps;
    return {
      step: this.stepIndex,
      timeSec,
      robot: { positionM: { ...arm.toolPositionM }, yawRad: 0, linearMps: Math.hypot(v.x, v.y, v.z), angularRadps: 0, velocityMps: { ...v } },
      humans,
      contacts,
      arm,
      objects,
    };
  }

  snapshotHash(): string {
    if (!this.world) throw new Error('RapierArmWorld: reset() must be called first');
    return createHash('sha256').update(this.world.takeSnapshot()).digest('hex');
  }

  private free(): void {
    this.events?.free();
    this.world?.free();
    this.events = undefined;
    this.world = undefined;
  }

  close(): void {
    this.free();
  }
}

/** b expressed in a's frame. */
/** Stores a part's pose in `last` (x, y, z, then the quaternion); whether it differs from the one stored before. */
function remember(last: Float64Array, p: Vec3, q: { x: number; y: number; z: number; w: number }): boolean {
  const moved = last[0] !== p.x || last[1] !== p.y || last[2] !== p.z || last[3] !== q.x || last[4] !== q.y || last[5] !== q.z || last[6] !== q.w;
  if (moved) {
    last[0] = p.x;
    last[1] = p.y;
    last[2] = p.z;
    last[3] = q.x;
    last[4] = q.y;
    last[5] = q.z;
    last[6] = q.w;
  }
  return moved;
}

function relative(a: Transform, b: Transform): Transform {
  const Rt = [a.R[0], a.R[3], a.R[6], a.R[1], a.R[4], a.R[7], a.R[2], a.R[5], a.R[8]] as Transform['R'];
  const d = { x: b.p.x - a.p.x, y: b.p.y - a.p.y, z: b.p.z - a.p.z };
  return compose({ p: rot(Rt, d), R: Rt }, { p: { x: 0, y: 0, z: 0 }, R: b.R });
}

function motionOf(body: RBody): Motion {
  return { linvel: { ...body.linvel() }, angvel: { ...body.angvel() }, com: { ...body.worldCom() } };
}

/** Velocity at point p of a body moving as m (a body with no recorded motion is fixed). */
function velocityAt(m: Motion | undefined, p: Vec3): Vec3 {
  if (!m) return { x: 0, y: 0, z: 0 };
  const { linvel: v, angvel: w, com: c } = m;
  const r = { x: p.x - c.x, y: p.y - c.y, z: p.z - c.z };
  return { x: v.x + w.y * r.z - w.z * r.y, y: v.y + w.z * r.x - w.x * r.z, z: v.z + w.x * r.y - w.y * r.x };
}

/** Rotation taking +y to direction d (capsules run along local y). */
function yTo(d: Vec3): { x: number; y: number; z: number; w: number } {
  const n = Math.hypot(d.x, d.y, d.z) || 1;
  const u = { x: d.x / n, y: d.y / n, z: d.z / n };
  const w = 1 + u.y;
  if (w < 1e-9) return { x: 1, y: 0, z: 0, w: 0 };
  const q = { x: u.z, y: 0, z: -u.x, w };
  const m = Math.hypot(q.x, q.z, q.w);
  return { x: q.x / m, y: 0, z: q.z / m, w: q.w / m };
}

export async function createRapierArmWorld(spec: ArmScenarioSpec, level: number): Promise<RapierArmWorld> {
  return new RapierArmWorld(await loadRapier(), spec, level);
}
