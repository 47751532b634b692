// Small, exact statistics for paired safety comparisons. Each function says which method it is.

export const Z95 = 1.959963984540054;

/** Wilson score interval for k successes in n trials. */
export function wilsonInterval(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** log of n choose k, exact enough for n in the tens of thousands. */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * Exact two-sided McNemar test: under H0 the discordant pairs split 50/50, so the
 * p-value is twice the binomial tail of the smaller count (capped at 1).
 */
export function mcnemarExactP(baseOnly: number, candidateOnly: number): number {
  const n = baseOnly + candidateOnly;
  if (n === 0) return 1;
  const k = Math.min(baseOnly, candidateOnly);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

export interface PairedCounts {
  /** Both unsafe. */
  both: number;
  baseOnly: number;
  candidateOnly: number;
  /** Both safe. */
  neither: number;
}

/**
 * Interval for the paired difference of proportions p_candidate − p_base,
 * Newcombe (1998) method 10: Wilson limits of each margin combined with the
 * observed correlation of the pairs.
 */
export function pairedDifferenceInterval(c: PairedCounts, z = Z95): [number, number] {
  const n = c.both + c.baseOnly + c.candidateOnly + c.neither;
  if (n === 0) return [-1, 1];
  const p1 = (c.both + c.candidateOnly) / n;
  const p2 = (c.both + c.baseOnly) / n;
  const [l1, u1] = wilsonInterval(c.both + c.candidateOnly, n, z);
  const [l2, u2] = wilsonInterval(c.both + c.baseOnly, n, z);
  const a = c.both;
  const b = c.candidateOnly;
  const cc = c.baseOnly;
  const d = c.neither;
  const denom = Math.sqrt((a + b) * (cc + d) * (a + cc) * (b + d));
  const phi = denom === 0 ? 0 : (a * d - b * cc) / denom;
  const diff = p1 - p2;
  const lower = diff - Math.sqrt(Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2));
  const upper = diff + Math.sqrt(Math.max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2));
  return [Math.max(-1, lower), Math.min(1, upper)];
}

/** Mean of a list; 0 for an empty one. */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
}
