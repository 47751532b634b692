// One place for how hard the property-based tests push: a fixed seed and a modest number of
// inputs per property in `npm test` (reproducible in CI), many more under `npm run fuzz`.
// EROSION_FUZZ_RUNS sets the inputs per property; EROSION_FUZZ_SEED replays a reported failure.

const DEFAULT_SEED = 20261207;

/** fast-check parameters for one property: fixed seed, `runs` inputs unless the environment asks for more. */
export function fuzzParams(runs: number): { seed: number; numRuns: number } {
  const envRuns = Number(process.env.EROSION_FUZZ_RUNS);
  const envSeed = Number(process.env.EROSION_FUZZ_SEED);
  return {
    seed: Number.isInteger(envSeed) && envSeed !== 0 ? envSeed : DEFAULT_SEED,
    numRuns: Number.isInteger(envRuns) && envRuns > 0 ? envRuns : runs,
  };
}
