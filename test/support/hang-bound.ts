/**
 * How long one parse may take in a test before it counts as a hang. Tests check that nothing hangs or
 * goes quadratic, not how fast the parser is: a CI machine shared with other work was seen to take 20
 * times longer than a quiet one on the same input (a 330 kB file parsed in 120 ms here took 2.6 s
 * there), so a bound tight enough to measure speed fails for reasons that are not the parser's. Speed
 * is measured by `npm run bench:x12` and `npm run fuzz:x12`, which report the slowest input.
 */
export const HANG_BOUND_MS = 30_000;
