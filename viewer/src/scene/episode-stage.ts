// One episode's 3D scene: the static scene plus everything that moves, driven by a step index.
// A stage may also carry a ghost: the other policy's robot on the same seed, drawn translucent.
// Showing a moment reads the step's columns and moves existing objects: no geometry is built and
// nothing is allocated per frame unless what is highlighted changes.
//
// One language for every monitor: whatever a violated monitor names turns red — the robot, an
// arm's link, its tool or what it holds, a person or one of their body regions, a zone, an edge,
// a wall, a glass. A monitor naming nothing drawn (a joint, no body at all) reds the robot, so no
// violation goes without a cue in the scene.

import * as THREE from 'three';
import type { BodyRegion } from '../../../sim/frame.js';
import { STATUS, firstScanBeams, type MonitorColumns } from '../decode/episode-columns.js';
import { stepIndexAt, type ReplayModel } from '../model/replay-model.js';
import { ArmFigure, isArmBody } from './arm-figure.js';
import { disposeObject } from './dispose-object.js';
import { HazardPaint } from './hazard-paint.js';
import { HumanFigure } from './human-figure.js';
import { ObjectFigures } from './object-figures.js';
import { RegionFigure } from './region-figure.js';
import { ContactArrows, ScanRays, trajectoryLine } from './overlays.js';
import { PALETTE } from './palette.js';
import { RobotFigure } from './robot-figure.js';
import { sameSet } from './same-set.js';
import { buildStaticScene } from './static-scene.js';
import { ToolSpeedTrail } from './tool-speed-trail.js';

export interface StageState {
  /** Regions drawn red on each person at the current step. */
  highlighted: Record<string, BodyRegion[]>;
  violated: string[];
}

/** What the stage needs of a robot figure: a mobile base's footprint or an arm's links. */
interface RobotBody {
  group: THREE.Object3D;
  bubble: THREE.Object3D;
  /** Shows step i of the figure's own episode. */
  show(i: number): void;
  setBubble(radiusM: number | undefined, violated: boolean): void;
  /** Paints red what of the robot `bodies` names ("robot": all of it). */
  paint(bodies: ReadonlySet<string>): void;
}

/** What a violation naming no drawn body reds: the robot. */
const ROBOT = 'robot';

function robotBody(model: ReplayModel, ghost: boolean): RobotBody {
  const c = model.columns;
  const cell = model.scene.arm;
  if (cell) {
    const arm = new ArmFigure(c, cell, { ghost });
    return {
      group: arm.group,
      bubble: arm.bubble,
      show: (i) => arm.show(i),
      setBubble: (r, v) => arm.setBubble(r, v),
      paint: (bodies) => arm.paint(bodies.has(ROBOT) ? new Set([...bodies, 'arm']) : bodies),
    };
  }
  const base = new RobotFigure(model.scene.robot, { ghost });
  return {
    group: base.group,
    bubble: base.bubble,
    show: (i) => base.update(c.robotX[i]!, c.robotY[i]!, c.robotYaw[i]!),
    setBubble: (r, v) => base.setBubble(r, v),
    paint: (bodies) => base.setViolated(bodies.has(ROBOT)),
  };
}

type PersonFigure = HumanFigure | RegionFigure;

export class EpisodeStage {
  readonly scene = new THREE.Scene();
  readonly #robot: RobotBody;
  readonly #humans = new Map<string, PersonFigure>();
  readonly #objects: ObjectFigures | undefined;
  /** Per person, the regions in contact at the step being shown (reused every frame). */
  readonly #contactRegions = new Map<string, Set<BodyRegion>>();
  readonly #violatedBodies = new Set<string>();
  /** The bodies painted red now: painting happens only when they change. */
  #paintedBodies = new Set<string>();
  readonly #hazards: HazardPaint;
  readonly #toolTrail: ToolSpeedTrail | undefined;
  readonly #scan: ScanRays;
  readonly #contacts = new ContactArrows();
  readonly #separation: MonitorColumns | undefined;
  #ghost: { model: ReplayModel; robot: RobotBody; trail: THREE.Line } | undefined;
  #shownIndex = -1;
  state: StageState = { highlighted: {}, violated: [] };

  constructor(readonly model: ReplayModel) {
    const c = model.columns;
    this.scene.background = new THREE.Color(PALETTE.background);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8f99, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.4);
    sun.position.set(-4, -6, 10);
    this.scene.add(sun);
    const staticScene = buildStaticScene(model.scene);
    this.scene.add(staticScene);
    this.#hazards = new HazardPaint(staticScene);

    this.#robot = robotBody(model, false);
    this.scene.add(this.#robot.group, this.#robot.bubble);
    const beams = firstScanBeams(c) ?? model.scene.scan?.beams ?? 0;
    this.#scan = new ScanRays(beams, model.scene.scan?.heightM ?? 0.2);
    // An arm has no range scan: no rays to draw.
    if (beams > 0) this.scene.add(this.#scan.lines);
    this.scene.add(this.#contacts.group);
    // An arm's trail is its tool's path in 3-D; a base's is drawn on the floor.
    this.scene.add(trajectoryLine(c.robotX, c.robotY, PALETTE.trail, false, model.scene.arm ? c.robotZ : undefined));
    if (model.scene.arm) {
      this.#objects = new ObjectFigures(c, model.scene.arm);
      this.scene.add(this.#objects.group);
    }
    this.#separation = c.monitors.find((m) => m.id === 'separation');
    const toolSpeed = c.monitors.find((m) => m.id === 'tool-speed');
    if (model.scene.arm && toolSpeed) {
      this.#toolTrail = new ToolSpeedTrail(c, toolSpeed);
      this.scene.add(this.#toolTrail.line);
    }
    for (let h = c.humanStart[0]!; c.count > 0 && h < c.humanStart[1]!; h++) {
      this.#addHuman(c.strings[c.humanId[h]!] ?? '', c.humanHeight[h]!);
    }
  }

  #addHuman(id: string, heightM: number): PersonFigure {
    // In an arm's cell people move their arms: they are drawn from their recorded regions.
    const figure = this.model.scene.arm ? new RegionFigure(id, this.model.columns) : new HumanFigure(id, heightM);
    this.#humans.set(id, figure);
    this.#contactRegions.set(id, new Set());
    this.scene.add(figure.group);
    return figure;
  }

  /** Shows the other policy's robot and path on this stage (or removes it with undefined). */
  setGhost(model: ReplayModel | undefined): void {
    if (this.#ghost) {
      disposeObject(this.#ghost.robot.group);
      disposeObject(this.#ghost.trail);
      this.#ghost = undefined;
    }
    if (!model) return;
    const robot = robotBody(model, true);
    const trail = trajectoryLine(model.columns.robotX, model.columns.robotY, PALETTE.ghost, true, model.scene.arm ? model.columns.robotZ : undefined);
    this.scene.add(robot.group, trail);
    this.#ghost = { model, robot, trail };
    this.#shownIndex = -1;
  }

  showTime(timeSec: number): void {
    const c = this.model.columns;
    const i = stepIndexAt(c.times, timeSec);
    if (this.#ghost) {
      const g = this.#ghost.model.columns;
      const j = stepIndexAt(g.times, timeSec);
      if (j < g.count) this.#ghost.robot.show(j);
    }
    // Playing at 60 fps through 240 Hz steps always lands on a new step; paused, nothing to do.
    if (i >= c.count || i === this.#shownIndex) return;
    this.#shownIndex = i;
    const x = c.robotX[i]!;
    const y = c.robotY[i]!;
    const yaw = c.robotYaw[i]!;
    this.#robot.show(i);

    const separation = this.#separation;
    const sepStatus = separation ? separation.status[i]! : STATUS.absent;
    const bubble = sepStatus === STATUS.absent || sepStatus === STATUS.idle ? undefined : separation!.limit[i]!;
    this.#robot.setBubble(bubble, sepStatus === STATUS.violated);

    // Bodies named by violated monitors; a violation that names nothing drawn is the robot's.
    const bodies = this.#violatedBodies;
    bodies.clear();
    let violatedCount = 0;
    for (const m of c.monitors) {
      if (m.status[i] !== STATUS.violated) continue;
      violatedCount++;
      const list = m.bodies[i]!;
      let drawn = false;
      if (list >= 0) {
        for (const body of c.lists[list]!) {
          bodies.add(body);
          drawn ||= this.#draws(body);
        }
      }
      if (!drawn) bodies.add(ROBOT);
    }
    if (!sameSet(bodies, this.#paintedBodies)) {
      this.#paintedBodies = new Set(bodies);
      this.#robot.paint(bodies);
      this.#hazards.paint(bodies);
    }
    this.#toolTrail?.show(i);

    for (const set of this.#contactRegions.values()) set.clear();
    for (let k = c.contactStart[i]!; k < c.contactStart[i + 1]!; k++) {
      const human = c.strings[c.contactHuman[k]!];
      const region = c.strings[c.contactRegion[k]!] as BodyRegion | undefined;
      if (human && region) this.#highlightRegion(human, region);
    }
    // A violated monitor may name the body region it measured ("person:hand"): that region
    // lights up too, so a separation or contact incident shows whom and where it concerns.
    if (violatedCount > 0) {
      for (const body of bodies) {
        const at = body.indexOf(':');
        if (at > 0 && this.#humans.has(body.slice(0, at))) this.#highlightRegion(body.slice(0, at), body.slice(at + 1) as BodyRegion);
      }
    }
    let changed = false;
    for (const figure of this.#humans.values()) figure.group.visible = false;
    for (let h = c.humanStart[i]!; h < c.humanStart[i + 1]!; h++) {
      const id = c.strings[c.humanId[h]!] ?? '';
      const figure = this.#humans.get(id) ?? this.#addHuman(id, c.humanHeight[h]!);
      figure.group.visible = true;
      if (figure instanceof RegionFigure) figure.update(i, c.humanId[h]!);
      else figure.update(c.humanX[h]!, c.humanY[h]!, c.humanVX[h]!, c.humanVY[h]!);
      changed = figure.highlight(this.#contactRegions.get(id)!, bodies.has(id)) || changed;
    }

    this.#objects?.update(i, bodies);
    this.#scan.update(c, c.scanOf[i]!, x, y, yaw);
    this.#contacts.update(c, i, x, y, yaw);

    // The state object is rebuilt only when it changes, so reading it costs nothing per frame.
    if (changed || !this.#sameViolated(i, violatedCount)) {
      const highlighted: Record<string, BodyRegion[]> = {};
      for (const [id, figure] of this.#humans) if (figure.highlightedRegions.length) highlighted[id] = figure.highlightedRegions;
      const violated: string[] = [];
      for (const m of c.monitors) if (m.status[i] === STATUS.violated) violated.push(m.id);
      this.state = { highlighted, violated };
    }
  }

  /** Whether the monitors violated at step i are those the state lists (compared in place: playing allocates nothing). */
  #sameViolated(i: number, count: number): boolean {
    const shown = this.state.violated;
    if (shown.length !== count) return false;
    let k = 0;
    for (const m of this.model.columns.monitors) if (m.status[i] === STATUS.violated && shown[k++] !== m.id) return false;
    return true;
  }

  /** Whether a body name a monitor gives is drawn in this scene (and so can turn red itself). */
  #draws(body: string): boolean {
    if (body === ROBOT || this.#hazards.has(body) || this.#humans.has(body)) return true;
    if (this.model.scene.arm && isArmBody(body)) return true;
    if (this.#objects?.has(body)) return true;
    const at = body.indexOf(':');
    return at > 0 && this.#humans.has(body.slice(0, at));
  }

  /**
   * What a view of this episode must show: the robot's whole path, the people a violation or a
   * contact involved (all people when none was), and the goal.
   */
  contentBounds(): THREE.Box3 {
    const c = this.model.columns;
    const box = new THREE.Box3();
    const point = new THREE.Vector3();
    for (let i = 0; i < c.count; i++) box.expandByPoint(point.set(c.robotX[i]!, c.robotY[i]!, c.robotZ[i]! || 0));
    const involved = new Set<string>();
    for (const m of c.monitors) {
      for (let i = 0; i < c.count; i++) {
        if (m.status[i] !== STATUS.violated || m.bodies[i]! < 0) continue;
        for (const body of c.lists[m.bodies[i]!]!) involved.add(body.split(':')[0]!);
      }
    }
    for (let k = 0; k < c.contactHuman.length; k++) involved.add(c.strings[c.contactHuman[k]!] ?? '');
    const anyInvolved = [...involved].some((id) => this.#humans.has(id));
    for (let h = 0; h < c.humanId.length; h++) {
      if (anyInvolved && !involved.has(c.strings[c.humanId[h]!] ?? '')) continue;
      box.expandByPoint(point.set(c.humanX[h]!, c.humanY[h]!, 0));
      box.expandByPoint(point.set(c.humanX[h]!, c.humanY[h]!, c.humanHeight[h]! || 1.7));
    }
    const goal = this.model.scene.goal;
    if (goal) box.expandByPoint(point.set(goal.xM, goal.yM, 0));
    const cell = this.model.scene.arm;
    if (cell?.goal) box.expandByPoint(point.set(cell.goal.xM, cell.goal.yM, cell.goal.zM));
    if (cell) box.expandByPoint(point.set(cell.mountM.xM, cell.mountM.yM, cell.mountM.zM));
    if (box.isEmpty()) box.setFromCenterAndSize(new THREE.Vector3(), new THREE.Vector3(2, 2, 1));
    return box;
  }

  /** Shows or hides the range-scan rays (a base's sensor; an arm has none). */
  setScanVisible(visible: boolean): void {
    this.#scan.lines.visible = visible;
  }

  /**
   * What is drawn in violation red at the step shown, by name (the robot, "arm:<link>",
   * "held:<id>", a person, a zone's or wall's id, "tool-speed-trail" when its path is over the
   * limit, "separation" when the disc is breached): the scene state tests read.
   */
  redNames(): string[] {
    const names = new Set<string>();
    const red = new THREE.Color(PALETTE.violation);
    this.scene.traverseVisible((object) => {
      // A capsule's stand-in records its colour; anything else is as red as its material.
      const hex = object.userData.colorHex as number | undefined;
      const material = (object as THREE.Mesh).material as THREE.MeshBasicMaterial | undefined;
      if (hex !== undefined ? hex !== PALETTE.violation : !material || Array.isArray(material) || !material.color?.equals(red)) return;
      let named: THREE.Object3D | null = object;
      while (named && !named.userData.bodyId && !named.name) named = named.parent;
      if (!named || named.name === 'contacts' || named.parent?.name === 'contacts') return;
      let name = (named.userData.bodyId as string | undefined) ?? named.name;
      // A person's region is named with the person: "human:walker/region:chest".
      if (name.startsWith('region:')) {
        let person: THREE.Object3D | null = named.parent;
        while (person && !person.name.startsWith('human:')) person = person.parent;
        if (person) name = `${person.name}/${name}`;
      }
      names.add(name);
    });
    if (this.#toolTrail?.overLimit) names.add('tool-speed-trail');
    return [...names].sort();
  }

  /** Marks a person's region to be drawn red at the step being shown. */
  #highlightRegion(human: string, region: BodyRegion): void {
    let set = this.#contactRegions.get(human);
    if (!set) this.#contactRegions.set(human, (set = new Set()));
    set.add(region);
  }

  dispose(): void {
    this.setGhost(undefined);
    this.#contacts.dispose();
    disposeObject(this.scene);
  }
}
