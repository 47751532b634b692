import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, MAX_INPUT_BYTES, parseScenario, parseYamlBounded, ScenarioError } from '../../scenarios/index.js';

const dir = mkdtempSync(join(tmpdir(), 'erosion-read-yaml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(text: string): string[] {
  const read = parseYamlBounded(text, 'scenario file');
  return 'problems' in read ? read.problems : [];
}

function manyParams(count: number): string {
  let text = 'params:\n';
  for (let i = 0; i < count; i++) text += `  p${i}: { min: 0, max: 1 }\n`;
  return text;
}

describe('bounded YAML reading', () => {
  it('a file over the size bound is refused before parsing, the bound stated', () => {
    // 20,000 parameters (about 570 KB): once a minute of validation, now refused at once.
    const message = problems(manyParams(20_000)).join('\n');
    expect(message).toContain(`may be at most ${MAX_INPUT_BYTES} bytes`);
  });

  it('thousands of distinct keys under the bound are read, and a scenario says how many parameters it may declare', () => {
    const text = manyParams(2_000);
    expect(text.length).toBeLessThan(MAX_INPUT_BYTES);
    const read = parseYamlBounded(text, 'scenario file');
    expect('value' in read && Object.keys((read.value as { params: object }).params)).toHaveLength(2_000);
    expect(() => parseScenario(text, 'many.yaml')).toThrow(/params: at most 200 parameters may be declared/);
  });

  it('a key given twice in one mapping is still refused, naming where', () => {
    expect(problems('params:\n  a: { min: 0, max: 1 }\n  b: 1\n  a: 2\n')).toEqual(['params.a: key "a" given twice']);
    expect(problems('x: { a: 1 }\ny: { a: 1 }\n')).toEqual([]);
  });

  it('the key __proto__ and non-text keys are refused', () => {
    expect(problems('params: { __proto__: { min: 0, max: 1 } }\n')[0]).toContain('"__proto__" cannot be used as a key');
    expect(problems('? [a, b]\n: 1\n')[0]).toContain('a key must be plain text');
  });

  it('brackets nested deeper than the bound are refused before the parser recurses', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(problems(deep)[0]).toContain('nested 10000 deep; at most 64 levels');
  });

  it('a FIFO in place of a scenario file is refused instead of waiting for a writer', () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadScenarioFile(fifo)).toThrow(ScenarioError);
    expect(() => loadScenarioFile(fifo)).toThrow(/not a regular file/);
  });

  it('a scenario file over the size bound is refused by its size on disk', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, manyParams(20_000));
    expect(() => loadScenarioFile(big)).toThrow(/bytes; a scenario file may be at most 262144 bytes/);
  });
});
