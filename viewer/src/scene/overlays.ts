// Per-frame overlays with buffers allocated once: scan rays, contact force arrows, trajectories.
// Playback rewrites positions in place; nothing is allocated per frame.

import * as THREE from 'three';
import type { ContactFrame, RangeScan, RobotFrame } from '../../../sim/frame.js';
import { PALETTE } from './palette.js';

export class ScanRays {
  readonly lines: THREE.LineSegments;
  readonly #positions: Float32Array;

  constructor(maxBeams: number, heightM: number) {
    this.#positions = new Float32Array(Math.max(1, maxBeams) * 6);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(this.#positions, 3));
    this.lines = new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color: PALETTE.scan, transparent: true, opacity: 0.5 }));
    this.lines.frustumCulled = false;
    this.lines.position.z = heightM;
    this.lines.name = 'scan-rays';
  }

  update(scan: RangeScan | undefined, robot: RobotFrame): void {
    if (!scan) {
      this.lines.geometry.setDrawRange(0, 0);
      return;
    }
    const beams = Math.min(scan.rangesM.length, this.#positions.length / 6);
    const { x, y } = robot.positionM;
    for (let i = 0; i < beams; i++) {
      const raw = scan.rangesM[i]!;
      // Dropouts and no-returns are drawn to the sensor's range in the same colour: a ray is a ray.
      const range = Number.isFinite(raw) ? Math.min(raw, scan.rangeMaxM) : scan.rangeMaxM;
      const angle = robot.yawRad + scan.angleMinRad + i * scan.angleIncrementRad;
      const o = i * 6;
      this.#positions[o] = x;
      this.#positions[o + 1] = y;
      this.#positions[o + 2] = 0;
      this.#positions[o + 3] = x + Math.cos(angle) * range;
      this.#positions[o + 4] = y + Math.sin(angle) * range;
      this.#positions[o + 5] = 0;
    }
    this.lines.geometry.setDrawRange(0, beams * 2);
    this.lines.geometry.attributes.position!.needsUpdate = true;
  }
}

/** Arrows at contact points, length proportional to force (1 m per 400 N, at least 15 cm). */
export class ContactArrows {
  readonly group = new THREE.Group();
  readonly #arrows: THREE.ArrowHelper[] = [];
  readonly #points: THREE.Mesh[] = [];
  readonly #dir = new THREE.Vector3();
  readonly #origin = new THREE.Vector3();
  readonly #pointGeometry = new THREE.SphereGeometry(0.04, 10, 8);
  readonly #pointMaterial = new THREE.MeshBasicMaterial({ color: PALETTE.force });

  constructor() {
    this.group.name = 'contacts';
  }

  update(contacts: ContactFrame[], robot: RobotFrame): void {
    while (this.#arrows.length < contacts.length) {
      const arrow = new THREE.ArrowHelper(new THREE.Vector3(1, 0, 0), new THREE.Vector3(), 1, PALETTE.force, 0.12, 0.08);
      const point = new THREE.Mesh(this.#pointGeometry, this.#pointMaterial);
      this.#arrows.push(arrow);
      this.#points.push(point);
      this.group.add(arrow, point);
    }
    this.#arrows.forEach((arrow, i) => {
      const contact = contacts[i];
      arrow.visible = this.#points[i]!.visible = contact !== undefined;
      if (!contact) return;
      const p = contact.pointM;
      // The force pushes from the robot into the other body.
      this.#dir.set(p.x - robot.positionM.x, p.y - robot.positionM.y, 0);
      if (this.#dir.lengthSq() < 1e-9) this.#dir.set(Math.cos(robot.yawRad), Math.sin(robot.yawRad), 0);
      this.#dir.normalize();
      const lengthM = Math.max(0.15, contact.forceN / 400);
      this.#origin.set(p.x - this.#dir.x * lengthM, p.y - this.#dir.y * lengthM, p.z);
      arrow.position.copy(this.#origin);
      arrow.setDirection(this.#dir);
      arrow.setLength(lengthM, Math.min(0.15, lengthM * 0.3), 0.08);
      this.#points[i]!.position.set(p.x, p.y, p.z);
    });
  }

  dispose(): void {
    this.#arrows.forEach((a) => a.dispose());
    this.#pointGeometry.dispose();
    this.#pointMaterial.dispose();
    this.group.removeFromParent();
  }
}

/** The whole path of a robot over the episode, drawn once. */
export function trajectoryLine(points: Array<{ x: number; y: number }>, color: number, dashed = false): THREE.Line {
  const every = Math.max(1, Math.floor(points.length / 2000));
  const vertices: THREE.Vector3[] = [];
  for (let i = 0; i < points.length; i += every) vertices.push(new THREE.Vector3(points[i]!.x, points[i]!.y, 0.02));
  const geometry = new THREE.BufferGeometry().setFromPoints(vertices);
  const material = dashed
    ? new THREE.LineDashedMaterial({ color, dashSize: 0.15, gapSize: 0.1 })
    : new THREE.LineBasicMaterial({ color });
  const line = new THREE.Line(geometry, material);
  if (dashed) line.computeLineDistances();
  return line;
}
