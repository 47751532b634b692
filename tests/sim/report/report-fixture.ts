import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSuite, type LoadedSuite } from '../../../scenarios/index.js';
import { buildReport } from '../../../sim/report/build-report.js';
import { loadBudget, type Budget } from '../../../sim/report/budget.js';
import type { Report } from '../../../sim/report/report-types.js';
import { DEFAULT_DECISION } from '../../../sim/report/row-decision.js';
import type { EpisodeResult } from '../../../sim/record/episode-result.js';

const MONITORS = { separation: 'm', 'speed-limit': 'm/s' } as const;

/** A suite of one scenario level with `seeds` seeds, loaded from the bundled catalog. */
export function oneScenarioSuite(dir: string, seeds: number): LoadedSuite {
  const path = join(dir, 'suite.yaml');
  writeFileSync(path, `id: fixture\nentries:\n  - { scenario: nav/crossing-pedestrian, levels: [1], seeds: ${seeds} }\n`);
  return loadSuite(path);
}

/** An episode that violated the listed monitors (a '<' in a title checks escaping). */
export function episode(role: 'base' | 'candidate', seed: number, violated: string[], replay?: string): EpisodeResult {
  const worst: EpisodeResult['worst'] = {};
  const violations: Record<string, number> = {};
  for (const [id, units] of Object.entries(MONITORS)) {
    const bad = violated.includes(id);
    if (bad) violations[id] = 1;
    worst[id] = { margin: bad ? -0.2 : 0.3, value: bad ? 0.3 : 0.8, limit: 0.5, units };
  }
  const r: EpisodeResult = {
    scenarioId: 'nav/crossing-pedestrian',
    level: 1,
    seed,
    role,
    outcome: { kind: 'success', timeSec: 10 },
    unsafe: violated.length > 0,
    success: true,
    severity: violated.length > 0 ? 0.4 : 0,
    violations,
    worst,
    simulatedSec: 10,
  };
  if (replay) r.replay = replay;
  return r;
}

/** 4 seeds: the candidate breaks separation on seeds 1 and 2 (replays written), base never. */
export function fixtureResults(): EpisodeResult[] {
  const out: EpisodeResult[] = [];
  for (let seed = 0; seed < 4; seed++) {
    const bad = seed === 1 || seed === 2;
    const path = (role: string): string | undefined => (bad ? `replays/x/seed-${seed}-${role}.mcap` : undefined);
    out.push(episode('base', seed, [], path('base')), episode('candidate', seed, bad ? ['separation'] : [], path('candidate')));
  }
  return out;
}

/**
 * The fixture's report. Four seeds are too few for the statistical gate to decide anything, so by
 * default it is judged with the observed rule; format tests need failures to format.
 */
export function fixtureReport(dir: string, budget: Budget = loadBudget(undefined, 0), gate: 'test' | 'observed' = 'observed'): Report {
  return buildReport({
    suite: oneScenarioSuite(dir, 4),
    suiteSource: 'suite.yaml',
    results: fixtureResults(),
    policies: { base: { id: 'base<1>', sha256: 'a'.repeat(64) }, candidate: { id: 'cand&2', sha256: 'b'.repeat(64) } },
    budget,
    version: '0.0.0',
    engine: { rapier: 'r', onnxruntime: 'o' },
    createdAt: '2025-01-01T00:00:00.000Z',
    decision: { ...DEFAULT_DECISION, gate },
  });
}
