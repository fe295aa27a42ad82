// Wrapping signed int64 arithmetic on (hi, lo) 32-bit halves, for SynthID's hashing (torch int64:
// multiply modulo 2^64, `>>` is an arithmetic shift). BigInt is only used at the edges (parsing keys);
// the hot loop works on plain int32 numbers so it stays allocation-free.

/** A signed int64 as two 32-bit halves: `hi` is a signed int32, `lo` an unsigned uint32. */
export interface Int64 {
  hi: number;
  lo: number;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** A decimal string or an integer JSON number in [−2^63, 2^63 − 1]; throws RangeError otherwise. */
export function parseInt64(value: string | number | bigint): bigint {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an exact integer: ${value}`);
    big = BigInt(value);
  } else {
    if (!/^-?[0-9]+$/.test(value)) throw new RangeError(`not a decimal integer: ${JSON.stringify(value)}`);
    big = BigInt(value);
  }
  if (big < I64_MIN || big > I64_MAX) throw new RangeError(`outside the int64 range [−2^63, 2^63 − 1]: ${big}`);
  return big;
}

export function int64FromBigInt(value: bigint): Int64 {
  const u = BigInt.asUintN(64, value);
  return { hi: Number(BigInt.asIntN(32, u >> 32n)), lo: Number(u & 0xffffffffn) };
}

export function int64ToBigInt(hi: number, lo: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}

/**
 * The multiplier of synthid-text's `accumulate_hash` (Knuth's MMIX LCG constant 6364136223846793005),
 * split into halves.
 */
export const LCG_M_HI = 0x5851f42d;
export const LCG_M_LO = 0x4c957f2d;

/**
 * High 32 bits of the 64-bit product of two uint32 values, by 16-bit limbs (each partial product is
 * below 2^32, so every double on the way is exact).
 */
export function mulHighU32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(mid / 65536)) >>> 0;
}

/**
 * Scratch result of the in-place helpers below: they write (hi, lo) here rather than allocate. Single
 * threaded by construction (each Worker has its own module instance).
 */
export const out: Int64 = { hi: 0, lo: 0 };

/** out = (h + d) · M + 1 (wrapping int64): one step of accumulate_hash. */
export function accumulateStep(hHi: number, hLo: number, dHi: number, dLo: number): void {
  // h + d
  const sLo = (hLo + dLo) >>> 0;
  const sHi = (hHi + dHi + (sLo < hLo >>> 0 ? 1 : 0)) | 0;
  // (sHi·2^32 + sLo)·(M_HI·2^32 + M_LO) mod 2^64
  const pLo = Math.imul(sLo, LCG_M_LO) >>> 0;
  const pHi = (mulHighU32(sLo, LCG_M_LO) + Math.imul(sHi, LCG_M_LO) + Math.imul(sLo, LCG_M_HI)) | 0;
  // + 1
  const rLo = (pLo + 1) >>> 0;
  out.lo = rLo;
  out.hi = rLo === 0 ? (pHi + 1) | 0 : pHi;
}

/** Python/torch floor modulo of the int64 (hi, lo) by 1 ≤ m ≤ 2^26: always in [0, m). */
export function floorModInt64(hi: number, lo: number, m: number): number {
  if ((m & (m - 1)) === 0) return lo & (m - 1); // a power of two: the low bits, whatever the sign
  // hi·2^32 + lo ≡ (hi mod m)·(2^32 mod m) + lo mod m; every product stays below 2^52.
  const hiMod = ((hi % m) + m) % m;
  const twoPow32Mod = 4294967296 % m;
  return (hiMod * twoPow32Mod + ((lo >>> 0) % m)) % m;
}
