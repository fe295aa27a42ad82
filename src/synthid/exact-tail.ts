// The exact upper tail of a sum of U independent units when the per-unit law is known exactly (an
// enumerated, integral UnitLaw: hf-transformers keys with a power-of-two sampling table and the mean
// statistic, null-law.ts). Where it applies it replaces the Bennett/Chernoff bounds, which cost about
// an order of magnitude in p (Chernoff lacks the polynomial prefactor); measured in
// eval/synthid-notes.md.
//
// Method: exponential tilting, then the U-fold convolution by FFT. The law is tilted so that its mean
// sits at the threshold; the tilted sum then has most of its mass near the threshold, where an FFT's
// absolute round-off (≈ ε·log₂N) is negligible against it, and
//   P(S ≥ k) = M(λ)^U · e^{−λk} · Σ_{s ≥ k} P_λ(S = s) · e^{−λ(s − k)}.
// A bound on the round-off is added to the sum, so the result errs upward, never down.
import { fft } from '../stats/fft';
import type { UnitLaw } from './null-law';

/** A unit law on the lattice {0, step, 2·step, …, m·step} (latticeLaw gives step 1; the tail takes any). */
export interface LatticeLaw {
  step: number;
  pmf: Float64Array;
}

/** Largest unit value (layers) the exact path takes. */
const MAX_UNIT_LATTICE = 4096;
/**
 * Tilted mass allowed outside the FFT's window, added to the result as error: the tilted sum's mass at
 * the threshold is ≈ 1/(2.5·sd), above 1e-5 for any text a page holds, so this is < 1e-8 relative.
 */
const OUTSIDE_MASS = 1e-13;
/** Largest FFT: past it the bounds are used. */
const MAX_FFT = 1 << 20;
/** Absolute round-off allowed per FFT output, per log₂N (measured errors are ~1e-18 per level). */
const ROUND_OFF_PER_LEVEL = 1e-16;

/**
 * The law on the integer lattice, or null when it is sampled (no exact tail exists) or not integral.
 * A weighted statistic (values in 1/64ths) would need FFTs 64 times longer — ~50 ms a block, measured —
 * so it keeps the bounds.
 */
export function latticeLaw(law: UnitLaw): LatticeLaw | null {
  if (law.samples !== Infinity) return null;
  if (!law.values.every((v) => Math.abs(v - Math.round(v)) < 1e-9)) return null;
  const m = Math.round(law.max);
  if (m > MAX_UNIT_LATTICE) return null;
  const pmf = new Float64Array(m + 1);
  for (let i = 0; i < law.values.length; i++) pmf[Math.round(law.values[i])] += law.shares[i];
  return { step: 1, pmf };
}

function logMgf(pmf: Float64Array, lambda: number): number {
  let top = -Infinity;
  for (let x = 0; x < pmf.length; x++) if (pmf[x] > 0) top = Math.max(top, lambda * x);
  let s = 0;
  for (let x = 0; x < pmf.length; x++) if (pmf[x] > 0) s += pmf[x] * Math.exp(lambda * x - top);
  return top + Math.log(s);
}

/** Mean and variance of the law tilted by λ (e^{λx}·p(x)/M(λ)). */
function tiltedMoments(pmf: Float64Array, lambda: number): { mean: number; variance: number } {
  const lm = logMgf(pmf, lambda);
  let mean = 0;
  let second = 0;
  for (let x = 0; x < pmf.length; x++) {
    if (pmf[x] === 0) continue;
    const w = pmf[x] * Math.exp(lambda * x - lm);
    mean += x * w;
    second += x * x * w;
  }
  return { mean, variance: Math.max(0, second - mean * mean) };
}

/** λ ≥ 0 with the tilted mean at `target` (0 when the law's own mean is there or above). */
function tiltFor(pmf: Float64Array, target: number): number {
  if (tiltedMoments(pmf, 0).mean >= target) return 0;
  // The tilted mean rises in λ: Newton steps, kept inside a bracket that bisection narrows.
  let lo = 0;
  let hi = 1;
  while (tiltedMoments(pmf, hi).mean < target) hi *= 2;
  let lambda = hi / 2;
  // Any λ makes the identity exact; λ only has to centre the tilted sum near the threshold.
  for (let i = 0; i < 100; i++) {
    const { mean, variance } = tiltedMoments(pmf, lambda);
    if (Math.abs(mean - target) < 1e-6) break;
    if (mean < target) lo = lambda;
    else hi = lambda;
    const step = variance > 0 ? lambda + (target - mean) / variance : NaN;
    lambda = step > lo && step < hi ? step : (lo + hi) / 2;
  }
  return lambda;
}

/**
 * log P(X_1 + … + X_U ≥ t) for U i.i.d. units with this law; NaN when U is past the FFT limit (the
 * caller then uses a bound).
 */
export function latticeSumLogSf(law: LatticeLaw, t: number, units: number): number {
  const k = Math.ceil(t / law.step - 1e-9);
  if (k <= 0) return 0;
  if (units === 0) return -Infinity;
  // Work on the law's support [low, high], shifted to start at 0: a smaller FFT, and no threshold
  // between the highest possible sum and U·max that tilting could never reach.
  let low = 0;
  while (law.pmf[low] === 0) low++;
  let high = law.pmf.length - 1;
  while (law.pmf[high] === 0) high--;
  const pmf = law.pmf.subarray(low, high + 1);
  const m = high - low;
  const shifted = k - units * low;
  if (shifted <= 0) return 0;
  if (shifted > units * m) return -Infinity;
  if (shifted === units * m) return units * Math.log(pmf[m]);
  const top = units * m + 1;

  const lambda = tiltFor(pmf, shifted / units);
  const lm = logMgf(pmf, lambda);
  const { mean, variance } = tiltedMoments(pmf, lambda);
  // The tilted sum lies within `half` of its centre but for OUTSIDE_MASS (a Chernoff bound on the
  // tilted law, both sides), so a cyclic FFT of length ≥ 2·half + 1 holds it: what wraps around onto
  // the window is at most that mass.
  const centre = Math.round(units * mean);
  let half = Math.max(m, Math.ceil(6 * Math.sqrt(units * variance)));
  while (half < top && outsideMass(pmf, lambda, lm, units, units * mean, half, variance) > OUTSIDE_MASS) half = Math.ceil(half * 1.25);
  const wrapped = 2 * half + 1 < top;
  // Below the window: P(S ≥ shifted) ≥ 1 − outside; 1 is the answer, off by less than that.
  if (wrapped && shifted < centre - half) return 0;
  let n = 1;
  while (n < (wrapped ? 2 * half + 1 : top)) n <<= 1;
  if (n > MAX_FFT) return NaN;

  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let x = 0; x <= m; x++) re[x] = pmf[x] * Math.exp(lambda * x - lm);
  fft(re, im);
  // The transform of a real sequence is Hermitian: raise the first half to the U-th power (binary
  // powering: a few complex products, no transcendental functions) and mirror it.
  for (let f = 0; f <= n >> 1; f++) {
    let br = re[f];
    let bi = im[f];
    let pr = 1;
    let pi = 0;
    for (let e = units; ; ) {
      if (e & 1) {
        const t = pr * br - pi * bi;
        pi = pr * bi + pi * br;
        pr = t;
      }
      e >>>= 1;
      if (e === 0) break;
      const t = br * br - bi * bi;
      bi = 2 * br * bi;
      br = t;
    }
    re[f] = pr;
    im[f] = pi;
    if (f > 0 && f < n >> 1) {
      re[n - f] = pr;
      im[n - f] = -pi;
    }
  }
  fft(re, im, true);
  let sum = 0;
  let decay = 1;
  let weights = 0;
  const factor = Math.exp(-lambda);
  const end = wrapped ? Math.min(top, centre + half + 1) : top;
  for (let s = shifted; s < end; s++) {
    sum += Math.max(0, re[s % n]) * decay;
    weights += decay;
    decay *= factor;
    if (decay < 1e-300) break;
  }
  // Round-off per entry; when wrapped, the mass that wrapped onto the window and the tail past it.
  const error = ROUND_OFF_PER_LEVEL * Math.log2(n) * weights + (wrapped ? 2 * OUTSIDE_MASS : 0);
  // The tilt's two large terms cancel: their rounding (a few ulps of each) is added too.
  const cancellation = 8 * Number.EPSILON * (Math.abs(units * lm) + lambda * shifted);
  return Math.min(0, units * lm - lambda * shifted + Math.log(sum + error) + cancellation);
}

/**
 * A Chernoff bound on P(|S − centre| ≥ d) for the sum of U units of the law tilted by λ (whose log-MGF
 * at θ is logM(λ + θ) − logM(λ)). Any θ gives a bound; a few near the Gaussian optimum d / (U·var)
 * are tried on each side.
 */
function outsideMass(pmf: Float64Array, lambda: number, lm: number, units: number, centre: number, d: number, variance: number): number {
  if (variance === 0) return 0;
  const best = d / (units * variance);
  let upper = 1;
  let lower = 1;
  for (const f of [0.5, 0.8, 1, 1.25]) {
    const theta = f * best;
    upper = Math.min(upper, Math.exp(units * (logMgf(pmf, lambda + theta) - lm) - theta * (centre + d)));
    lower = Math.min(lower, Math.exp(units * (logMgf(pmf, lambda - theta) - lm) + theta * (centre - d)));
  }
  return upper + lower;
}
