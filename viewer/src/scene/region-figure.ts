// A person drawn from the body-region capsules recorded with them (an arm's cell, where hands and
// arms move on their own), so what lights up red is exactly the region a contact touched.

import * as THREE from 'three';
import type { BodyRegion } from '../../../sim/frame.js';
import type { EpisodeColumns } from '../decode/episode-columns.js';
import { CapsulePool } from './capsule-pool.js';
import { PALETTE } from './palette.js';
import { sameSet } from './same-set.js';

export class RegionFigure {
  readonly group = new THREE.Group();
  readonly #pool: CapsulePool;
  /** The region of each capsule in use, as the columns name it. */
  readonly #regions: Array<BodyRegion | undefined> = [];
  #highlighted = new Set<BodyRegion>();
  #whole = false;
  #used = 0;

  constructor(
    readonly id: string,
    private readonly columns: EpisodeColumns,
  ) {
    // White: each region's colour is its own, in the pool (see CapsulePool.paint).
    this.#pool = new CapsulePool(new THREE.MeshLambertMaterial({ color: 0xffffff }), `human:${id}`, PALETTE.human);
    this.group.add(this.#pool.group);
    this.group.name = `human:${id}`;
  }

  /** The person's capsules at step i (their owner index in the columns' strings). */
  update(i: number, owner: number): void {
    const c = this.columns;
    let used = 0;
    let changed = false;
    for (let k = c.capsuleStart[i]!; k < c.capsuleStart[i + 1]!; k++) {
      if (c.capsuleOwner[k] !== owner) continue;
      const region = c.strings[c.capsuleName[k]!] as BodyRegion | undefined;
      const d = 7 * k;
      const cd = c.capsuleData;
      this.#pool.set(used, cd[d]!, cd[d + 1]!, cd[d + 2]!, cd[d + 3]!, cd[d + 4]!, cd[d + 5]!, cd[d + 6]!);
      if (this.#regions[used] !== region) {
        // Named for tests and debugging; only when the region a capsule shows changes.
        this.#pool.at(used).name = `region:${region ?? ''}`;
        changed = true;
      }
      this.#regions[used++] = region;
    }
    this.#pool.hideFrom(used);
    if (used !== this.#used || changed) {
      this.#used = used;
      this.#paint();
    }
  }

  /** Red regions: those in contact or named; `whole` paints a person a violation names. Returns whether anything changed. */
  highlight(regions: Set<BodyRegion>, whole: boolean): boolean {
    if (sameSet(regions, this.#highlighted) && whole === this.#whole) return false;
    this.#highlighted = new Set(regions);
    this.#whole = whole;
    this.#paint();
    return true;
  }

  #paint(): void {
    for (let k = 0; k < this.#used; k++) {
      const hit = this.#regions[k] !== undefined && this.#highlighted.has(this.#regions[k]!);
      this.#pool.paint(k, hit || this.#whole ? PALETTE.violation : PALETTE.human);
    }
  }

  get highlightedRegions(): BodyRegion[] {
    return [...this.#highlighted];
  }
}
