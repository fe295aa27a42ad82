// How surprising is the best window of a given length somewhere in a block of null units?
// Union bound over "up-crossings" (Naus/Glaz style): with i.i.d. Bernoulli(p) units, some window
// of length L among the N − L + 1 reaches k greens only if the first one does, or some window j
// reaches k while window j−1 had k − 1: that needs unit j−1 red, unit j+L−1 green and k − 1 greens
// in the L − 1 units they share. Hence
//   P(max window count ≥ k) ≤ sf(k; L) + (N − L)·p·q·pmf(k − 1; L − 1),
// rigorous, and sharper than Bonferroni's (N − L + 1)·sf(k; L) because neighbouring windows
// share almost all their units: in exact enumerations (N ≤ 18) it is 1–13% above the true tail,
// and at the 1e-4 thresholds for N = 600 it is 1.3× (L = 14) to 8.7× (L = 462) below Bonferroni.
import { binomialLogPmf } from './binomial-pmf';
import { binomialLogSf } from './binomial-tail';

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** log of the bound above on P(some length-L window among N units has ≥ k greens). */
export function logScanBound(k: number, windowLength: number, numUnits: number, p: number): number {
  return logScanBoundFrom(binomialLogSf(k, windowLength, p), () => binomialLogPmf(k - 1, windowLength - 1, p), k, windowLength, numUnits, p);
}

/**
 * logScanBound from its two binomial terms, which do not depend on N: `logSf` = binomialLogSf(k, L, p)
 * and `logPmfBefore()` = binomialLogPmf(k − 1, L − 1, p), asked for only when needed. Plans for
 * blocks of many sizes share these (scan-plan.ts), with the very same arithmetic as logScanBound.
 */
export function logScanBoundFrom(logSf: number, logPmfBefore: () => number, k: number, windowLength: number, numUnits: number, p: number): number {
  if (numUnits <= windowLength || k < 1) return logSf;
  const logCrossings = Math.log(numUnits - windowLength) + Math.log(p) + Math.log1p(-p) + logPmfBefore();
  return logAddExp(logSf, logCrossings);
}
