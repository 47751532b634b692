import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { boundText, quoteInput } from './error-text.js';

// Input files (scenarios, suites, topic profiles) are small hand-written YAML; bounding them
// keeps a mistaken or hostile file from stalling `validate` or a run. The yaml library checks
// duplicate keys by comparing each new key with every earlier one (quadratic: 20,000 keys took
// over a minute), so that check is done here with one set per mapping instead.

/** Largest input file: about 80 times the largest bundled scenario. */
export const MAX_INPUT_BYTES = 256 * 1024;
/** Deepest nesting of flow brackets; the parser recurses per level. */
export const MAX_NESTING = 64;
/** Alias expansions allowed when building values: YAML "billion laughs" bombs are refused. */
const MAX_ALIAS_COUNT = 100;

/** Reads an input file: a regular file (never a FIFO or device, which could block forever) of at most maxBytes. */
export function readInputFile(path: string, what: string, maxBytes = MAX_INPUT_BYTES): string {
  // Opened non-blocking (opening a FIFO would otherwise wait for a writer), then checked on the
  // open descriptor, so the file checked is the file read.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`not a regular file; a ${what} must be a plain file`);
    if (stat.size > maxBytes) throw new Error(`${stat.size} bytes; a ${what} may be at most ${maxBytes} bytes`);
    const buf = Buffer.alloc(stat.size);
    let got = 0;
    while (got < stat.size) {
      const n = readSync(fd, buf, got, stat.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * YAML (or JSON) text to plain data, or a list of problems. Refuses text over maxBytes,
 * nesting over MAX_NESTING, duplicate keys, non-text keys and the key `__proto__`.
 */
export function parseYamlBounded(text: string, what: string, maxBytes = MAX_INPUT_BYTES): { value: unknown } | { problems: string[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return { problems: [`${bytes} bytes; a ${what} may be at most ${maxBytes} bytes`] };
  const depth = flowDepth(text);
  if (depth > MAX_NESTING) return { problems: [`brackets nested ${depth} deep; at most ${MAX_NESTING} levels are read`] };
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false });
  } catch (err) {
    return { problems: [`not valid YAML/JSON: ${boundText((err as Error).message)}`] };
  }
  if (doc.errors.length > 0) return { problems: [`not valid YAML/JSON: ${boundText(doc.errors[0]!.message)}`] };
  const keyProblems: string[] = [];
  checkKeys(doc.contents as Node | null, '', keyProblems, 0);
  if (keyProblems.length > 0) return { problems: keyProblems };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    return { problems: [`not valid YAML/JSON: ${boundText((err as Error).message)}`] };
  }
}

/** Deepest nesting of [ and {, counted over the whole text: a bound, so quotes need not be parsed. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** One pass over the document: each mapping's keys in a set, so duplicates cost no more than reading. */
function checkKeys(node: Node | null, path: string, problems: string[], depth: number): void {
  if (problems.length >= 100 || node === null || isAlias(node) || depth > MAX_NESTING) return;
  if (isSeq(node)) {
    node.items.forEach((item, i) => checkKeys(item as Node | null, childPath(path, i), problems, depth + 1));
  } else if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      if (!isScalar(key) || (key.value !== null && typeof key.value === 'object')) {
        problems.push(`${path || '(root)'}: a key must be plain text, not a list or mapping`);
        continue;
      }
      const name = String(key.value);
      if (name === '__proto__') problems.push(`${childPath(path, name)}: "__proto__" cannot be used as a key`);
      else if (seen.has(name)) problems.push(`${childPath(path, name)}: key ${quoteInput(name)} given twice`);
      seen.add(name);
      checkKeys(pair.value as Node | null, childPath(path, name), problems, depth + 1);
    }
  }
}
