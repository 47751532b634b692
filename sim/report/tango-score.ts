// Tango's score test and interval for the difference of paired proportions (Tango 1998, Statistics
// in Medicine 17:891–908). Unlike the exact McNemar test it can test a difference other than zero,
// which a budget (δ ≤ B) and a non-inferiority margin (δ ≥ B + margin) both need.
import { normalUpperTail, normalQuantile } from './normal.js';

/** Seeds where only the candidate had the outcome, only the base, and all paired seeds. */
export interface DiscordantCounts {
  candidateOnly: number;
  baseOnly: number;
  n: number;
}

/**
 * The score statistic at δ0 for δ = P(candidate only) − P(base only). It falls as δ0 rises; large
 * and positive means the data say δ > δ0.
 */
export function tangoScore(c: DiscordantCounts, delta0: number): number {
  const { candidateOnly: x, baseOnly: y, n } = c;
  if (n === 0) return 0;
  // Restricted maximum-likelihood estimate of P(base only) under δ = δ0 (Tango's eq. 4).
  const a = 2 * n;
  const b = -x - y + (2 * n - x + y) * delta0;
  const cc = -y * delta0 * (1 - delta0);
  const q = (-b + Math.sqrt(Math.max(0, b * b - 4 * a * cc))) / (2 * a);
  const numerator = x - y - n * delta0;
  const variance = n * (2 * q + delta0 * (1 - delta0));
  if (variance <= 0) return numerator === 0 ? 0 : numerator > 0 ? Infinity : -Infinity;
  return numerator / Math.sqrt(variance);
}

/** One-sided p-value of H0: δ ≤ δ0 (small when the data say δ is above δ0). */
export function tangoPAbove(c: DiscordantCounts, delta0: number): number {
  return normalUpperTail(tangoScore(c, delta0));
}

/** One-sided p-value of H0: δ ≥ δ0 (small when the data say δ is below δ0). */
export function tangoPBelow(c: DiscordantCounts, delta0: number): number {
  return normalUpperTail(-tangoScore(c, delta0));
}

/** The δ0 in [−1, 1] where the score equals `target`, by bisection (the score falls with δ0). */
function solve(c: DiscordantCounts, target: number): number {
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (tangoScore(c, mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Two-sided (1 − α) score interval for δ: every δ0 the two-sided score test does not reject. */
export function tangoInterval(c: DiscordantCounts, alpha = 0.05): [number, number] {
  if (c.n === 0) return [-1, 1];
  const z = normalQuantile(1 - alpha / 2);
  return [solve(c, z), solve(c, -z)];
}
