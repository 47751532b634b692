import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIO_DIR, bundledSuiteIds, loadSuite, parseSuite, ScenarioError } from '../../scenarios/index.js';

const dir = mkdtempSync(join(tmpdir(), 'erosion-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('expected the suite to be refused');
}

describe('a suite counts each scenario level once', () => {
  it('a level listed twice in one entry is refused', () => {
    const message = refusal(() => parseSuite('id: twice\nentries:\n  - { scenario: nav/crossing-pedestrian, levels: [1, 1], seeds: 4 }\n', 'twice.yaml'));
    expect(message).toContain('entries[0].levels: lists a level more than once');
  });

  it('a duplicated entry is refused, naming both entries', () => {
    const text =
      'id: dup\nentries:\n  - { scenario: nav/glass-door, levels: [1], seeds: 4 }\n  - { scenario: nav/glass-door, levels: [1], seeds: 4, firstSeed: 100 }\n';
    expect(refusal(() => parseSuite(text, 'dup.yaml'))).toContain('entries[1]: scenario "nav/glass-door" level 1 already in entries[0]');
  });

  it('an entry of every level overlaps any other entry of that scenario', () => {
    const text = 'id: dup\nentries:\n  - { scenario: nav/glass-door, levels: [0], seeds: 4 }\n  - { scenario: nav/glass-door, seeds: 4 }\n';
    expect(refusal(() => parseSuite(text, 'dup.yaml'))).toContain('entries[1]: scenario "nav/glass-door" its levels already in entries[0]');
  });

  it('the same scenario named by id and by path is caught once the names are resolved', () => {
    const path = join(dir, 'two-names.yaml');
    const file = join(BUNDLED_SCENARIO_DIR, 'nav', 'glass-door.yaml');
    writeFileSync(
      path,
      `id: two-names\nentries:\n  - { scenario: nav/glass-door, levels: [1], seeds: 4 }\n  - { scenario: ${JSON.stringify(file)}, levels: [0, 1], seeds: 4 }\n`,
    );
    expect(refusal(() => loadSuite(path))).toContain('entries[1]: scenario "nav/glass-door" level 1 already in entries[0]');
  });

  it('different levels of one scenario in separate entries are fine, as in the bundled suites', () => {
    for (const id of bundledSuiteIds()) expect(loadSuite(id).entries.length).toBeGreaterThan(0);
  });
});
