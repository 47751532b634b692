// Per-frame overlays with buffers allocated once: scan rays, contact force arrows, trajectories.
// Playback rewrites positions in place; nothing is allocated per frame.

import * as THREE from 'three';
import type { EpisodeColumns } from '../decode/episode-columns.js';
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

  /** Scan `s` of the columns (-1: none yet) drawn from the robot's pose at x, y, yaw. */
  update(c: EpisodeColumns, s: number, x: number, y: number, yawRad: number): void {
    if (s < 0) {
      this.lines.geometry.setDrawRange(0, 0);
      return;
    }
    const first = c.scanStart[s]!;
    const beams = Math.min(c.scanStart[s + 1]! - first, this.#positions.length / 6);
    const angleMin = c.scanMeta[3 * s]!;
    const increment = c.scanMeta[3 * s + 1]!;
    const rangeMax = c.scanMeta[3 * s + 2]!;
    for (let i = 0; i < beams; i++) {
      const raw = c.scanRanges[first + i]!;
      // Dropouts and no-returns are drawn to the sensor's range in the same colour: a ray is a ray.
      const range = Number.isFinite(raw) ? Math.min(raw, rangeMax) : rangeMax;
      const angle = yawRad + angleMin + i * increment;
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

  /** The contacts of step i, pushed from the robot at x, y (heading yaw) into what it touched. */
  update(c: EpisodeColumns, i: number, x: number, y: number, yawRad: number): void {
    const first = c.contactStart[i]!;
    const count = c.contactStart[i + 1]! - first;
    while (this.#arrows.length < count) {
      const arrow = new THREE.ArrowHelper(new THREE.Vector3(1, 0, 0), new THREE.Vector3(), 1, PALETTE.force, 0.12, 0.08);
      const point = new THREE.Mesh(this.#pointGeometry, this.#pointMaterial);
      this.#arrows.push(arrow);
      this.#points.push(point);
      this.group.add(arrow, point);
    }
    for (let k = 0; k < this.#arrows.length; k++) {
      const arrow = this.#arrows[k]!;
      arrow.visible = this.#points[k]!.visible = k < count;
      if (k >= count) continue;
      const j = first + k;
      const px = c.contactPoint[3 * j]!;
      const py = c.contactPoint[3 * j + 1]!;
      const pz = c.contactPoint[3 * j + 2]!;
      // The force pushes from the robot into the other body.
      this.#dir.set(px - x, py - y, 0);
      if (this.#dir.lengthSq() < 1e-9) this.#dir.set(Math.cos(yawRad), Math.sin(yawRad), 0);
      this.#dir.normalize();
      const lengthM = Math.max(0.15, c.contactForce[j]! / 400);
      this.#origin.set(px - this.#dir.x * lengthM, py - this.#dir.y * lengthM, pz);
      arrow.position.copy(this.#origin);
      arrow.setDirection(this.#dir);
      arrow.setLength(lengthM, Math.min(0.15, lengthM * 0.3), 0.08);
      this.#points[k]!.position.set(px, py, pz);
    }
  }

  dispose(): void {
    this.#arrows.forEach((a) => a.dispose());
    this.#pointGeometry.dispose();
    this.#pointMaterial.dispose();
    this.group.removeFromParent();
  }
}

/** The whole path of a robot over the episode, drawn once (at most ~2000 vertices); on the floor unless heights are given. */
export function trajectoryLine(xs: Float64Array, ys: Float64Array, color: number, dashed = false, zs?: Float64Array): THREE.Line {
  const every = Math.max(1, Math.floor(xs.length / 2000));
  const count = Math.ceil(xs.length / every);
  const positions = new Float32Array(count * 3);
  for (let i = 0, k = 0; i < xs.length; i += every, k += 3) {
    positions[k] = xs[i]!;
    positions[k + 1] = ys[i]!;
    positions[k + 2] = zs ? zs[i]! : 0.02;
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  const material = dashed ? new THREE.LineDashedMaterial({ color, dashSize: 0.15, gapSize: 0.1 }) : new THREE.LineBasicMaterial({ color });
  const line = new THREE.Line(geometry, material);
  if (dashed) line.computeLineDistances();
  return line;
}
