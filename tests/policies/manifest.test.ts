import { describe, it, expect } from 'vitest';
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
      'controlHz: must be > 0 (got 0)',
    ]);
  });

  it('names missing fields', () => {
    const { provenance: _p, output: _o, ...rest } = good;
    expect(problemsOf(rest)).toEqual(['output: must be an object (got nothing)', 'provenance: must be a string (got nothing)']);
  });

  it('refuses a model path that leaves the manifest folder', () => {
    expect(problemsOf({ ...good, model: '../elsewhere/demo.onnx' })).toEqual([
      'model: must stay inside the manifest\'s folder (got "../elsewhere/demo.onnx")',
    ]);
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
});
