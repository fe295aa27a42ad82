// exp(x) correctly rounded to nearest. cephes erfc (normal-tail.ts) calls libm's exp, and glibc's
// is correctly rounded for practically every argument, while V8's Math.exp is off by one ulp
// now and then: with Math.exp 21 of the 520 reference normal p-values differ in the last bits,
// with this one none do. Double-double evaluation settles almost every case (Ziv's test); the
// rest (and subnormal results) fall back to exact BigInt arithmetic.
import { binaryExponent, decompose, pow2, roundToDouble } from './double-bits';
import { ddAdd, ddDivNumber, ddMul, twoProd, type DD } from './double-double';

// ln 2 to about 160 bits, in three doubles.
const LN2_1 = 0.6931471805599453;
const LN2_2 = 2.3190468138462996e-17;
const LN2_3 = 5.707708438416212e-34;

const TAYLOR_TERMS = 27; // |r| ≤ ln2/2: 0.35^27/27! < 2^-140
const INV_FACTORIAL: DD[] = (() => {
  const out: DD[] = [[1, 0]];
  for (let i = 1; i <= TAYLOR_TERMS; i++) out.push(ddDivNumber(out[i - 1], i));
  return out;
})();

/** Relative error bound of the double-double path, with a wide margin (it is near 2^-100). */
const DD_REL_ERROR = 2 ** -90;

// The same constants as (hi, lo) pairs, for the scalar loop below.
const INV_FACTORIAL_HI = Float64Array.from(INV_FACTORIAL, (d) => d[0]);
const INV_FACTORIAL_LO = Float64Array.from(INV_FACTORIAL, (d) => d[1]);
const SPLITTER = 134217729; // 2^27 + 1, as double-double.ts

/**
 * e^x as an unevaluated sum value[0] + value[1] times 2^k. The argument reduction goes through
 * double-double.ts; the Taylor sum (27 rounds of ddMul then ddAdd) is those very operations written
 * out on scalars, in the same order, because a pair allocated per operation made this the costliest
 * part of a normal p-value.
 */
function expDoubleDouble(x: number): { value: DD; k: number } {
  const k = Math.round(x / LN2_1);
  const p1 = twoProd(k, LN2_1);
  const p2 = twoProd(k, LN2_2);
  // x - k·ln2_1 is exact (Sterbenz) whenever k ≠ 0.
  let r: DD = ddAdd([x - p1[0], 0], [-p1[1], 0]);
  r = ddAdd(r, [-p2[0], -p2[1]]);
  r = ddAdd(r, [-k * LN2_3, 0]);
  const [rh, rl] = r;
  const rc = SPLITTER * rh;
  const rHi = rc - (rc - rh);
  const rLo = rh - rHi;
  let sh = INV_FACTORIAL_HI[TAYLOR_TERMS];
  let sl = INV_FACTORIAL_LO[TAYLOR_TERMS];
  for (let i = TAYLOR_TERMS - 1; i >= 0; i--) {
    // (mh, ml) = ddMul((sh, sl), (rh, rl))
    const p = sh * rh;
    const sc = SPLITTER * sh;
    const sHi = sc - (sc - sh);
    const sLo = sh - sHi;
    const e = sHi * rHi - p + sHi * rLo + sLo * rHi + sLo * rLo;
    const z = e + (sh * rl + sl * rh);
    const mh = p + z;
    const ml = z - (mh - p);
    // (sh, sl) = ddAdd((mh, ml), INV_FACTORIAL[i])
    const fh = INV_FACTORIAL_HI[i];
    const fl = INV_FACTORIAL_LO[i];
    const s = mh + fh;
    const bb = s - mh;
    const es = mh - (s - bb) + (fh - bb);
    const t = ml + fl;
    const bt = t - ml;
    const ft = ml - (t - bt) + (fl - bt);
    const q = es + t;
    const s2 = s + q;
    const e2 = q - (s2 - s);
    const w = e2 + ft;
    sh = s2 + w;
    sl = w - (sh - s2);
  }
  return { value: [sh, sl], k };
}

// --- exact fallback -------------------------------------------------------------------------

const PREC = 320n;
const ONE = 1n << PREC;
const LN2_FIXED = (() => {
  // ln 2 = Σ 1/(k·2^k)
  let s = 0n;
  for (let k = 1n; k < PREC + 16n; k++) s += ONE / (k << k);
  return s;
})();

/** e^x correctly rounded by exact BigInt arithmetic: slow, the reference for the fast path. */
export function exactExp(x: number): number {
  const special = specialCase(x);
  if (special !== undefined) return special;
  const { mantissa, exponent } = decompose(x);
  const shift = BigInt(exponent) + PREC;
  const xf = shift >= 0n ? mantissa << shift : mantissa >> -shift; // |x| ≥ 2^-60 here: exact
  let k = xf / LN2_FIXED;
  if (xf < 0n && k * LN2_FIXED !== xf) k -= 1n;
  const r = xf - k * LN2_FIXED; // [0, ln 2)
  let term = ONE;
  let sum = ONE;
  for (let i = 1n; term !== 0n; i++) {
    term = (term * r) / ONE / i;
    sum += term;
  }
  return roundToDouble(sum, Number(k) - Number(PREC));
}

function specialCase(x: number): number | undefined {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.8) return Infinity;
  if (x < -745.2) return 0;
  // Below 2^-60 in magnitude e^x is within a quarter ulp of 1 and rounds to 1.
  if (Math.abs(x) < 2 ** -60) return 1;
  return undefined;
}

/** e^x, correctly rounded to nearest (ties to even). */
export function correctlyRoundedExp(x: number): number {
  const special = specialCase(x);
  if (special !== undefined) return special;
  const { value, k } = expDoubleDouble(x);
  const [hi, lo] = value;
  const scaled = hi * pow2(k);
  if (Number.isFinite(scaled) && Math.abs(scaled) >= pow2(-1022)) {
    // hi + lo rounds to hi; so does the true value unless it may lie beyond a midpoint.
    const err = hi * DD_REL_ERROR;
    const e = binaryExponent(hi);
    const halfUlpUp = pow2(e - 53);
    const halfUlpDown = hi === pow2(e) ? halfUlpUp / 2 : halfUlpUp;
    if (lo + err < halfUlpUp && lo - err > -halfUlpDown) return scaled;
  }
  return exactExp(x);
}
