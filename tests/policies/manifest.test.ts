import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { BUNDLED_POLICY_DIR } from '../../policies/policy-catalog.js';
import { readManifestFile } from '../../policies/manifest.js';
import { formatManifest, ManifestError, parseManifest, type PolicyManifest } from '../../policies/manifest.js';
import { NAV_ACTION_LAYOUT, NAV_OBSERVATION_LAYOUT } from '../../policies/nav-layout.js';

const good: PolicyManifest = {
  schemaVersion: 1,
  id: 'demo',
  model: 'demo.onnx',
  sha256: 'a'.repeat(64),
  robotFamily: 'mobile-base',
  controlHz: 20,
  input: { name: 'obs', observation: NAV_OBSERVATION_LAYOUT.map((f) => ({ ...f })) },
  output: { name: 'action', action: NAV_ACTION_LAYOUT.map((f) => ({ ...f })) },
  description: 'demo',
  provenance: 'written by hand for a test',
};

/** The problems a manifest (given as a plain object) is refused with. */
function problemsOf(raw: unknown, source = 'demo.manifest.json'): string[] {
  try {
    parseManifest(JSON.stringify(raw), source);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message.startsWith(`${source}: invalid policy manifest`)).toBe(true);
    return (err as ManifestError).problems;
  }
  throw new Error('manifest was accepted');
}

describe('policy manifest', () => {
  it('accepts a valid manifest and round-trips through formatManifest', () => {
    expect(parseManifest(formatManifest(good), 'demo.manifest.json')).toEqual(good);
  });

  it('names a bad nested field by its path', () => {
    const bad = structuredClone(good);
    bad.input.observation[2]!.size = 0;
    expect(problemsOf(bad)).toEqual(['input.observation[2].size: must be > 0 (got 0)']);
  });

  it('reports every bad field at once', () => {
    const problems = problemsOf({ ...good, schemaVersion: 2, robotFamily: 'drone', sha256: 'xyz', controlHz: 0 });
    expect(problems).toEqual([
      'schemaVersion: must be 1 (got 2)',
      'sha256: must be 64 lowercase hex digits (got "xyz")',
      'robotFamily: must be one of "mobile-base", "arm" (got "drone")',
      'controlHz: must be between 1 and 1000 Hz (got 0)',
    ]);
  });

  it('names missing fields', () => {
    const { provenance: _p, output: _o, ...rest } = good;
    expect(problemsOf(rest)).toEqual(['output: must be an object (got nothing)', 'provenance: must be a string (got nothing)']);
  });

  it('refuses a model path that leaves the manifest folder', () => {
    expect(problemsOf({ ...good, model: '../elsewhere/demo.onnx' })).toEqual(['model: must stay inside the manifest\'s folder (got "../elsewhere/demo.onnx")']);
    expect(problemsOf({ ...good, model: '/models/demo.onnx' })[0]).toMatch(/^model: must be a file name relative to the manifest/);
  });

  it('refuses normalisation whose length differs from the observation size', () => {
    const problems = problemsOf({ ...good, normalisation: { mean: new Array(28).fill(0), std: new Array(29).fill(1) } });
    expect(problems).toEqual(['normalisation.mean: has 28 values but the observation layout has 29']);
  });

  it('refuses a zero standard deviation', () => {
    const std = new Array(29).fill(1);
    std[3] = 0;
    expect(problemsOf({ ...good, normalisation: { mean: new Array(29).fill(0), std } })).toEqual(['normalisation.std[3]: must be > 0 (got 0)']);
  });

  it('refuses unknown fields, so a misspelt option is not silently ignored', () => {
    expect(problemsOf({ ...good, normalization: { mean: [], std: [] } })[0]).toMatch(/^normalization: unknown field/);
  });

  it('refuses a manifest whose id does not match its file name', () => {
    expect(problemsOf(good, 'other.manifest.json')).toEqual([
      'id: "demo" does not match the file name other.manifest.json (a manifest is named <id>.manifest.json)',
    ]);
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(() => parseManifest('{ not json', 'demo.manifest.json')).toThrow(/^demo\.manifest\.json: invalid policy manifest\n {2}- not valid JSON/);
  });

  it('refuses a control rate no controller has, stating the bound', () => {
    for (const controlHz of [1e-9, 0.5, 1001, 1e308]) {
      expect(problemsOf({ ...good, controlHz })).toEqual([`controlHz: must be between 1 and 1000 Hz (got ${controlHz})`]);
    }
    // JSON.parse reads 1e999 as Infinity.
    const text = formatManifest(good).replace('"controlHz": 20', '"controlHz": 1e999');
    expect(() => parseManifest(text, 'demo.manifest.json')).toThrow('controlHz: must be a finite number (got a non-finite number)');
  });

  it('lists each unknown field once with the fields that are allowed there', () => {
    const bad = structuredClone(good) as unknown as { input: { observation: Array<Record<string, unknown>> } };
    bad.input.observation[0]!.unit = 'm';
    expect(problemsOf(bad)).toEqual(['input.observation[0].unit: unknown field (expected one of name, size, units, meaning)']);
  });

  it('accepts recurrent state and named ignored outputs, and round-trips them', () => {
    const m: PolicyManifest = {
      ...good,
      output: { ...good.output, ignored: [{ name: 'log_std', as: 'log standard deviation of the action distribution' }] },
      state: [{ input: 'h_in', output: 'h_out', shape: [1, 1, 8] }],
    };
    expect(parseManifest(formatManifest(m), 'demo.manifest.json')).toEqual(m);
  });

  it('refuses a tensor named for two roles', () => {
    const m = {
      ...good,
      output: { ...good.output, ignored: [{ name: 'action', as: 'the same tensor again' }] },
      state: [{ input: 'obs', output: 'h', shape: [1, 4] }],
    };
    expect(problemsOf(m)).toEqual(['state[0].input: "obs" is already named by input.name', 'output.ignored[0].name: "action" is already named by output.name']);
  });

  it('lists at most 20 problems and counts the rest', () => {
    const std = new Array(29).fill(-1);
    const problems = problemsOf({ ...good, normalisation: { mean: new Array(29).fill(0), std } });
    expect(problems).toHaveLength(21);
    expect(problems[20]).toBe('... and 9 more');
  });

  it('cuts echoed values short', () => {
    const problems = problemsOf({ ...good, sha256: 'x'.repeat(100_000) });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.length).toBeLessThan(200);
  });

  it('reads every bundled manifest and writes it back byte for byte', () => {
    for (const name of readdirSync(BUNDLED_POLICY_DIR).filter((n) => n.endsWith('.manifest.json'))) {
      const text = readFileSync(join(BUNDLED_POLICY_DIR, name), 'utf8');
      expect(formatManifest(parseManifest(text, name))).toBe(text);
    }
  });

  it('refuses to read a FIFO as a manifest instead of waiting on it forever', () => {
    const dir = mkdtempSync(join(tmpdir(), 'erosion-fifo-'));
    try {
      const fifo = join(dir, 'demo.manifest.json');
      execFileSync('mkfifo', [fifo]);
      expect(() => readManifestFile(fifo)).toThrow(/file is a FIFO \(named pipe\), not a regular file/);
      writeFileSync(join(dir, 'plain.manifest.json'), formatManifest({ ...good, id: 'plain' }));
      expect(readManifestFile(join(dir, 'plain.manifest.json')).id).toBe('plain');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
