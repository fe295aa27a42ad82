// log P(X = k) for X ~ Binomial(n, p), accurate to a few ulps of the log terms for n up to
// millions: Loader's saddle-point form ("Fast and accurate computation of binomial
// probabilities", 2000), as in R's dbinom_raw, with stirlerr's table and series from R's
// stirlerr.c. One change: bd0 uses its cancellation-free series up to |x−np| < 0.5(x+np)
// instead of 0.1, so the deviance stays accurate to a few ulps where log P is near −700 and the
// tail must still be right in linear space.

const LN_2PI = 1.837877066409345483560659472811; // log(2π)

/** stirlerr(k) = log(k!) − log(√(2πk)·(k/e)^k), exact to double precision for k = 0..15. */
const STIRLERR_INT = [
  0, // k = 0: unused (k = 0 never reaches the general formula)
  0.0810614667953272582196702, // 1
  0.0413406959554092940938221, // 2
  0.02767792568499833914878929, // 3
  0.02079067210376509311152277, // 4
  0.01664469118982119216319487, // 5
  0.01387612882307074799874573, // 6
  0.01189670994589177009505572, // 7
  0.010411265261972096497478567, // 8
  0.009255462182712732917728637, // 9
  0.008330563433362871256469318, // 10
  0.007573675487951840794972024, // 11
  0.006942840107209529865664152, // 12
  0.006408994188004207068439631, // 13
  0.005951370112758847735624416, // 14
  0.005554733551962801371038690, // 15
];

const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** Stirling-series error term for a non-negative integer k (absolute error ~1e-17). */
export function stirlerr(k: number): number {
  if (k <= 15) return STIRLERR_INT[k];
  const kk = k * k;
  if (k > 500) return (S0 - S1 / kk) / k;
  if (k > 80) return (S0 - (S1 - S2 / kk) / kk) / k;
  if (k > 35) return (S0 - (S1 - (S2 - S3 / kk) / kk) / kk) / k;
  return (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k;
}

/** Deviance term x·log(x/np) + np − x, computed without cancellation near x = np. */
export function bd0(x: number, np: number): number {
  const d = x - np;
  if (Math.abs(d) < 0.5 * (x + np)) {
    // x·log(x/np) + np − x = d·v + 2x·Σ_{j≥1} v^(2j+1)/(2j+1), v = d/(x+np): all terms share a sign.
    let v = d / (x + np);
    let s = d * v;
    if (Math.abs(s) < 2.2250738585072014e-308) return s; // v underflowed: nothing left to add
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** log P(X = k), X ~ Binomial(n, p); −Infinity outside 0..n. n, k integers, 0 ≤ p ≤ 1. */
export function binomialLogPmf(k: number, n: number, p: number): number {
  const q = 1 - p;
  if (k < 0 || k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (q === 0) return k === n ? 0 : -Infinity;
  if (k === 0) return n === 0 ? 0 : p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  if (k === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return lc - 0.5 * lf;
}
