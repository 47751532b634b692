import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledProfileIds, parseTopicProfileText, ProfileError } from '../../bridge/index.js';
import { BUNDLED_PROFILE_DIR } from '../../bridge/profile/load-profile.js';
import { fuzzParams } from './fuzz-settings.js';
import { MAX_MS_PER_INPUT, mutatedText, numbersIn, printable } from './yaml-mutations.js';

// Mutated bundled topic profiles must give a ProfileError or a profile whose rates and times
// are finite and within the profile's bounds: never a crash, never a hang.

const bases = bundledProfileIds().map((id) => parse(readFileSync(join(BUNDLED_PROFILE_DIR, `${id}.yaml`), 'utf8')) as unknown);

const tally = { tried: 0, accepted: 0, refused: 0 };
afterAll(() => console.log(`profile fuzz: ${tally.tried} inputs tried (${tally.accepted} valid, ${tally.refused} refused with ProfileError)`));

function checkInput(text: string): void {
  tally.tried++;
  const started = performance.now();
  let profile;
  try {
    profile = parseTopicProfileText(text, 'fuzzed-profile.yaml');
  } catch (err) {
    if (!(err instanceof ProfileError)) throw err;
    expect(printable(err.message), err.message.slice(0, 300)).toBe(true);
    tally.refused++;
    expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
    return;
  }
  tally.accepted++;
  for (const { path, value } of numbersIn(profile)) {
    expect(Number.isFinite(value) && value >= 0, `${path} = ${value}`).toBe(true);
  }
  expect(profile.controlHz).toBeGreaterThan(0);
  expect(profile.controlHz).toBeLessThanOrEqual(1000);
  expect(profile.telemetryDeadlineSec).toBeLessThanOrEqual(5);
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
}

describe('topic profile parser under mutation', () => {
  it('a named error or a valid profile with finite, bounded numbers', () => {
    const input = fc.nat({ max: bases.length - 1 }).chain((i) => mutatedText(bases[i], ['/cmd_vel', 'nav/crossing-pedestrian']));
    fc.assert(fc.property(input, checkInput), fuzzParams(60));
  });
});
