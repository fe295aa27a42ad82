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

// One table serves every n: with T[j] = 1 / (N - j), the last n entries are 1 / n, 1 / (n - 1), …, 1,
// i.e. exactly the reciprocals of a length-n pass. It grows to the next power of two of the largest n
// asked for, so all tables ever built total less than 2 · 8 · N bytes (16 MiB at the key-set limit
// vocabSize ≤ 2^20), however many vocabulary sizes are in use. (Before, one 8n-byte table per n:
// 1.7 GiB for a hostile n of 214,748,363, and again for each distinct n.)
let table = new Float64Array(0);

/** recip[i] = 1 / (n - i): the reciprocal for Fisher–Yates step i of a length-n permutation (a view; do not mutate). */
export function stepReciprocals(n: number): Float64Array {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`stepReciprocals: n must be a positive integer, got ${n}`);
  if (n > table.length) {
    const size = 2 ** Math.ceil(Math.log2(n));
    const t = new Float64Array(size);
    for (let j = 0; j < size; j++) t[j] = 1 / (size - j);
    table = t;
  }
  return table.subarray(table.length - n);
}

/** r mod m for 0 <= r < 2^50, given inv = 1 / m (see the proof above). */
export function modByReciprocal(r: number, m: number, inv: number): number {
  return r - Math.floor((r + 0.5) * inv) * m;
}
