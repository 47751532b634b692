// The protective separation distance drawn around a robot (radius = the separation monitor's
// limit at the step): a disc on the floor around a base, a sphere around an arm's tool. Red
// while it is breached.

import * as THREE from 'three';
import { PALETTE } from './palette.js';

export class SeparationBubble {
  readonly mesh: THREE.Mesh;
  readonly #material = new THREE.MeshBasicMaterial({ color: PALETTE.bubble, transparent: true, opacity: 0.14, depthWrite: false });
  #violated = false;

  /** `geometry` has unit radius; the mesh is scaled to the limit. */
  constructor(geometry: THREE.BufferGeometry) {
    this.mesh = new THREE.Mesh(geometry, this.#material);
    this.mesh.visible = false;
  }

  set(radiusM: number | undefined, violated: boolean): void {
    this.mesh.visible = radiusM !== undefined && Number.isFinite(radiusM) && radiusM > 0;
    if (!this.mesh.visible) return;
    this.mesh.scale.setScalar(radiusM!);
    // Only on change: there is no reason to write a colour every frame.
    if (violated !== this.#violated) {
      this.#violated = violated;
      this.#material.color.setHex(violated ? PALETTE.violation : PALETTE.bubble);
      this.#material.opacity = violated ? 0.35 : 0.14;
    }
  }
}
