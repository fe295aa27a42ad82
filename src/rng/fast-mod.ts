// Exact `r mod m` for the Fisher–Yates moduli n, n-1, n-2, … without an integer division in the loop.
//
// V8 has no fast path for `%` on a uint32 above 2^31 (it is not an int32, so the operation falls back
// to a floating-point remainder); a multiply by a precomputed reciprocal is far cheaper.
//
// Claim: for integers 0 <= r < 2^50 and m >= 1, with inv = fl(1/m) (IEEE double, round to nearest),
//   q = floor(fl((r + 0.5) * inv))  equals  floor(r / m),  and  r - q*m  is exact.
// Proof. Let u = 2^-53. r + 0.5 is exact (r < 2^50). inv = (1/m)(1 + d1), |d1| <= u, and
//   p = fl((r + 0.5) * inv) = ((r + 0.5)/m)(1 + d1)(1 + d2), |d2| <= u, so
//   |p - (r + 0.5)/m| <= ((r + 0.5)/m)(2u + u^2) < 2^50.01 * 2^-51.99 / m < 0.26 / m.
// Write r = q*m + s with 0 <= s <= m-1: (r + 0.5)/m = q + (s + 0.5)/m, whose fractional part lies in
// [0.5/m, 1 - 0.5/m]. Being less than 0.26/m away, p lies strictly inside (q, q + 1), so floor(p) = q.
// q*m <= r < 2^53 is an exact double product and r - q*m an exact difference. ∎
// So every uint32 draw and every modulus a vocabulary can have is covered with a wide margin.

const cache = new Map<number, Float64Array>();
// Tables are 8 bytes per vocabulary entry; a handful of distinct vocabulary sizes is the normal case.
const MAX_CACHED = 8;

/** recip[i] = 1 / (n - i): the reciprocal for Fisher–Yates step i of a length-n permutation. Cached per n. */
export function stepReciprocals(n: number): Float64Array {
  let t = cache.get(n);
  if (t !== undefined) return t;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`stepReciprocals: n must be a positive integer, got ${n}`);
  t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = 1 / (n - i);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as number);
  cache.set(n, t);
  return t;
}

/** r mod m for 0 <= r < 2^50, given inv = 1 / m (see the proof above). */
export function modByReciprocal(r: number, m: number, inv: number): number {
  return r - Math.floor((r + 0.5) * inv) * m;
}
