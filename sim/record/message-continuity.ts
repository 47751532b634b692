// Whether a replay's messages are all there, once each and in time order. Each episode channel
// numbers its messages 0, 1, 2, … (see encodeEpisodeMcap), and the MCAP summary's Statistics
// record counts them; a chunk lost or repeated (a copy gone wrong, a disk error) leaves a gap or a
// repeat in those numbers even where every record still parses. A decoder that showed such a
// replay would show a whole-looking episode with a jump or a stutter in it; this says which part
// is missing or repeated instead.

export interface Numbered<T> {
  sequence: number;
  value: T;
}

export interface Continuity<T> {
  /** The messages in order, each sequence number once (the first copy kept). */
  kept: T[];
  /** What is wrong, in words a reader can act on; empty when the channel is whole. */
  problems: string[];
}

/** "12–40" or "12". */
function span(a: number, b: number): string {
  return a === b ? String(a) : `${a}–${b}`;
}

/** At most three ranges, then how many more. */
function listRanges(ranges: Array<[number, number]>, describe: (r: [number, number]) => string): string {
  const shown = ranges.slice(0, 3).map(describe).join(', ');
  return ranges.length > 3 ? `${shown} and ${ranges.length - 3} more` : shown;
}

function ranges(numbers: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of numbers) {
    const last = out.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * Checks one channel: sequence numbers 0 … n-1, each once, n as the summary counts (when it
 * does), and — given `timeOf` — times that never go back. `noun` names a message ("step").
 */
export function checkContinuity<T>(noun: string, list: Array<Numbered<T>>, expected: number | undefined, timeOf?: (value: T) => number): Continuity<T> {
  const sorted = [...list].sort((a, b) => a.sequence - b.sequence);
  const kept: Array<Numbered<T>> = [];
  const repeated: number[] = [];
  for (const entry of sorted) {
    if (kept.length > 0 && kept.at(-1)!.sequence === entry.sequence) repeated.push(entry.sequence);
    else kept.push(entry);
  }
  const problems: string[] = [];
  const at = (i: number): string => {
    const t = timeOf && kept[i] ? timeOf(kept[i]!.value) : Number.NaN;
    return Number.isFinite(t) ? `t = ${t.toFixed(3)} s` : '';
  };
  if (repeated.length > 0) {
    problems.push(`${noun}s ${listRanges(ranges([...new Set(repeated)]), (r) => span(...r))} appear more than once (a repeated chunk); each is shown once`);
  }
  // Gaps between the numbers present, and before the first.
  const missing: Array<[number, number, number]> = [];
  let next = 0;
  kept.forEach((entry, i) => {
    if (entry.sequence > next) missing.push([next, entry.sequence - 1, i]);
    next = entry.sequence + 1;
  });
  if (missing.length > 0) {
    const describe = ([a, b, i]: [number, number, number]) => {
      const before = i > 0 ? at(i - 1) : '';
      const after = at(i);
      const where = before && after ? ` (between ${before} and ${after})` : after ? ` (before ${after})` : '';
      return `${span(a, b)}${where}`;
    };
    const shown = missing.slice(0, 3).map(describe).join(', ');
    problems.push(`${noun}s ${shown}${missing.length > 3 ? ` and ${missing.length - 3} more ranges` : ''} are missing (a lost chunk)`);
  }
  if (expected !== undefined && Number.isFinite(expected) && expected > next) {
    const last = kept.length > 0 ? at(kept.length - 1) : '';
    problems.push(`${noun}s ${span(next, expected - 1)} are missing at the end${last ? ` (after ${last})` : ''}: the file's summary counts ${expected}`);
  }
  if (timeOf) {
    for (let i = 1; i < kept.length; i++) {
      const before = timeOf(kept[i - 1]!.value);
      const now = timeOf(kept[i]!.value);
      if (now < before) {
        problems.push(`${noun} ${kept[i]!.sequence} goes back in time (t = ${now.toFixed(3)} s after ${before.toFixed(3)} s)`);
        break;
      }
    }
  }
  return { kept: kept.map((e) => e.value), problems };
}
