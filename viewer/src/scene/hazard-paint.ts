// Paints red the parts of the static scene a violated monitor names (a keep-out zone, a drop's
// edge, a wall or shelf, a box): the objects marked with userData.bodyId by static-scene.ts.
// Zones are see-through; while violated they are drawn opaque enough to read as red.

import * as THREE from 'three';
import type { FlatLitMaterial } from './flat-lit-material.js';
import { PALETTE } from './palette.js';

interface Painted {
  material: THREE.MeshBasicMaterial | THREE.MeshLambertMaterial | THREE.LineBasicMaterial | FlatLitMaterial;
  color: number;
  opacity: number;
}

export class HazardPaint {
  readonly #byId = new Map<string, Painted[]>();
  readonly #red = new Set<string>();

  constructor(scene: THREE.Object3D) {
    scene.traverse((object) => {
      const id = object.userData.bodyId as string | undefined;
      const material = (object as THREE.Mesh).material as Painted['material'] | undefined;
      if (!id || !material || Array.isArray(material)) return;
      const list = this.#byId.get(id) ?? [];
      list.push({ material, color: material.color.getHex(), opacity: material.opacity });
      this.#byId.set(id, list);
    });
  }

  /** Whether `id` names something this scene draws. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Red for the ids in `bodies`, their own colour for the rest; touches only what changes. */
  paint(bodies: ReadonlySet<string>): void {
    for (const [id, list] of this.#byId) {
      const red = bodies.has(id);
      if (red === this.#red.has(id)) continue;
      if (red) this.#red.add(id);
      else this.#red.delete(id);
      for (const p of list) {
        p.material.color.setHex(red ? PALETTE.violation : p.color);
        p.material.opacity = red ? Math.max(p.opacity, 0.75) : p.opacity;
      }
    }
  }
}
