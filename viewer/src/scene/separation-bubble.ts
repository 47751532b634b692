// The protective separation distance drawn around a robot (radius = the separation monitor's
// limit at the step): a disc on the floor around a base, a sphere around an arm's tool. Red
// while it is breached. Its rim is drawn over everything (no depth test), so the distance reads
// at every size: larger than the scan fan, or smaller than the robot standing on it.

import * as THREE from 'three';
import { PALETTE } from './palette.js';

/** A unit circle in the floor plane, or three great circles for a sphere. */
function rimGeometry(sphere: boolean): THREE.BufferGeometry {
  const points: THREE.Vector3[] = [];
  const n = 64;
  const circles = sphere ? 3 : 1;
  for (let c = 0; c < circles; c++) {
    for (let k = 0; k < n; k++) {
      for (const j of [k, k + 1]) {
        const a = (j / n) * 2 * Math.PI;
        const [u, v] = [Math.cos(a), Math.sin(a)];
        points.push(c === 0 ? new THREE.Vector3(u, v, 0) : c === 1 ? new THREE.Vector3(u, 0, v) : new THREE.Vector3(0, u, v));
      }
    }
  }
  return new THREE.BufferGeometry().setFromPoints(points);
}

export class SeparationBubble {
  readonly object = new THREE.Group();
  readonly mesh: THREE.Mesh;
  /**
   * Both sides in one pass: three draws a see-through double-sided mesh back faces first, in a
   * second draw, but both sides are one flat colour and blending a colour over itself twice
   * gives the same result in either order.
   */
  readonly #material = new THREE.MeshBasicMaterial({
    color: PALETTE.bubble,
    transparent: true,
    opacity: 0.16,
    depthWrite: false,
    side: THREE.DoubleSide,
    forceSinglePass: true,
  });
  readonly #rimMaterial = new THREE.LineBasicMaterial({ color: PALETTE.bubble, depthTest: false, transparent: true, opacity: 0.9 });
  #violated = false;

  /** `geometry` has unit radius; the object is scaled to the limit. */
  constructor(geometry: THREE.BufferGeometry, sphere = false) {
    this.mesh = new THREE.Mesh(geometry, this.#material);
    const rim = new THREE.LineSegments(rimGeometry(sphere), this.#rimMaterial);
    // Drawn last, over the robot and the scan rays.
    rim.renderOrder = 10;
    rim.name = 'separation-rim';
    this.object.add(this.mesh, rim);
    this.object.name = 'separation';
    this.object.visible = false;
  }

  set(radiusM: number | undefined, violated: boolean): void {
    this.object.visible = radiusM !== undefined && Number.isFinite(radiusM) && radiusM > 0;
    if (!this.object.visible) return;
    this.object.scale.setScalar(radiusM!);
    // Only on change: there is no reason to write a colour every frame.
    if (violated !== this.#violated) {
      this.#violated = violated;
      const color = violated ? PALETTE.violation : PALETTE.bubble;
      this.#material.color.setHex(color);
      this.#rimMaterial.color.setHex(color);
      this.#material.opacity = violated ? 0.35 : 0.16;
    }
  }
}
