// An always-valid test for the mean of a paired difference, for runs that add seeds until the
// answer is decided. Each pair gives D = candidate − base ∈ {−1, 0, 1} (1: only the candidate was
// unsafe). Betting on D − δ0 with a fixed fraction λ gives a wealth process that, under
// H0: E[D] ≤ δ0, is a non-negative supermartingale; by Ville's inequality it ever reaches 1/α with
// probability at most α, however often it is looked at (Waudby-Smith & Ramdas 2023, "Estimating
// means of bounded random variables by betting", JRSS-B). An average of such processes over a
// grid of λ is one too, so no single bet size has to be guessed in advance; a plug-in bettor beside
// it sizes its bets from the pairs so far.

/** Bet sizes, as fractions of the largest bet that cannot lose everything on one pair. */
const BET_FRACTIONS = Array.from({ length: 19 }, (_, i) => (i + 1) * 0.05);

export type Side = 'above' | 'below';

/**
 * The running maximum of the mixture wealth for H0: E[D] ≤ δ0 (side 'above': evidence that the
 * difference is above δ0) or H0: E[D] ≥ δ0 (side 'below'), over the pairs in the order given.
 * 1/(this) is an always-valid p-value.
 */
export function maxBettingWealth(diffs: readonly number[], delta0: number, side: Side): number {
  // Payoff per pair is s·(D − δ0) with s = +1 (above) or −1 (below); the worst payoff is
  // −(1 + s·δ0), so λ < 1/(1 + s·δ0) keeps every factor positive.
  const s = side === 'above' ? 1 : -1;
  const worstLoss = 1 + s * delta0;
  if (worstLoss <= 0) return 1; // δ0 at the edge of [−1, 1]: the null cannot be false
  const lambdaCap = BET_FRACTIONS[BET_FRACTIONS.length - 1]! / worstLoss;
  const lambdas = BET_FRACTIONS.map((f) => f / worstLoss);
  const logWealth = new Array<number>(lambdas.length).fill(0);
  // A second bettor sizes each bet from the pairs before it (the GRAPA plug-in of Waudby-Smith &
  // Ramdas: λ = mean payoff / mean squared payoff, capped), so a steady stream of evidence is not
  // taxed by the grid's spread. Half the stake each; an average of test martingales is one too.
  let plugInLog = 0;
  let sum = 0;
  let sumSq = 0;
  let best = 1;
  for (const d of diffs) {
    const payoff = s * (d - delta0);
    let grid = 0;
    for (let j = 0; j < lambdas.length; j++) {
      logWealth[j]! += Math.log1p(lambdas[j]! * payoff);
      grid += Math.exp(logWealth[j]!);
    }
    const lambda = sumSq > 0 ? Math.min(lambdaCap, Math.max(0, sum / sumSq)) : 0;
    plugInLog += Math.log1p(lambda * payoff);
    sum += payoff;
    sumSq += payoff * payoff;
    best = Math.max(best, 0.5 * (grid / lambdas.length) + 0.5 * Math.exp(plugInLog));
  }
  return best;
}

/** Always-valid p-value: valid at whatever seed count the run stopped, decided by the data. */
export function alwaysValidP(diffs: readonly number[], delta0: number, side: Side): number {
  return Math.min(1, 1 / maxBettingWealth(diffs, delta0, side));
}
