// One episode's 3D scene: the static scene plus everything that moves, driven by a step index.
// A stage may also carry a ghost: the other policy's robot on the same seed, drawn translucent.
// Showing a moment reads the step's columns and moves existing objects: no geometry is built and
// nothing is allocated per frame unless what is highlighted changes.

import * as THREE from 'three';
import type { BodyRegion } from '../../../sim/frame.js';
import { STATUS, firstScanBeams, type MonitorColumns } from '../decode/episode-columns.js';
import { stepIndexAt, type ReplayModel } from '../model/replay-model.js';
import { disposeObject } from './dispose-object.js';
import { HumanFigure } from './human-figure.js';
import { ContactArrows, ScanRays, trajectoryLine } from './overlays.js';
import { PALETTE } from './palette.js';
import { RobotFigure } from './robot-figure.js';
import { buildStaticScene } from './static-scene.js';

export interface StageState {
  /** Regions drawn red on each person at the current step. */
  highlighted: Record<string, BodyRegion[]>;
  violated: string[];
}

export class EpisodeStage {
  readonly scene = new THREE.Scene();
  readonly #robot: RobotFigure;
  readonly #humans = new Map<string, HumanFigure>();
  /** Per person, the regions in contact at the step being shown (reused every frame). */
  readonly #contactRegions = new Map<string, Set<BodyRegion>>();
  readonly #violatedBodies = new Set<string>();
  readonly #scan: ScanRays;
  readonly #contacts = new ContactArrows();
  readonly #separation: MonitorColumns | undefined;
  #ghost: { model: ReplayModel; robot: RobotFigure; trail: THREE.Line } | undefined;
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

    this.#robot = new RobotFigure(model.scene.robot);
    this.scene.add(this.#robot.group, this.#robot.bubble);
    const beams = firstScanBeams(c) ?? model.scene.scan?.beams ?? 0;
    this.#scan = new ScanRays(beams, model.scene.scan?.heightM ?? 0.2);
    this.scene.add(this.#scan.lines, this.#contacts.group);
    this.scene.add(trajectoryLine(c.robotX, c.robotY, PALETTE.trail));
    this.#separation = c.monitors.find((m) => m.id === 'separation');
    for (let h = c.humanStart[0]!; c.count > 0 && h < c.humanStart[1]!; h++) {
      this.#addHuman(c.strings[c.humanId[h]!] ?? '', c.humanHeight[h]!);
    }
  }

  #addHuman(id: string, heightM: number): HumanFigure {
    const figure = new HumanFigure(id, heightM);
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
    const robot = new RobotFigure(model.scene.robot, { ghost: true });
    const trail = trajectoryLine(model.columns.robotX, model.columns.robotY, PALETTE.ghost, true);
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
      if (j < g.count) this.#ghost.robot.update(g.robotX[j]!, g.robotY[j]!, g.robotYaw[j]!);
    }
    // Playing at 60 fps through 240 Hz steps always lands on a new step; paused, nothing to do.
    if (i >= c.count || i === this.#shownIndex) return;
    this.#shownIndex = i;
    const x = c.robotX[i]!;
    const y = c.robotY[i]!;
    const yaw = c.robotYaw[i]!;
    this.#robot.update(x, y, yaw);

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
      if (!human || !region) continue;
      let set = this.#contactRegions.get(human);
      if (!set) this.#contactRegions.set(human, (set = new Set()));
      set.add(region);
    }
    let changed = false;
    for (const figure of this.#humans.values()) figure.group.visible = false;
    for (let h = c.humanStart[i]!; h < c.humanStart[i + 1]!; h++) {
      const id = c.strings[c.humanId[h]!] ?? '';
      const figure = this.#humans.get(id) ?? this.#addHuman(id, c.humanHeight[h]!);
      figure.group.visible = true;
      figure.update(c.humanX[h]!, c.humanY[h]!, c.humanVX[h]!, c.humanVY[h]!);
      changed = figure.highlight(this.#contactRegions.get(id)!, bodies.has(id)) || changed;
    }

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

  dispose(): void {
    this.setGhost(undefined);
    this.#contacts.dispose();
    disposeObject(this.scene);
  }
}
