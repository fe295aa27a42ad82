// numpy's `Generator.shuffle` on a 1-D array (numpy 1.24 `_shuffle_raw`): Fisher–Yates from the last
// index down to 1, each j drawn by `random_interval(bitgen, i)` — mask to the smallest all-ones value
// ≥ i and reject draws above i. For i < 2^32 (always here: vocabularies are ≤ 2^20) each attempt takes one
// buffered 32-bit draw, so two attempts share one 64-bit PCG output.
import type { Pcg64 } from './pcg64';

/** numpy's `random_interval(bitgen, max)` for max < 2^32. */
export function randomInterval32(rng: Pcg64, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do value = (rng.next32() & mask) >>> 0;
  while (value > max);
  return value;
}

/** Shuffles `a` in place exactly as `rng.shuffle(a)` does for a 1-D numpy array of length < 2^32. */
export function numpyShuffle(rng: Pcg64, a: Uint8Array): void {
  for (let i = a.length - 1; i >= 1; i--) {
    const j = randomInterval32(rng, i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
