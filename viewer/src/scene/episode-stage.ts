// One episode's 3D scene: the static scene plus everything that moves, driven by a step index.
// A stage may also carry a ghost: the other policy's robot on the same seed, drawn translucent.

import * as THREE from 'three';
import type { BodyRegion } from '../../../sim/frame.js';
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
  readonly #scan: ScanRays;
  readonly #contacts = new ContactArrows();
  #ghost: { model: ReplayModel; robot: RobotFigure; trail: THREE.Line } | undefined;
  state: StageState = { highlighted: {}, violated: [] };

  constructor(readonly model: ReplayModel) {
    this.scene.background = new THREE.Color(PALETTE.background);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8f99, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.4);
    sun.position.set(-4, -6, 10);
    this.scene.add(sun);
    this.scene.add(buildStaticScene(model.scene));

    this.#robot = new RobotFigure(model.scene.robot);
    this.scene.add(this.#robot.group, this.#robot.bubble);
    const beams = model.record.steps.find((s) => s.frame.scan)?.frame.scan?.rangesM.length ?? model.scene.scan?.beams ?? 0;
    this.#scan = new ScanRays(beams, model.scene.scan?.heightM ?? 0.2);
    this.scene.add(this.#scan.lines, this.#contacts.group);
    this.scene.add(trajectoryLine(model.record.steps.map((s) => s.frame.robot.positionM), PALETTE.trail));
    const first = model.record.steps[0]?.frame.humans ?? [];
    for (const human of first) this.#addHuman(human.id, human.heightM);
  }

  #addHuman(id: string, heightM: number): HumanFigure {
    const figure = new HumanFigure(id, heightM);
    this.#humans.set(id, figure);
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
    const trail = trajectoryLine(model.record.steps.map((s) => s.frame.robot.positionM), PALETTE.ghost, true);
    this.scene.add(robot.group, trail);
    this.#ghost = { model, robot, trail };
  }

  showTime(timeSec: number): void {
    const model = this.model;
    const index = stepIndexAt(model.times, timeSec);
    const step = model.record.steps[index];
    if (!step) return;
    const { frame, samples } = step;
    this.#robot.update(frame.robot);
    const separation = samples.find((s) => s.monitor === 'separation');
    this.#robot.setBubble(separation?.status === 'idle' ? undefined : separation?.limit, separation?.status === 'violated');
    const violatedSamples = samples.filter((s) => s.status === 'violated');
    const violatedBodies = new Set(violatedSamples.flatMap((s) => s.bodies ?? []));
    this.#robot.setViolated(violatedBodies.has('robot') || violatedSamples.some((s) => !s.bodies));

    const regionsByHuman = new Map<string, Set<BodyRegion>>();
    for (const contact of frame.contacts) {
      if (!contact.humanId || !contact.region) continue;
      const set = regionsByHuman.get(contact.humanId) ?? new Set<BodyRegion>();
      set.add(contact.region);
      regionsByHuman.set(contact.humanId, set);
    }
    const seen = new Set<string>();
    for (const human of frame.humans) {
      const figure = this.#humans.get(human.id) ?? this.#addHuman(human.id, human.heightM);
      figure.group.visible = true;
      figure.update(human);
      figure.highlight(regionsByHuman.get(human.id) ?? new Set(), violatedBodies.has(human.id));
      seen.add(human.id);
    }
    for (const [id, figure] of this.#humans) if (!seen.has(id)) figure.group.visible = false;

    const scanAt = model.scanIndex[index]!;
    this.#scan.update(scanAt >= 0 ? model.record.steps[scanAt]!.frame.scan : undefined, frame.robot);
    this.#contacts.update(frame.contacts, frame.robot);

    if (this.#ghost) {
      const ghost = this.#ghost.model;
      this.#ghost.robot.update(ghost.record.steps[stepIndexAt(ghost.times, timeSec)]!.frame.robot);
    }
    const highlighted: Record<string, BodyRegion[]> = {};
    for (const [id, figure] of this.#humans) if (figure.highlightedRegions.length) highlighted[id] = figure.highlightedRegions;
    this.state = { highlighted, violated: violatedSamples.map((s) => s.monitor) };
  }

  dispose(): void {
    this.setGhost(undefined);
    this.#contacts.dispose();
    disposeObject(this.scene);
  }
}
