// The standard normal upper tail exactly as scipy 1.10 computes `scipy.stats.norm.sf(z)`:
// `ndtr(-z)` from its cephes ndtr.c, with cephes' erf/erfc rational approximations. Same
// coefficients and the same operation order, so the reference p-values come out bit for bit;
// libm's exp is replaced by a correctly rounded one (glibc's agrees with it on every vector).
import { correctlyRoundedExp } from './correctly-rounded-exp';

/** erfc numerator and denominator for 1 ≤ x < 8. */
const P = [
  2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687e0,
  4.86371970985681366614e1, 1.96520832956077098242e2, 5.26445194995477358631e2,
  9.34528527171957607540e2, 1.02755188689515710272e3, 5.57535335369399327526e2,
];
const Q = [
  1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2,
  9.75708501743205489753e2, 1.82390916687909736289e3, 2.24633760818710981792e3,
  1.65666309194161350182e3, 5.57535340817727675546e2,
];
/** erfc numerator and denominator for x ≥ 8. */
const R = [
  5.64189583547755073984e-1, 1.27536670759978104416e0, 5.01905042251180477414e0,
  6.16021097993053585195e0, 7.40974269950448939160e0, 2.97886665372100240670e0,
];
const S = [
  2.26052863220117276590e0, 9.39603524938001434673e0, 1.20489539808096656605e1,
  1.70814450747565897222e1, 9.60896809063285878198e0, 3.36907645100081516050e0,
];
/** erf numerator and denominator for |x| ≤ 1. */
const T = [
  9.60497373987051638749e0, 9.00260197203842689217e1, 2.23200534594684319226e3,
  7.00332514112805075473e3, 5.55923013010394962768e4,
];
const U = [
  3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3,
  2.26290000613890934246e4, 4.92673942608635921086e4,
];

/** cephes MAXLOG = log(DBL_MAX). */
const MAXLOG = 7.09782712893383996843e2;
/** NPY_SQRT1_2 (the same double as Math.SQRT1_2). */
const SQRT1_2 = 0.707106781186547524400844362104849039;

// cephes polevl / p1evl: Horner, leading coefficient implicit 1 in p1evl.
function polevl(x: number, coef: readonly number[], n: number): number {
  let ans = coef[0];
  for (let i = 1; i <= n; i++) ans = ans * x + coef[i];
  return ans;
}

function p1evl(x: number, coef: readonly number[], n: number): number {
  let ans = x + coef[0];
  for (let i = 1; i < n; i++) ans = ans * x + coef[i];
  return ans;
}

function underflow(a: number): number {
  return a < 0 ? 2 : 0;
}

export function cephesErfc(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = a < 0 ? -a : a;
  if (x < 1) return 1 - cephesErf(a);
  let z = -a * a;
  if (z < -MAXLOG) return underflow(a);
  z = correctlyRoundedExp(z);
  let p: number;
  let q: number;
  if (x < 8) {
    p = polevl(x, P, 8);
    q = p1evl(x, Q, 8);
  } else {
    p = polevl(x, R, 5);
    q = p1evl(x, S, 6);
  }
  let y = (z * p) / q;
  if (a < 0) y = 2 - y;
  if (y === 0) return underflow(a);
  return y;
}

export function cephesErf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -cephesErf(-x);
  if (Math.abs(x) > 1) return 1 - cephesErfc(x);
  const z = x * x;
  return (x * polevl(z, T, 4)) / p1evl(z, U, 5);
}

/** Standard normal CDF, cephes `ndtr`. */
export function normalCdf(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = a * SQRT1_2;
  const z = Math.abs(x);
  if (z < SQRT1_2) return 0.5 + 0.5 * cephesErf(x);
  const y = 0.5 * cephesErfc(z);
  return x > 0 ? 1 - y : y;
}

/**
 * P(Z ≥ z) for a standard normal Z, as `scipy.stats.norm.sf(z)` (scipy 1.10): accurate in the
 * upper tail down to ~1e-308, subnormal up to z ≈ 37.68, exactly 0 beyond.
 */
export function normalSf(z: number): number {
  return normalCdf(-z);
}
