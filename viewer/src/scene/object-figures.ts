// Loose objects in an arm's cell (glassware), drawn where the physics had them each step; red
// while a violated monitor names them (a knocked or moved glass).

import * as THREE from 'three';
import type { SceneArmCell } from '../../../sim/record/record-scene.js';
import type { EpisodeColumns } from '../decode/episode-columns.js';
import { PALETTE } from './palette.js';

export class ObjectFigures {
  readonly group = new THREE.Group();
  readonly #meshes = new Map<number, { mesh: THREE.Mesh; material: THREE.MeshLambertMaterial; id: string; red: boolean }>();

  constructor(
    private readonly columns: EpisodeColumns,
    private readonly cell: SceneArmCell,
  ) {
    this.group.name = 'objects';
  }

  #figure(idIndex: number): { mesh: THREE.Mesh; material: THREE.MeshLambertMaterial; id: string; red: boolean } {
    let figure = this.#meshes.get(idIndex);
    if (!figure) {
      const id = this.columns.strings[idIndex] ?? '';
      const size = this.cell.fragile.find((f) => f.id === id)?.sizeM ?? { xM: 0.06, yM: 0.06, zM: 0.1 };
      const material = new THREE.MeshLambertMaterial({ color: PALETTE.fragile, transparent: true, opacity: 0.6 });
      // Glassware as an upright cylinder of its recorded size (Three's cylinders stand along y).
      const mesh = new THREE.Mesh(new THREE.CylinderGeometry(size.xM / 2, size.xM / 2, size.zM, 20), material);
      mesh.geometry.rotateX(Math.PI / 2);
      mesh.name = `object:${id}`;
      this.group.add(mesh);
      figure = { mesh, material, id, red: false };
      this.#meshes.set(idIndex, figure);
    }
    return figure;
  }

  /** Whether `id` is one of the cell's loose objects (a monitor may name it). */
  has(id: string): boolean {
    return this.cell.fragile.some((f) => f.id === id);
  }

  /** Objects at step i; `violatedBodies` are the bodies violated monitors name at that step. */
  update(i: number, violatedBodies: Set<string>): void {
    const c = this.columns;
    for (const f of this.#meshes.values()) f.mesh.visible = false;
    for (let k = c.objectStart[i]!; k < c.objectStart[i + 1]!; k++) {
      const f = this.#figure(c.objectId[k]!);
      const d = c.objectData;
      f.mesh.visible = true;
      f.mesh.position.set(d[7 * k]!, d[7 * k + 1]!, d[7 * k + 2]!);
      if (Number.isFinite(d[7 * k + 6]!)) f.mesh.quaternion.set(d[7 * k + 3]!, d[7 * k + 4]!, d[7 * k + 5]!, d[7 * k + 6]!);
      const red = violatedBodies.has(f.id);
      if (red !== f.red) {
        f.red = red;
        f.material.color.setHex(red ? PALETTE.violation : PALETTE.fragile);
      }
    }
  }
}
