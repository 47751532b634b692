import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_SCENARIO_DIR, bundledSuiteIds, parseSuite, repeatedLevels, ScenarioError } from '../../scenarios/index.js';
import { fuzzParams } from './fuzz-settings.js';
import { MAX_MS_PER_INPUT, mutatedText, numbersIn, printable } from './yaml-mutations.js';

// Mutated bundled suites must give a ScenarioError or a suite whose counts are whole, bounded
// numbers and which runs no scenario level twice: never a crash, never a hang.

const bases = bundledSuiteIds().map((id) => parse(readFileSync(join(BUNDLED_SCENARIO_DIR, 'suites', `${id}.yaml`), 'utf8')) as unknown);

const tally = { tried: 0, accepted: 0, refused: 0 };
afterAll(() => console.log(`suite fuzz: ${tally.tried} inputs tried (${tally.accepted} valid, ${tally.refused} refused with ScenarioError)`));

function checkInput(text: string): void {
  tally.tried++;
  const started = performance.now();
  let suite;
  try {
    suite = parseSuite(text, 'fuzzed-suite.yaml');
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    expect(printable(err.message), err.message.slice(0, 300)).toBe(true);
    tally.refused++;
    expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
    return;
  }
  tally.accepted++;
  for (const { path, value } of numbersIn(suite)) {
    expect(Number.isSafeInteger(value) && value >= 0, `${path} = ${value}`).toBe(true);
  }
  for (const entry of suite.entries) {
    expect(entry.seeds).toBeGreaterThan(0);
    expect(entry.seeds).toBeLessThanOrEqual(100_000);
  }
  expect(repeatedLevels(suite.entries)).toEqual([]);
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
}

describe('suite parser under mutation', () => {
  it('a named error or a valid suite with whole, bounded counts and no repeated level', () => {
    const input = fc.nat({ max: bases.length - 1 }).chain((i) => mutatedText(bases[i], ['nav/crossing-pedestrian', 'manip/pinch-point']));
    fc.assert(fc.property(input, checkInput), fuzzParams(60));
  });
});
