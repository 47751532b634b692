// JSON that keeps every number a record can hold. JSON has no NaN, Infinity or negative zero,
// yet a policy that emits NaN is exactly what a record must keep. In a number position such a
// value is written as one of the strings below. A real string that looks like one of them
// (optionally after leading '~') gets one more '~', so the mapping reverses exactly everywhere,
// including in untyped parts of a record such as the scene.

const TOKEN_TO_NUMBER: ReadonlyMap<string, number> = new Map([
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['-0', -0],
]);

/** Strings that need the '~' escape: a token preceded by any number of '~'. */
const LOOKS_LIKE_TOKEN = /^~*(?:NaN|-?Infinity|-0)$/;
const ESCAPED_TOKEN = /^~+(?:NaN|-?Infinity|-0)$/;
/** A quick test on the raw text that decides whether parsing needs the reviver at all. */
const TEXT_NEEDS_REVIVER = /"(?:~|NaN"|-?Infinity"|-0")/;

function numberToken(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return undefined;
}

/** The value a number or string is written as; the same value when nothing needs replacing. */
function replaceLeaf(value: string | number): unknown {
  if (typeof value === 'number') {
    // Finite and not -0: by far the common case, decided without a call.
    if (value - value === 0 && (value !== 0 || 1 / value > 0)) return value;
    return numberToken(value) ?? value;
  }
  return LOOKS_LIKE_TOKEN.test(value) ? `~${value}` : value;
}

/**
 * The value with every non-finite number and token-like string replaced, copying only the
 * arrays and objects on the way to a replacement; everything else is shared with the input.
 * JSON.stringify then runs without a replacer, which V8 does several times faster.
 */
function replaced(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'string') return replaceLeaf(value);
  if (typeof value !== 'object' || value === null) return value;
  // Objects with their own serialisation (dates, typed arrays) go to JSON.stringify as they are.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = replaced(item);
      if (next !== item) (copy ??= value.slice())[i] = next;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const item = object[key];
    const next = replaced(item);
    if (next !== item) (copy ??= { ...object })[key] = next;
  }
  return copy ?? value;
}

const TILDE = 126;

/**
 * Puts the numbers back after a plain JSON.parse. A walk in JavaScript rather than a JSON.parse
 * reviver: V8 calls a reviver for every value through a slow path, and a record's scans carry
 * Infinity (no return) on nearly every control tick, so the reviver made loading several times
 * slower. Keys are left as they are, as a reviver would.
 */
function revive(value: unknown): unknown {
  if (typeof value === 'string') {
    const number = TOKEN_TO_NUMBER.get(value);
    if (number !== undefined) return number;
    return value.charCodeAt(0) === TILDE && ESCAPED_TOKEN.test(value) ? value.slice(1) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string' || (typeof item === 'object' && item !== null)) value[i] = revive(item);
    }
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const item = object[key];
    if (typeof item === 'string' || (typeof item === 'object' && item !== null)) object[key] = revive(item);
  }
  return object;
}

/** JSON.stringify that writes NaN, ±Infinity and -0 as reversible string tokens. */
export function stringifyFinite(value: unknown): string {
  return JSON.stringify(replaced(value));
}

/** The inverse of {@link stringifyFinite}. */
export function parseFinite(text: string): unknown {
  return TEXT_NEEDS_REVIVER.test(text) ? revive(JSON.parse(text)) : JSON.parse(text);
}

/** The strings used for non-finite numbers, for schema descriptions. */
export const NON_FINITE_TOKENS = [...TOKEN_TO_NUMBER.keys()];
