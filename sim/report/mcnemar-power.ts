// What a fixed number of paired seeds can see with the exact one-sided McNemar test, computed
// exactly (no normal approximation): the number of discordant seeds is Binomial(n, π_b + π_c),
// and given d of them the candidate-only count is Binomial(d, π_c / (π_b + π_c)).
import { mcnemarOneSidedP } from './stats.js';
import { tangoPAbove, tangoPBelow } from './tango-score.js';

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

function binomialPmf(k: number, n: number, p: number): number {
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
function upperTail(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = Math.max(0, k); i <= n; i++) s += binomialPmf(i, n, p);
  return Math.min(1, s);
}

const criticalCache = new Map<string, Int32Array>();
/** For each discordant count d ≤ n, the smallest candidate-only count the test rejects at `alpha` (d + 1: never). */
function criticalCounts(n: number, alpha: number): Int32Array {
  const key = `${n}:${alpha}`;
  let table = criticalCache.get(key);
  if (table) return table;
  table = new Int32Array(n + 1);
  for (let d = 0; d <= n; d++) {
    let k = d + 1;
    let tail = 0;
    // Walk down from the top while P(X ≥ k | d, ½) stays within α.
    for (let j = d; j >= 0; j--) {
      tail += binomialPmf(j, d, 0.5);
      if (tail > alpha) break;
      k = j;
    }
    table[d] = k;
  }
  criticalCache.set(key, table);
  return table;
}

/**
 * Power of the exact one-sided McNemar test at level `alpha` with `n` pairs, when the base is unsafe
 * with probability `pBase` and the candidate with `pBase + erosion`, outcomes independent given
 * the seed (no correlation: the conservative case for a paired design).
 */
export function mcnemarPower(n: number, pBase: number, erosion: number, alpha: number): number {
  const pCand = pBase + erosion;
  if (n <= 0 || pCand > 1 || pCand < 0) return 0;
  const baseOnly = pBase * (1 - pCand);
  const candOnly = pCand * (1 - pBase);
  const discordant = baseOnly + candOnly;
  if (discordant === 0) return 0;
  const theta = candOnly / discordant;
  const critical = criticalCounts(n, alpha);
  let power = 0;
  for (let d = 1; d <= n; d++) {
    const k = critical[d]!;
    if (k > d) continue;
    power += binomialPmf(d, n, discordant) * upperTail(k, d, theta);
  }
  return Math.min(1, power);
}

const detectableCache = new Map<string, number | null>();
/**
 * The smallest erosion (to 0.1 pp) that `n` pairs detect with the exact one-sided McNemar test at
 * level `alpha` with `power`, above a base unsafe rate `pBase`; null when even a candidate unsafe
 * on every seed would not be detected that often (too few seeds for this α).
 */
export function detectableErosion(n: number, pBase: number, alpha: number, power = 0.8): number | null {
  const base = Math.round(pBase * 1000) / 1000;
  const key = `${n}:${base}:${alpha}:${power}`;
  if (detectableCache.has(key)) return detectableCache.get(key)!;
  let result: number | null = null;
  const room = 1 - base;
  if (n > 0 && room > 0 && mcnemarPower(n, base, room, alpha) >= power) {
    // Power rises with the erosion; bisection to 0.1 pp.
    let lo = 0;
    let hi = room;
    while (hi - lo > 0.001) {
      const mid = (lo + hi) / 2;
      if (mcnemarPower(n, base, mid, alpha) >= power) hi = mid;
      else lo = mid;
    }
    result = hi;
  }
  detectableCache.set(key, result);
  return result;
}

/** The fewest pairs whose exact one-sided McNemar test at `alpha` detects `erosion` above `pBase` with `power`. */
export function pairsForPower(pBase: number, erosion: number, alpha: number, power = 0.8, maxPairs = 5000): number | null {
  // Power is not monotone in n for a discrete test (it saw-tooths), so find the first n past which
  // it stays above the target for a while, scanning upward.
  let run = 0;
  for (let n = 1; n <= maxPairs; n++) {
    if (mcnemarPower(n, pBase, erosion, alpha) >= power) {
      run += 1;
      if (run === 10) return n - 9;
    } else run = 0;
  }
  return null;
}

/**
 * About how many more paired seeds would decide a row that is still inconclusive, if the seeds to
 * come disagree as often as those so far: the fewest total seeds at which the row's own tests
 * (regression at `alphaRegression`, pass at `alphaPass`) would reject with the counts scaled up.
 * null when neither would within 100,000 seeds (the erosion sits at the budget or the margin).
 */
export function seedsToDecide(
  c: { candidateOnly: number; baseOnly: number; n: number },
  budget: number,
  margin: number,
  alphaRegression: number,
  alphaPass: number,
): number | null {
  if (c.n === 0) return null;
  const decidedAt = (total: number): boolean => {
    const scale = total / c.n;
    const scaled = { candidateOnly: Math.round(c.candidateOnly * scale), baseOnly: Math.round(c.baseOnly * scale), n: total };
    const regression = budget === 0 ? mcnemarOneSidedP(scaled.baseOnly, scaled.candidateOnly) : tangoPAbove(scaled, budget);
    return regression <= alphaRegression || tangoPBelow(scaled, budget + margin) <= alphaPass;
  };
  let hi = c.n * 2;
  while (!decidedAt(hi)) {
    hi *= 2;
    if (hi > 100_000) return null;
  }
  let lo = Math.max(c.n, hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (decidedAt(mid)) hi = mid;
    else lo = mid;
  }
  return Math.max(1, hi - c.n);
}
