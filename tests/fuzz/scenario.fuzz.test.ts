import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOUNDS, bundledScenarios, parseAnyScenario, resolveAnyScenario, ScenarioError, withinBound, type Bound } from '../../scenarios/index.js';
import { fuzzParams } from './fuzz-settings.js';
import { MAX_MS_PER_INPUT, mutatedText, numbersIn, printable } from './yaml-mutations.js';

// Mutated bundled scenarios (both families) must give a ScenarioError or a scenario whose every
// resolved number is finite and within its physical bound: never a crash, never a hang.

const files = [...bundledScenarios().values()].map((s) => s.source);
const bases = files.map((file) => {
  const raw = parse(readFileSync(file, 'utf8')) as { params?: Record<string, unknown> };
  return { raw, names: Object.keys(raw.params ?? {}) };
});

// Resolved fields by name, and the bound each must respect whatever the seed.
const FIELD_BOUNDS: Record<string, Bound> = {
  floorFriction: BOUNDS.friction,
  friction: BOUNDS.friction,
  latencySec: BOUNDS.latencySec,
  payloadKg: BOUNDS.payloadKg,
  speedMps: BOUNDS.humanSpeedMps,
  dropoutProb: BOUNDS.probability,
  noiseStdM: BOUNDS.scanNoiseM,
  durationSec: BOUNDS.durationSec,
  startSec: BOUNDS.timeSec,
  heightM: BOUNDS.heightM,
};

const tally = { tried: 0, accepted: 0, refused: 0 };
afterAll(() => console.log(`scenario fuzz: ${tally.tried} inputs tried (${tally.accepted} valid, ${tally.refused} refused with ScenarioError)`));

function checkInput(text: string): void {
  tally.tried++;
  const started = performance.now();
  let spec;
  try {
    spec = parseAnyScenario(text, 'fuzzed.yaml');
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    expect(printable(err.message), err.message.slice(0, 300)).toBe(true);
    tally.refused++;
    expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
    return;
  }
  tally.accepted++;
  for (const level of spec.levels) {
    for (const seed of [0, 1]) {
      const resolved = resolveAnyScenario(spec, level.level, seed);
      for (const { path, value } of numbersIn(resolved)) {
        expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
        expect(Math.abs(value), path).toBeLessThanOrEqual(1e6);
        const name = path.slice(path.lastIndexOf('.') + 1);
        const bound = FIELD_BOUNDS[name];
        if (bound && !path.startsWith('monitors') && !path.startsWith('params')) expect(withinBound(value, bound), `${path} = ${value}`).toBe(true);
        if (name === 'massKg') expect(value, path).toBeGreaterThan(0);
      }
    }
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
}

describe('scenario parser under mutation', () => {
  it('a named error or a valid scenario with finite, bounded numbers', () => {
    const input = fc.nat({ max: bases.length - 1 }).chain((i) => mutatedText(bases[i]!.raw, bases[i]!.names));
    fc.assert(fc.property(input, checkInput), fuzzParams(60));
  });

  it('arbitrary text is refused by name, never crashes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => checkInput(text)),
      fuzzParams(40),
    );
  });
});
