// Exact access to IEEE-754 doubles, for the few places where we must reproduce another library's
// floating-point results bit for bit (emulated FMA, correctly rounded exp).

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

export function bitsOf(x: number): bigint {
  f64[0] = x;
  return u64[0];
}

export function fromBits(bits: bigint): number {
  u64[0] = BigInt.asUintN(64, bits);
  return f64[0];
}

// The same double as two 32-bit words, for the hot helpers below (no BigInt: they run per p-value).
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** 2^n exactly, for integer n in [-1074, 1023]; 0 below, Infinity above. */
export function pow2(n: number): number {
  if (n > 1023) return Infinity;
  if (n < -1074) return 0;
  u32[HI] = 0;
  u32[LO] = 0;
  if (n >= -1022) u32[HI] = (n + 1023) << 20;
  else if (n + 1074 >= 32) u32[HI] = 1 << (n + 1074 - 32);
  else u32[LO] = 2 ** (n + 1074);
  return f64[0];
}

/** floor(log2 |x|) for a normal, non-zero x (from the exponent bits, no rounding). */
export function binaryExponent(x: number): number {
  f64[0] = x;
  return ((u32[HI] >>> 20) & 0x7ff) - 1023;
}

/** A finite double as mantissa · 2^exponent, exactly (mantissa is signed, 0 for ±0). */
export function decompose(x: number): { mantissa: bigint; exponent: number } {
  if (!Number.isFinite(x)) throw new RangeError(`decompose: ${x} is not finite`);
  const bits = bitsOf(x);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { mantissa: bits >> 63n ? -mantissa : mantissa, exponent };
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

export type Rounding = 'nearest' | 'toward-zero';

/**
 * The double nearest to m · 2^e (ties to even), or the one toward zero, with gradual underflow.
 * m · 2^e must be non-zero; the caller decides the sign of an exact zero.
 */
export function roundToDouble(m: bigint, e: number, mode: Rounding = 'nearest'): number {
  if (m === 0n) throw new RangeError('roundToDouble: zero has no sign here');
  const negative = m < 0n;
  const a = negative ? -m : m;
  const top = e + bitLength(a) - 1; // a · 2^e lies in [2^top, 2^(top+1))
  const lsb = Math.max(top - 52, -1074);
  let q: bigint;
  if (lsb <= e) {
    q = a << BigInt(e - lsb);
  } else {
    const shift = BigInt(lsb - e);
    q = a >> shift;
    if (mode === 'nearest') {
      const rem = a - (q << shift);
      const half = 1n << (shift - 1n);
      if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    }
  }
  let value: number;
  if (lsb + bitLength(q) - 1 > 1023) value = mode === 'nearest' ? Infinity : Number.MAX_VALUE;
  else value = Number(q) * pow2(lsb); // q ≤ 2^53 and a power-of-two scale: exact
  return negative ? -value : value;
}
