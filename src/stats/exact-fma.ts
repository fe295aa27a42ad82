// Fused multiply-add (one rounding of a·b + c), which JavaScript lacks. Needed to replay vendor
// math kernels that were written with FMA instructions (see svml-exp.ts). BigInt makes it exact;
// it is slow (microseconds), so keep it off hot paths.
import { decompose, roundToDouble, type Rounding } from './double-bits';

function fmaWith(a: number, b: number, c: number, mode: Rounding): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c;
  const x = decompose(a);
  const y = decompose(b);
  const z = decompose(c);
  const pe = x.exponent + y.exponent;
  const e = Math.min(pe, z.exponent);
  const m = ((x.mantissa * y.mantissa) << BigInt(pe - e)) + (z.mantissa << BigInt(z.exponent - e));
  // An exact zero: a·b is then representable, so the plain expression gives IEEE's signed zero.
  if (m === 0n) return a * b + c;
  return roundToDouble(m, e, mode);
}

/** a·b + c rounded once, to nearest (ties to even). */
export function fma(a: number, b: number, c: number): number {
  return fmaWith(a, b, c, 'nearest');
}

/** a·b + c rounded once, toward zero (AVX-512 `{rz-sae}`). */
export function fmaTowardZero(a: number, b: number, c: number): number {
  return fmaWith(a, b, c, 'toward-zero');
}
