// Error text that is safe to print whatever the input held: every piece of user input in a
// message is bounded in length and has its control characters escaped (a terminal escape in a
// robot name must not reach the terminal), and a list of problems stops after a few, saying how
// many more there were. Every input format's error (scenario, suite, budget, topic profile)
// builds its message here so they all read alike.

/** Longest piece of input quoted inside a message. */
export const MAX_QUOTED_CHARS = 80;
/** Longest single problem line (a path plus what is wrong with it). */
export const MAX_PROBLEM_CHARS = 300;
/** Problems listed before the rest are counted instead. */
export const MAX_PROBLEMS_LISTED = 20;

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides
// that can make printed text read differently from what it holds.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default: {
      const code = ch.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
}

/**
 * `text` with control characters escaped (`\x1b`, `\n`) and cut to about `maxChars`, the cut
 * saying how much was left out. Only the part kept is scanned, so a huge input costs little.
 */
export function boundText(text: string, maxChars = MAX_PROBLEM_CHARS): string {
  let out = '';
  let i = 0;
  while (i < text.length && out.length < maxChars) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    // A surrogate pair stays whole; a lone half is escaped like a control character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && /[\udc00-\udfff]/.test(text[i + 1]!)) {
      out += ch + text[i + 1]!;
      i += 2;
      continue;
    }
    out += UNSAFE.test(ch) || (code >= 0xd800 && code <= 0xdfff) ? escapeChar(ch) : ch;
    i += 1;
  }
  const left = text.length - i;
  return left > 0 ? `${out}… (${left} more characters)` : out;
}

/** A piece of input quoted for a message: `"name"`, bounded and escaped like boundText. */
export function quoteInput(value: unknown, maxChars = MAX_QUOTED_CHARS): string {
  const text = typeof value === 'string' ? value : String(value);
  return `"${boundText(
    text.replace(/["\\]/g, (c) => `\\${c}`),
    maxChars,
  )}"`;
}

/** Problems as an indented list of at most `maxListed` bounded lines, then "and K more". */
export function listProblems(problems: readonly string[], maxListed = MAX_PROBLEMS_LISTED): string {
  const shown = problems.slice(0, maxListed).map((p) => `  - ${boundText(p)}`);
  const more = problems.length - shown.length;
  if (more > 0) shown.push(`  - and ${more} more problem${more === 1 ? '' : 's'}`);
  return shown.join('\n');
}

/** A list of names (known presets, declared parameters) for a message, bounded like listProblems. */
export function listNames(names: readonly string[], maxListed = MAX_PROBLEMS_LISTED): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, maxListed).map((n) => boundText(n, MAX_QUOTED_CHARS));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
