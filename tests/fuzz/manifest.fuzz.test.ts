// The manifest parser on hostile input: any JSON text, and valid manifests with one field
// replaced by anything. Each gives a manifest that means something or a ManifestError with a
// bounded message; never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL_HZ_BOUNDS } from '../../policies/manifest-schema.js';
import { formatManifest, ManifestError, MAX_LISTED_PROBLEMS, parseManifest, type PolicyManifest } from '../../policies/manifest.js';
import { NAV_ACTION_LAYOUT, NAV_OBSERVATION_LAYOUT } from '../../policies/nav-layout.js';
import { layoutSize } from '../../policies/policy.js';
import { fuzzParams } from './fuzz-settings.js';

const good: PolicyManifest = {
  schemaVersion: 1,
  id: 'demo',
  model: 'demo.onnx',
  sha256: 'a'.repeat(64),
  robotFamily: 'mobile-base',
  controlHz: 20,
  input: { name: 'obs', observation: NAV_OBSERVATION_LAYOUT.map((f) => ({ ...f })) },
  output: { name: 'action', action: NAV_ACTION_LAYOUT.map((f) => ({ ...f })), ignored: [{ name: 'log_std', as: 'log-std' }] },
  state: [{ input: 'h', output: 'h_next', shape: [1, 4] }],
  normalisation: { mean: new Array<number>(29).fill(0), std: new Array<number>(29).fill(1), clip: 5 },
  description: 'demo',
  provenance: 'fuzz base',
};

/** A listed problem is a line of bounded length; the whole message is bounded by the cap. */
const MAX_PROBLEM_CHARS = 400;

function check(text: string): PolicyManifest | undefined {
  try {
    const m = parseManifest(text, 'demo.manifest.json');
    // Whatever is accepted means something.
    expect(Number.isFinite(m.controlHz)).toBe(true);
    expect(m.controlHz).toBeGreaterThanOrEqual(CONTROL_HZ_BOUNDS.min);
    expect(m.controlHz).toBeLessThanOrEqual(CONTROL_HZ_BOUNDS.max);
    for (const f of m.input.observation) expect(Number.isInteger(f.size) && f.size > 0).toBe(true);
    if (m.normalisation) {
      expect(m.normalisation.mean).toHaveLength(layoutSize(m.input.observation));
      expect(m.normalisation.std.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
    }
    expect(parseManifest(formatManifest(m), 'demo.manifest.json')).toEqual(m);
    return m;
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    expect(err.problems.length).toBeGreaterThan(0);
    expect(err.problems.length).toBeLessThanOrEqual(MAX_LISTED_PROBLEMS + 1);
    for (const p of err.problems) expect(p.length).toBeLessThan(MAX_PROBLEM_CHARS);
    expect(err.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    return undefined;
  }
}

/** Every path into the good manifest, to replace one value at a time. */
function paths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(v)) return [prefix, ...v.flatMap((x, i) => paths(x, [...prefix, i]))];
  if (v && typeof v === 'object') return [prefix, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...prefix, k]))];
  return [prefix];
}
const PATHS = paths(good).filter((p) => p.length > 0);

function replaced(path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(good) as unknown as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(0, -1, 1e-9, 1e308, 0.5, 2 ** 53, '', ' ', '../x.onnx', '/etc/passwd', 'constructor', '__proto__', '\u001b[31m'),
  fc.string({ maxLength: 2000 }),
  fc.array(fc.double(), { maxLength: 64 }),
);

describe('manifest parser under fuzzing', () => {
  it('the good manifest parses', () => {
    expect(check(formatManifest(good))).toEqual(good);
  });

  it('any JSON value: a manifest or a named, bounded error', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => void check(JSON.stringify(v) ?? 'null')),
      fuzzParams(300),
    );
  });

  it('any text: a manifest or a named, bounded error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (t) => void check(t)),
      fuzzParams(300),
    );
  });

  it('a valid manifest with one value replaced by anything: a manifest or a named, bounded error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), hostileValue, (path, value) => void check(JSON.stringify(replaced(path, value)))),
      fuzzParams(600),
    );
  });

  it('a valid manifest with an extra key anywhere: refused, naming the key', () => {
    const objects = PATHS.filter((p) => {
      let at: unknown = good;
      for (const k of p) at = (at as Record<string | number, unknown>)[k];
      return at !== null && typeof at === 'object' && !Array.isArray(at);
    });
    fc.assert(
      fc.property(fc.constantFrom([] as Array<string | number>, ...objects), fc.stringMatching(/^[a-z]{1,12}$/), (path, key) => {
        const copy = structuredClone(good) as unknown as Record<string | number, unknown>;
        let at = copy;
        for (const k of path) at = at[k] as Record<string | number, unknown>;
        if (key in at) return;
        at[key] = 1;
        expect(check(JSON.stringify(copy))).toBeUndefined();
      }),
      fuzzParams(200),
    );
  });
});
