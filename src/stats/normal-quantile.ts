// The standard normal quantile, as `scipy.stats.norm.ppf(p)`. scipy uses cephes `ndtri`, accurate to a
// few ulps; here the root of normalSf(x) = 1 − p (or normalCdf(x) = p below ½) is polished by Newton's
// method from a rational first guess, so the result is as accurate as the tail functions (~1e-15 relative),
// which is what the Unigram reference's `_compute_tau` threshold needs for parity to 1e-12.
import { normalCdf, normalSf } from './normal-tail';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

function pdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** x with P(Z ≤ x) = p; −Infinity at 0, Infinity at 1, NaN outside [0, 1]. */
export function normalPpf(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Work in the tail with the smaller probability, where the tail function has full relative accuracy.
  const upper = p > 0.5;
  const q = upper ? 1 - p : p; // exact for p ≥ ½ (Sterbenz)
  // Tail approximation (Abramowitz–Stegun 26.2.23) as a start: |error| < 4.5e-4.
  const t = Math.sqrt(-2 * Math.log(q));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  // x > 0 solves P(Z ≥ x) = q.
  for (let i = 0; i < 50; i++) {
    const f = normalSf(x) - q;
    const step = f / pdf(x);
    x += step;
    if (Math.abs(step) <= 1e-17 * Math.abs(x)) break;
  }
  return upper ? x : -x;
}

export { normalCdf };
