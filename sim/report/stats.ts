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
 * Newcombe (1998, Statistics in Medicine 17:2635) method 10: Wilson limits of each margin
 * combined with the continuity-corrected correlation of the pairs.
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
  // Newcombe's continuity-corrected correlation: ad − bc shrunk by n/2 towards 0 when positive
  // (and kept when negative). Without it the interval is too narrow for correlated pairs.
  const ad_bc = a * d - b * cc;
  const corrected = ad_bc > n / 2 ? ad_bc - n / 2 : ad_bc < 0 ? ad_bc : 0;
  const phi = denom === 0 ? 0 : corrected / denom;
  const diff = p1 - p2;
  const lower = diff - Math.sqrt(Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2));
  const upper = diff + Math.sqrt(Math.max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2));
  return [Math.max(-1, lower), Math.min(1, upper)];
}

/** Mean of a list; 0 for an empty one. */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/**
 * Holm step-down adjustment of p-values for m simultaneous tests: sort ascending, multiply the
 * i-th smallest by (m − i), keep the running maximum, cap at 1. Returned in the input's order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** One-sided standard normal quantile for 80% power. */
export const Z_POWER_80 = 0.8416212335729143;

/**
 * Episodes per policy a two-proportion test needs to tell p1 from p2 (two-sided 95%, 80% power,
 * no continuity correction; Fleiss). Pairing base and candidate on the same seeds only lowers this
 * when their outcomes are correlated, so it is the conservative figure for a paired run.
 */
export function episodesNeeded(p1: number, p2: number, zAlpha = Z95, zBeta = Z_POWER_80): number {
  const delta = Math.abs(p2 - p1);
  if (delta === 0) return Infinity;
  const pBar = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (root * root) / (delta * delta);
}

/**
 * The smallest rise of the unsafe rate above `baseRate` that `pairs` seeds detect with 80% power
 * at 95% confidence, found by bisection on episodesNeeded (which falls as the rise grows).
 * null when even a rise to 100% unsafe is out of reach.
 */
export function minDetectableErosion(pairs: number, baseRate: number): number | null {
  const room = 1 - baseRate;
  if (pairs <= 0 || room <= 0 || episodesNeeded(baseRate, 1) > pairs) return null;
  let lo = 0;
  let hi = room;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (episodesNeeded(baseRate, baseRate + mid) <= pairs) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Exact one-sided McNemar test of "the candidate is not worse" (H0: P(candidate only) ≤
 * P(base only)): given the discordant seeds, the candidate-only count is Binomial(m, ½) at the
 * boundary, so p = P(X ≥ candidateOnly).
 */
export function mcnemarOneSidedP(baseOnly: number, candidateOnly: number): number {
  const m = baseOnly + candidateOnly;
  if (m === 0) return 1;
  let tail = 0;
  for (let i = candidateOnly; i <= m; i++) tail += Math.exp(logChoose(m, i) - m * Math.LN2);
  return Math.min(1, tail);
}
