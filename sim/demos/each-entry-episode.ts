import { findAnyScenario, type AnyLoadedScenario } from '../../scenarios/index.js';
import { createRapierWorld } from '../rapier/index.js';
import type { World } from '../world.js';
import type { DemoEntry } from './demo-source.js';

export interface EntrySlot {
  /** The entry being walked (its scenario as the entry names it: an id or a path). */
  entry: DemoEntry;
  scenario: AnyLoadedScenario;
  level: number;
  seed: number;
  /** The scenario level's world, made once for all its seeds and freed afterwards. */
  world: World;
}

/**
 * Visits every (scenario, level, seed) of the entries in order, one physics world per scenario
 * level: what recording demonstrations and evaluating the lab's policies both walk. `load`
 * finds a scenario by id (and may refuse one of the wrong robot family).
 */
export async function eachEntryEpisode(
  entries: readonly DemoEntry[],
  visit: (slot: EntrySlot) => Promise<void>,
  load: (id: string) => AnyLoadedScenario = findAnyScenario,
): Promise<void> {
  for (const entry of entries) {
    const scenario = load(entry.scenario);
    for (const level of entry.levels) {
      const world = await createRapierWorld(scenario.spec, level);
      try {
        for (const seed of entry.seeds) await visit({ entry, scenario, level, seed, world });
      } finally {
        world.close();
      }
    }
  }
}
