// One episode's 3D scene: the static scene plus everything that moves, driven by a step index.
// A stage may also carry a ghost: the other policy's robot on the same seed, drawn translucent.
// Showing a moment reads the step's columns and moves existing objects: no geometry is built and
// nothing is allocated per frame unless what is highlighted changes.

import * as THREE from 'three';
import type { BodyRegion } from '../../../sim/frame.js';
import { STATUS, firstScanBeams, type MonitorColumns } from '../decode/episode-columns.js';
import { stepIndexAt, type ReplayModel } from '../model/replay-model.js';
import { ArmFigure } from './arm-figure.js';
import { disposeObject } from './dispose-object.js';
import { HumanFigure } from './human-figure.js';
import { ObjectFigures } from './object-figures.js';
import { RegionFigure } from './region-figure.js';
import { ContactArrows, ScanRays, trajectoryLine } from './overlays.js';
import { PALETTE } from './palette.js';
import { RobotFigure } from './robot-figure.js';
import { buildStaticScene } from './static-scene.js';

export interface StageState {
  /** Regions drawn red on each person at the current step. */
  highlighted: Record<string, BodyRegion[]>;
  violated: string[];
}

/** What the stage needs of a robot figure: a mobile base's footprint or an arm's links. */
interface RobotBody {
  group: THREE.Object3D;
  bubble: THREE.Mesh;
  /** Shows step i of the figure's own episode. */
  show(i: number): void;
  setBubble(radiusM: number | undefined, violated: boolean): void;
  setViolated(violated: boolean): void;
}

function robotBody(model: ReplayModel, ghost: boolean): RobotBody {
  const c = model.columns;
  const cell = model.scene.arm;
  if (cell) return new ArmFigure(c, cell, { ghost });
  const base = new RobotFigure(model.scene.robot, { ghost });
  return {
    group: base.group,
    bubble: base.bubble,
    show: (i) => base.update(c.robotX[i]!, c.robotY[i]!, c.robotYaw[i]!),
    setBubble: (r, v) => base.setBubble(r, v),
    setViolated: (v) => base.setViolated(v),
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
    this.scene.add(buildStaticScene(model.scene));

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

    // Bodies named by violated monitors; a violation that names none is the robot's.
    const bodies = this.#violatedBodies;
    bodies.clear();
    let robotViolated = false;
    let violatedCount = 0;
    for (const m of c.monitors) {
      if (m.status[i] !== STATUS.violated) continue;
      violatedCount++;
      const list = m.bodies[i]!;
      if (list < 0) robotViolated = true;
      else for (const body of c.lists[list]!) bodies.add(body);
    }
    this.#robot.setViolated(robotViolated || bodies.has('robot'));

    for (const set of this.#contactRegions.values()) set.clear();
    for (let k = c.contactStart[i]!; k < c.contactStart[i + 1]!; k++) {
      const human = c.strings[c.contactHuman[k]!];
      const region = c.strings[c.contactRegion[k]!] as BodyRegion | undefined;
      if (human && region) this.#highlightRegion(human, region);
    }
    // In an arm's cell a violated monitor names the body region it measured ("person:hand"):
    // that region lights up too, so a separation or over-person incident shows whom it concerns.
    if (this.model.scene.arm) {
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
    if (changed || violatedCount !== 0 || this.state.violated.length !== 0) {
      const highlighted: Record<string, BodyRegion[]> = {};
      for (const [id, figure] of this.#humans) if (figure.highlightedRegions.length) highlighted[id] = figure.highlightedRegions;
      const violated: string[] = [];
      for (const m of c.monitors) if (m.status[i] === STATUS.violated) violated.push(m.id);
      this.state = { highlighted, violated };
    }
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
