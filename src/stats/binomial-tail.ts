// Exact binomial upper tail P(X ≥ g), X ~ Binomial(n, p): the calibrated layer's p-value.
// Terms are summed from the largest one outwards (each the previous times the pmf ratio), so
// every addend is positive and the sum stops once the rest is provably negligible. The start term
// comes from Loader's log pmf, which keeps results exact to ~1e-13 relative down to 1e-300 and, in
// log space, far below.
import { binomialLogPmf } from './binomial-pmf';

/** Stop when the rest of the tail is below this share of the sum. */
const NEGLIGIBLE = 2 ** -60;

function checkArgs(g: number, n: number, p: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1], got ${p}`);
  if (Number.isNaN(g)) throw new RangeError('binomial tail threshold is NaN');
}

/**
 * Σ_{i ≥ 0} pmf(start ± i) / pmf(start), walking up (dir = 1) or down (dir = −1) while the terms
 * shrink. The caller guarantees every ratio on the way is below 1.
 */
function relativeTailSum(start: number, n: number, p: number, dir: 1 | -1): number {
  const odds = p / (1 - p);
  const invOdds = (1 - p) / p;
  let sum = 1;
  let term = 1;
  for (let k = start; dir === 1 ? k < n : k > 0; k += dir) {
    // pmf(k+1)/pmf(k) = (n−k)/(k+1)·p/q ;  pmf(k−1)/pmf(k) = k/(n−k+1)·q/p
    const ratio = dir === 1 ? ((n - k) * odds) / (k + 1) : (k * invOdds) / (n - k + 1);
    term *= ratio;
    sum += term;
    // Later ratios are smaller still, so the rest is at most term·r/(1−r).
    if (ratio < 1 && (term * ratio) / (1 - ratio) <= sum * NEGLIGIBLE) break;
  }
  return sum;
}

/** log P(X ≥ g) for X ~ Binomial(n, p): 0 for g ≤ 0, −Infinity for g > n. Non-integer g is rounded up. */
export function binomialLogSf(g: number, n: number, p: number): number {
  checkArgs(g, n, p);
  const k = Math.ceil(g);
  if (k <= 0) return 0;
  if (k > n) return -Infinity;
  if (p === 0) return -Infinity;
  if (p === 1) return 0;
  if (k === n) return binomialLogPmf(n, n, p);
  if (k > n * p) {
    // Upper tail: terms fall from k on.
    return binomialLogPmf(k, n, p) + Math.log(relativeTailSum(k, n, p, 1));
  }
  // k − 1 < np: the lower tail P(X ≤ k−1) falls from k−1 down and is below ~0.6, so 1 − it is exact enough.
  return Math.log1p(-lowerTail(k - 1, n, p));
}

function lowerTail(k: number, n: number, p: number): number {
  return Math.exp(binomialLogPmf(k, n, p)) * relativeTailSum(k, n, p, -1);
}

/** P(X ≥ g) for X ~ Binomial(n, p). Below ~1e-308 the value underflows gracefully to 0. */
export function binomialSf(g: number, n: number, p: number): number {
  checkArgs(g, n, p);
  const k = Math.ceil(g);
  if (k <= 0) return 1;
  if (k > n || p === 0) return 0;
  if (p === 1) return 1;
  if (k === n) return Math.pow(p, n);
  if (k > n * p) return Math.exp(binomialLogSf(k, n, p));
  return 1 - lowerTail(k - 1, n, p);
}
