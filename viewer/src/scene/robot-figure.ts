// The robot as its recorded footprint box with a heading marker, plus the protective-separation
// bubble on the floor around it (radius = the separation monitor's current limit).

import * as THREE from 'three';
import type { RecordScene } from '../../../sim/record/record-scene.js';
import { PALETTE } from './palette.js';
import { SeparationBubble } from './separation-bubble.js';

export class RobotFigure {
  readonly group = new THREE.Group();
  readonly bubble: THREE.Object3D;
  readonly #bubble = new SeparationBubble(new THREE.CircleGeometry(1, 48));
  readonly #body: THREE.MeshLambertMaterial;
  readonly #color: number;
  #violated = false;

  constructor(robot: RecordScene['robot'], options: { ghost?: boolean } = {}) {
    this.#color = options.ghost ? PALETTE.ghost : PALETTE.robot;
    this.#body = new THREE.MeshLambertMaterial({
      color: this.#color,
      transparent: Boolean(options.ghost),
      opacity: options.ghost ? 0.45 : 1,
    });
    const body = new THREE.Mesh(new THREE.BoxGeometry(robot.lengthM, robot.widthM, robot.heightM), this.#body);
    body.position.z = robot.heightM / 2;
    const nose = new THREE.Mesh(
      new THREE.ConeGeometry(Math.min(robot.widthM, robot.lengthM) * 0.25, robot.lengthM * 0.35, 12),
      new THREE.MeshLambertMaterial({ color: options.ghost ? PALETTE.ghost : PALETTE.robotHeading }),
    );
    // Cone points along +y; turn it to +x, on the robot's top.
    nose.rotation.z = -Math.PI / 2;
    nose.position.set(robot.lengthM * 0.3, 0, robot.heightM + 0.02);
    this.group.add(body, nose);
    this.bubble = this.#bubble.object;
    this.bubble.position.z = 0.005;
    this.group.name = options.ghost ? 'robot-ghost' : 'robot';
  }

  update(x: number, y: number, yawRad: number): void {
    this.group.position.set(x, y, 0);
    this.group.rotation.z = yawRad;
    this.bubble.position.x = x;
    this.bubble.position.y = y;
  }

  /** The protective-separation distance around the robot, red while it is breached. */
  setBubble(radiusM: number | undefined, violated: boolean): void {
    this.#bubble.set(radiusM, violated);
  }

  /** The body turns violation red (its colour replaced, so it reads red, not purple). */
  setViolated(violated: boolean): void {
    if (violated === this.#violated) return;
    this.#violated = violated;
    this.#body.color.setHex(violated ? PALETTE.violation : this.#color);
  }
}
