import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseTopicProfileText } from '../../bridge/index.js';
import { parseBudgetFile } from '../../sim/report/budget.js';
import {
  boundText,
  BUNDLED_SCENARIO_DIR,
  listProblems,
  parseScenario,
  parseSuite,
  quoteInput,
  ScenarioError,
  validateAnyScenario,
} from '../../scenarios/index.js';

const navText = readFileSync(`${BUNDLED_SCENARIO_DIR}/nav/crossing-pedestrian.yaml`, 'utf8');
const ESC = '\u001b';
const MEGABYTE = 1024 * 1024;

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('error text', () => {
  it('escapes terminal control bytes and bounds a long piece of input, saying how much was cut', () => {
    expect(boundText(`red ${ESC}[31mtext\n`)).toBe('red \\x1b[31mtext\\n');
    const cut = boundText('x'.repeat(1000), 10);
    expect(cut).toBe('xxxxxxxxxx… (990 more characters)');
    expect(quoteInput('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('lists the first problems and counts the rest', () => {
    const problems = Array.from({ length: 100_000 }, (_, i) => `monitors[${i}].kind: listed twice`);
    const text = listProblems(problems, 20);
    const lines = text.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('  - and 99980 more problems');
  });

  it('a scenario with a 1 MB robot name full of escape bytes gives a short, printable error', () => {
    const raw = parse(navText) as Record<string, unknown>;
    raw.robot = `${ESC}]0;pwned\u0007${'r'.repeat(MEGABYTE)}`;
    // As a file it is refused by size; as data (the validator's own input) the name reaches the message.
    expect(errorOf(() => parseScenario(stringify(raw), 'big-robot.yaml')).message).toContain('may be at most 262144 bytes');
    const err = errorOf(() => validateAnyScenario(raw, 'big-robot.yaml'));
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err.message.length).toBeLessThan(4000);
    expect(err.message).toContain('robot: Too big: expected string to have <=100 characters');
    // A short unknown name is echoed, its escape bytes shown as text.
    raw.robot = `${ESC}]0;pwned\u0007`;
    const short = errorOf(() => validateAnyScenario(raw, 'escape-robot.yaml'));
    expect(short.message).not.toContain(ESC);
    expect(short.message).toContain('unknown robot preset "\\x1b]0;pwned\\x07"');
  });

  it('a scenario with 100,000 repeated monitors gives a short error naming the bound', () => {
    const raw = parse(navText) as Record<string, unknown>;
    raw.monitors = Array.from({ length: 100_000 }, () => ({ kind: 'fall' }));
    const err = errorOf(() => parseScenario(JSON.stringify(raw), 'many.json'));
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err.message.split('\n').length).toBeLessThanOrEqual(22);
    expect(err.message).toMatch(/262144 bytes|at most 32/);
  });

  it('a suite, a budget file and a topic profile bound and escape what they echo', () => {
    const hugeKey = `${ESC}[2J${'k'.repeat(100_000)}`;
    const suite = errorOf(() => parseSuite(JSON.stringify({ id: 'x', entries: [{ scenario: 'nav/crossing-pedestrian', seeds: 1, [hugeKey]: 1 }] }), 's.yaml'));
    const budget = errorOf(() => parseBudgetFile(JSON.stringify({ [hugeKey]: 0.1 }), 'b.yaml'));
    const profile = errorOf(() => parseTopicProfileText(JSON.stringify({ id: 'p', family: 'arm', [hugeKey]: 1 }), 'p.yaml'));
    for (const err of [suite, budget, profile]) {
      expect(err.message.length).toBeLessThan(4000);
      expect(err.message).not.toContain(ESC);
      expect(err.message).toContain('\\x1b[2J');
    }
  });
});
