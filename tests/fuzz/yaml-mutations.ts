import fc from 'fast-check';
import { stringify } from 'yaml';
import { MAX_INPUT_BYTES } from '../../scenarios/index.js';

// Structure-aware mutation of a bundled YAML file: parse it, pick places in the tree, replace,
// delete or duplicate what is there or add a key, then write it back as YAML or JSON. The odd
// values are the ones that broke parsers before: prototype names, huge and non-finite numbers,
// terminal escapes, long strings and long lists.

type Json = unknown;
type Path = Array<string | number>;

/** Every place in a parsed document, the root included. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__'];

/** Values that have broken parsers: non-finite and extreme numbers, prototype names, escapes, long text. */
export function oddValue(names: readonly string[]): fc.Arbitrary<Json> {
  const name = fc.constantFrom(...PROTOTYPE_NAMES, ...(names.length > 0 ? names : ['x']));
  return fc.oneof(
    // Plausible values keep many mutants valid, so the resolved numbers get checked too.
    { arbitrary: fc.double({ min: -3, max: 3, noNaN: true }), weight: 6 },
    { arbitrary: name.filter((n) => names.includes(n)).map((param) => ({ param })), weight: 3 },
    fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, -0, 0, -1, 1, 5e-324, 2 ** 53 + 1, 1e6, -1e6, 0.5),
    fc.double(),
    fc.integer(),
    name,
    name.map((param) => ({ param })),
    fc.constantFrom(
      '',
      '\u001b[31m\u001b]0;title\u0007',
      'nav/crossing-pedestrian',
      'ur5e',
      'warehouse-amr',
      'human',
      'wall',
      'fall',
      null,
      true,
      false,
      [],
      {},
    ),
    fc.record({ min: fc.constantFrom(-1e308, -1, 0, NaN), max: fc.constantFrom(1e308, 1, Infinity, 0) }),
    fc.integer({ min: 1, max: 300_000 }).map((n) => 'x'.repeat(n)),
    fc
      .tuple(fc.constantFrom<Json>(1, { kind: 'fall' }, { kind: 'human' }, { scenario: 'nav/glass-door', seeds: 1 }), fc.integer({ min: 0, max: 2000 }))
      .map(([v, n]) => Array.from({ length: n }, () => structuredClone(v))),
    fc.string({ maxLength: 40 }),
  );
}

interface Mutation {
  at: number;
  op: 'nudge' | 'replace' | 'delete' | 'duplicate' | 'add-key';
  key: string;
  value: Json;
  /** For a nudge: the number is scaled by this (near 1 keeps many mutants valid). */
  factor: number;
}

function get(root: Json, path: Path): Json {
  let node = root;
  for (const k of path) node = (node as Record<string | number, Json>)[k];
  return node;
}

/** Sets an own property, `__proto__` included (plain assignment would change the prototype). */
function setOwn(target: Record<string | number, Json>, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function apply(root: Json, m: Mutation): Json {
  if (m.op === 'nudge') {
    const numeric = pathsOf(root).filter((p) => p.length > 0 && typeof get(root, p) === 'number');
    if (numeric.length === 0) return root;
    const path = numeric[m.at % numeric.length]!;
    const parent = get(root, path.slice(0, -1)) as Record<string | number, Json>;
    const key = path[path.length - 1]!;
    setOwn(parent, key, (parent[key] as number) * m.factor);
    return root;
  }
  const paths = pathsOf(root);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.op === 'replace' ? structuredClone(m.value) : root;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, Json> & Json[];
  const key = path[path.length - 1]!;
  if (m.op === 'replace') setOwn(parent, key, structuredClone(m.value));
  else if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (m.op === 'duplicate') {
    if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
    else setOwn(parent, `${String(key)}Copy`, structuredClone(parent[key]));
  } else {
    const target = get(root, path);
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) setOwn(target as Record<string, Json>, m.key, structuredClone(m.value));
    else setOwn(parent, key, structuredClone(m.value));
  }
  return root;
}

/** Text of a mutated copy of `base`: 1-3 structural mutations, written as YAML or JSON, sometimes cut short. */
export function mutatedText(base: Json, names: readonly string[]): fc.Arbitrary<string> {
  const mutation = fc.record({
    at: fc.nat(),
    op: fc.constantFrom<Mutation['op']>('nudge', 'nudge', 'nudge', 'nudge', 'replace', 'replace', 'delete', 'duplicate', 'add-key'),
    key: fc.constantFrom(...PROTOTYPE_NAMES, 'extra', 'params', 'levels'),
    value: oddValue(names),
    factor: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(-1, 0, 1e6, 1e300, -1e300, NaN, Infinity)),
  });
  return fc
    .tuple(
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      fc.constantFrom('yaml', 'json'),
      fc.oneof({ arbitrary: fc.constant(null), weight: 12 }, { arbitrary: fc.nat(), weight: 1 }),
    )
    .map(([mutations, format, cut]) => {
      let doc = structuredClone(base);
      for (const m of mutations) doc = apply(doc, m);
      let text = format === 'json' ? (JSON.stringify(doc) ?? 'null') : stringify(doc);
      if (cut !== null) text = text.slice(0, cut % (text.length + 1));
      return text;
    });
}

/** The bound a fuzzed input must finish in. Inputs are at most MAX_INPUT_BYTES (larger ones are refused by size before parsing). */
export const MAX_MS_PER_INPUT = 5000;
export { MAX_INPUT_BYTES };

/** Every number in a value, with its path, for the "finite and in bounds" checks. */
export function numbersIn(value: Json, path = ''): Array<{ path: string; value: number }> {
  if (typeof value === 'number') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbersIn(v, path ? `${path}.${k}` : k));
  return [];
}

/** True when an error message is safe to print: bounded, and no control character but the line breaks. */
export function printable(message: string): boolean {
  return message.length < 10_000 && !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(message);
}
