// How hard the stress suites push. `npm test` runs the short variants (CI); TRESEN_LONG=1 runs the long
// ones locally. Every suite takes its sizes from here so one switch scales them all.
export const LONG = process.env.TRESEN_LONG === '1'

/** The short count in CI, the long count with TRESEN_LONG=1. */
export function budget(short: number, long: number): number {
  return LONG ? long : short
}

/** fast-check parameters: a fixed seed in CI so a red run replays; a fresh one for long runs. */
export function fcParams(numRuns: number): { numRuns: number; seed?: number; endOnFailure: boolean } {
  const seed = process.env.TRESEN_FUZZ_SEED
    ? Number(process.env.TRESEN_FUZZ_SEED)
    : LONG
      ? undefined
      : 20_261_122
  return { numRuns, ...(seed !== undefined ? { seed } : {}), endOnFailure: true }
}
