/**
 * How long the property tests run: a fixed seed and a few runs per channel or route in `npm test`;
 * `npm run fuzz` sets CAREDESK_FUZZ_RUNS higher and a fresh CAREDESK_FUZZ_SEED, which fast-check
 * prints with any counterexample so the failure can be replayed.
 */
export const fuzzSettings = {
  seed: Number(process.env.CAREDESK_FUZZ_SEED ?? 20261202),
  numRuns: Number(process.env.CAREDESK_FUZZ_RUNS ?? 12),
};
