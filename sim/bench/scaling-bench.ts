// `npm run bench -- --only scaling`: how a navigation episode's cost per simulated second grows
// with the number of people in the scene and with the episode's length. The target is a cost
// flat with length and growing less than linearly with people.

import { scriptedNavPolicy } from '../../policies/scripted/nav-scripted-policy.js';
import { findAnyScenario, scenarioHash, type AnyLoadedScenario, type ScenarioSpec } from '../../scenarios/index.js';
import { engineVersions } from '../episode/engine-versions.js';
import { runEpisode, type EngineVersions } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import type { BenchSection } from './bench-section.js';

const BASE_SCENARIO = 'nav/crowded-corridor';
const LEVEL = 1;
const SEED = 0;
/** Long enough that the robot, held to the corridor's limit, never reaches the goal: every episode runs its full length. */
const ARENA_LENGTH_M = 40;

type HumanProp = Extract<ScenarioSpec['props'][number], { kind: 'human' }>;

/**
 * The bundled crowded corridor stretched to ARENA_LENGTH_M, with `walkers` people (or the
 * bundled four when undefined) walking its length both ways, staggered, and the given length.
 */
export function corridorScene(durationSec: number, walkers?: number): AnyLoadedScenario {
  const loaded = findAnyScenario(BASE_SCENARIO);
  const spec = loaded.spec as ScenarioSpec;
  const bundled = spec.props.filter((p): p is HumanProp => p.kind === 'human');
  const people: HumanProp[] =
    walkers === undefined
      ? bundled
      : Array.from({ length: walkers }, (_, i) => {
          const west = i % 2 === 0;
          const yM = -1.6 + (3.2 * (i + 0.5)) / walkers;
          const from = west ? ARENA_LENGTH_M - 0.5 : 0.3;
          const to = west ? -4 : ARENA_LENGTH_M + 4;
          return {
            ...bundled[0]!,
            id: `walker-${i}`,
            heightM: 1.6 + (0.2 * ((i * 7) % 5)) / 4,
            waypointsM: [
              { xM: from, yM },
              { xM: to, yM },
            ],
            speedMps: 0.9 + 0.025 * (i % 20),
            startSec: (i * 1.3) % 9,
          };
        });
  const scene: ScenarioSpec = {
    ...spec,
    arena: { ...spec.arena, lengthM: ARENA_LENGTH_M },
    goal: { ...spec.goal, xM: ARENA_LENGTH_M - 1.5 },
    props: [...spec.props.filter((p) => p.kind !== 'human'), ...people],
    levels: spec.levels.map((l) => ({ ...l, without: [] })),
    episode: { ...spec.episode, durationSec },
  };
  return { spec: scene, hash: scenarioHash(scene), source: loaded.source };
}

interface Measured {
  ms: number;
  simulatedSec: number;
  steps: number;
}

/** One full episode (the careful scripted driver, judged, steps not held), timed on this thread. */
async function timedEpisode(scenario: AnyLoadedScenario, engine: EngineVersions): Promise<Measured> {
  const world = await createRapierWorld(scenario.spec, LEVEL);
  try {
    const started = performance.now();
    const record = await runEpisode({
      scenario,
      level: LEVEL,
      seed: SEED,
      policy: scriptedNavPolicy('careful'),
      role: 'single',
      world,
      engine,
      keepSteps: false,
    });
    const ms = performance.now() - started;
    const simulatedSec = record.footer.summary.simulatedSec;
    return { ms, simulatedSec, steps: Math.round(simulatedSec * scenario.spec.episode.physicsHz) };
  } finally {
    world.close();
  }
}

const list = (s: string | undefined, fallback: number[]): number[] => (s ? s.split(',').map(Number) : fallback);

export const scalingBench: BenchSection = {
  name: 'scaling',
  summary: "a navigation episode's cost per simulated second against the number of people and the episode length",
  async run({ log, settings }) {
    const walkerCounts = list(settings['scaling-walkers'], [1, 5, 20]);
    const lengthsSec = list(settings['scaling-lengths'], [10, 20, 40]);
    const walkersLengthSec = Number(settings['scaling-walkers-length'] ?? 20);
    const rounds = Number(settings['scaling-rounds'] ?? 2);
    const engine = await engineVersions();
    const configs = [
      ...walkerCounts.map((n) => ({ key: `walkers=${n} (${walkersLengthSec} s)`, scene: corridorScene(walkersLengthSec, n) })),
      ...lengthsSec.map((sec) => ({ key: `length=${sec} s (4 walkers)`, scene: corridorScene(sec) })),
    ];
    // Every round runs every configuration once, so a burst of load from others hits them all;
    // each keeps its fastest round, the one least disturbed.
    const best = new Map<string, Measured>();
    for (let round = 0; round < rounds; round++) {
      log(`  round ${round + 1}/${rounds}…`);
      for (const { key, scene } of configs) {
        const m = await timedEpisode(scene, engine);
        const prev = best.get(key);
        if (!prev || m.ms < prev.ms) best.set(key, m);
      }
    }
    const figures: Record<string, string | number> = { rounds };
    const perSimSec = (m: Measured): number => m.ms / m.simulatedSec;
    const curve = (keys: string[], what: string): void => {
      const first = best.get(keys[0]!)!;
      for (const key of keys) {
        const m = best.get(key)!;
        figures[`${key}: µs/step, ms/sim s (×${what})`] =
          `${((1000 * m.ms) / m.steps).toFixed(0)}, ${perSimSec(m).toFixed(1)} (×${(perSimSec(m) / perSimSec(first)).toFixed(2)}; ${m.simulatedSec.toFixed(1)} s simulated)`;
      }
    };
    curve(
      configs.slice(0, walkerCounts.length).map((c) => c.key),
      `walkers=${walkerCounts[0]}`,
    );
    curve(
      configs.slice(walkerCounts.length).map((c) => c.key),
      `${lengthsSec[0]} s`,
    );
    if (walkerCounts.length >= 2) {
      const a = best.get(configs[0]!.key)!;
      const b = best.get(configs[walkerCounts.length - 1]!.key)!;
      const people = walkerCounts[walkerCounts.length - 1]! / walkerCounts[0]!;
      figures[`cost growth ${walkerCounts[0]}→${walkerCounts[walkerCounts.length - 1]} walkers (×; linear would be ×${people})`] = Number(
        (perSimSec(b) / perSimSec(a)).toFixed(2),
      );
    }
    return figures;
  },
};
