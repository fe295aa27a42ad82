// Number-only PRF evaluation straight to the 32-bit CPU seed, for the detection hot path.
//
// Every path here computes with non-negative integers and checks that each intermediate stays
// <= 2^53 - 1. While that holds, every double operation is exact; and because rounding is monotonic,
// a true value above 2^53 - 1 always shows up as a computed value above it, so the check cannot be
// fooled. Below 2^53 nothing wraps at int64 either, and `key mod (2^64 - 1)` is the key itself, so the
// seed is `key >>> 0`. When a check fails (or an id is not a uint32 integer) the function returns
// NOT_EXACT and the caller takes the BigInt ground truth in prf.ts instead.
// anchored_minhash is the exception: its products really exceed 2^63, so it emulates the int64 wrap.

import { HASH_TABLE_SIZE, type HashintTable, hashint } from './hashint';
import { LazyRandperm } from '../rng/lazy-randperm';
import type { PrfName } from './prf';

/** seed32 in [0, 2^32), or NOT_EXACT. Reads ids[start, end), oldest first. */
export type FastSeed32 = (ids: ArrayLike<number>, start: number, end: number) => number;

export const NOT_EXACT = -1;

const MAX = Number.MAX_SAFE_INTEGER;
const TWO32 = 4294967296;

const isU32 = (x: number): boolean => x >>> 0 === x;

const NO_TABLE = new LazyRandperm(0, 0);

/** A fast path for this PRF and salt, or null if there is none (then always use the BigInt path). */
export function fastPrfSeed32(name: PrfName, salt: bigint, table: HashintTable | null): FastSeed32 | null {
  if (salt < 0n || salt > BigInt(MAX)) return null;
  const k = Number(salt);
  // PRFs without a table never read it.
  const t = table ?? NO_TABLE;
  // hashint(k * x) for an id, or NOT_EXACT when k * x is not exact.
  const hk = (x: number): number => {
    const v = k * x;
    return isU32(x) && v <= MAX ? hashint(t, v) : NOT_EXACT;
  };

  switch (name) {
    case 'additive_prf':
      return (ids, start, end) => {
        let sum = 0;
        for (let i = start; i < end; i++) {
          const x = ids[i];
          if (!isU32(x)) return NOT_EXACT;
          sum += x;
        }
        const key = k * sum;
        return key <= MAX ? key >>> 0 : NOT_EXACT;
      };
    case 'multiplicative_prf':
      return (ids, start, end) => {
        let p = 1;
        for (let i = start; i < end; i++) {
          const x = ids[i];
          if (!isU32(x)) return NOT_EXACT;
          p *= x;
          if (p > MAX) return NOT_EXACT;
        }
        const key = k * p;
        return key <= MAX ? key >>> 0 : NOT_EXACT;
      };
    case 'minfunc_prf':
      return (ids, start, end) => {
        let m = Infinity;
        for (let i = start; i < end; i++) {
          const x = ids[i];
          if (!isU32(x)) return NOT_EXACT;
          if (x < m) m = x;
        }
        const key = k * m;
        return key <= MAX ? key >>> 0 : NOT_EXACT;
      };
    case 'skipgram_prf':
      return (ids, start) => hk(ids[start]);
    case 'minhash_prf':
      return (ids, start, end) => {
        let m = Infinity;
        for (let i = start; i < end; i++) {
          const h = hk(ids[i]);
          if (h === NOT_EXACT) return NOT_EXACT;
          if (h < m) m = h;
        }
        return m;
      };
    case 'anchored_skipgram_prf':
      return (ids, start, end) => {
        const a = hk(ids[start]);
        const b = hk(ids[end - 1]);
        // Both <= 1000004, so the product is < 2^40.
        return a === NOT_EXACT || b === NOT_EXACT ? NOT_EXACT : (a * b) >>> 0;
      };
    case 'minskipgram_prf':
      return (ids, start, end) => {
        if (end - start < 2) return NOT_EXACT; // the BigInt path reports the error
        let m = Infinity;
        for (let i = start; i < end; i++) {
          const a = hk(ids[i]);
          if (a === NOT_EXACT) return NOT_EXACT;
          for (let j = i + 1; j < end; j++) {
            const b = hk(ids[j]);
            if (b === NOT_EXACT) return NOT_EXACT;
            if (a * b < m) m = a * b;
          }
        }
        return m >>> 0;
      };
    case 'simple_skip_prf':
      return (ids, start, end) => {
        let p = 1;
        for (let i = start; i < end; i += 2) {
          const h = hk(ids[i]);
          if (h === NOT_EXACT) return NOT_EXACT;
          p *= h;
          if (p > MAX) return NOT_EXACT;
        }
        return p >>> 0;
      };
    case 'position_prf':
      return (ids, start, end) => {
        let sum = 0;
        for (let i = start; i < end; i++) {
          const x = ids[i];
          if (!isU32(x)) return NOT_EXACT;
          sum += k * x * (i - start + 1);
          if (sum > MAX) return NOT_EXACT;
        }
        return sum >>> 0;
      };
    case 'noncomm_prf':
      return (ids, start, end) => {
        let key = k;
        for (let i = start; i < end; i++) {
          const x = ids[i];
          if (!isU32(x)) return NOT_EXACT;
          const v = key * x;
          if (v > MAX) return NOT_EXACT;
          key *= hashint(t, v);
          if (key > MAX) return NOT_EXACT;
          key %= TWO32;
        }
        return key;
      };
    case 'anchored_minhash_prf':
      return anchoredMinhashFast(salt, t);
  }
}

/**
 * min_i w64(w64(K·H(x_i)) · H(x_last)) → manual_seed(key mod (2^64 - 1)) → low 32 bits, without BigInt.
 *
 * a = K·H(x_i) must be exact (K <= (2^53 - 1) / 1000004, checked once), so it is never wrapped. The
 * product a·b with b = H(x_last) <= 1000004 < 2^20 can reach 2^73; it is assembled from
 * a = aHi·2^32 + aLo: aLo·b < 2^52 and aHi·b < 2^41 are exact, and the int64 result is
 * (hi32, lo32) with hi32 = low 32 bits of (aHi·b + carry) read as signed. Comparing (hi32 signed,
 * lo32 unsigned) lexicographically is the signed int64 order the reference's min() uses.
 * A negative minimum v becomes v + 2^64 - 1 under Python's floor-mod, whose low 32 bits are
 * (lo32 - 1) mod 2^32 (spec §2.1 pitfall); a non-negative one is below 2^63 and stays as is.
 */
export function anchoredMinhashFast(salt: bigint, table: HashintTable): FastSeed32 | null {
  if (salt < 0n || salt * BigInt(HASH_TABLE_SIZE + 1) > BigInt(MAX)) return null;
  const k = Number(salt);
  return (ids, start, end) => {
    const last = ids[end - 1];
    if (!Number.isSafeInteger(last)) return NOT_EXACT;
    const b = hashint(table, last);
    let bestHi = 0x7fffffff;
    let bestLo = TWO32; // above every lo32, so the first candidate always wins
    for (let i = start; i < end; i++) {
      const x = ids[i];
      if (!Number.isSafeInteger(x)) return NOT_EXACT;
      const a = k * hashint(table, x);
      const aHi = Math.floor(a / TWO32);
      const aLo = a - aHi * TWO32;
      const pLo = aLo * b;
      const carry = Math.floor(pLo / TWO32);
      const lo = pLo - carry * TWO32;
      const hi = (aHi * b + carry) | 0;
      if (hi < bestHi || (hi === bestHi && lo < bestLo)) {
        bestHi = hi;
        bestLo = lo;
      }
    }
    return bestHi < 0 ? (bestLo - 1) >>> 0 : bestLo;
  };
}
