// numpy 1.22–1.26 on x86-64 CPUs with AVX512_SKX computes float64 `np.exp` with Intel SVML's
// low-accuracy `__svml_exp8` (up to ~4 ulp), not libm. HF's p-value goes through np.exp, and the
// reference vectors were made with numpy 1.24 on such a machine: Math.exp reproduces only 210 of
// the 228 HF p-values, this replay all of them. It follows the kernel instruction by instruction
// (numpy's vendored svml_z0_exp_d_la.s), emulating its FMAs exactly.
import { bitsOf, fromBits, pow2 } from './double-bits';
import { fma, fmaTowardZero } from './exact-fma';

/** 2^(j/16), j = 0..15. */
const TWO_POW_J16 = [
  0x3ff0000000000000n, 0x3ff0b5586cf9890fn, 0x3ff172b83c7d517bn, 0x3ff2387a6e756238n,
  0x3ff306fe0a31b715n, 0x3ff3dea64c123422n, 0x3ff4bfdad5362a27n, 0x3ff5ab07dd485429n,
  0x3ff6a09e667f3bcdn, 0x3ff7a11473eb0187n, 0x3ff8ace5422aa0dbn, 0x3ff9c49182a3f090n,
  0x3ffae89f995ad3adn, 0x3ffc199bdd85529cn, 0x3ffd5818dcfba487n, 0x3ffea4afa2a490dan,
].map(fromBits);

const LOG2E = fromBits(0x3ff71547652b82fen);
/** 1.5·2^48 + 1023: adding it leaves x·log2(e) with 4 fraction bits in the low mantissa bits. */
const SHIFTER = fromBits(0x42f8000000003ff0n);
const LN2_HI = fromBits(0x3fe62e42fefa39efn);
const LN2_LO = fromBits(0x3c7abc9e3b39803fn);
const C2 = fromBits(0x3fe0000000002622n);
const C3 = fromBits(0x3fc5555554b508a2n);
const C4 = fromBits(0x3fa555564bb4f5f0n);
const C5 = fromBits(0x3f81106603d97c00n);
const C6 = fromBits(0x3f572eb5ef0d213dn);
/** |x| at or above this takes SVML's scalar "rare" path (overflow, underflow, non-finite). */
const RARE_PATH_THRESHOLD = fromBits(0x40861da04cbafe44n);

/**
 * np.exp(x) as numpy 1.24 computes it with AVX-512 (SVML la kernel). The rare path (|x| ≥ 707.7,
 * results near overflow or underflow) is not replayed: Math.exp is used there.
 */
export function svmlExp(x: number): number {
  if (!(Math.abs(x) < RARE_PATH_THRESHOLD)) return Math.exp(x);
  const shifted = fmaTowardZero(x, LOG2E, SHIFTER);
  const n = shifted - SHIFTER; // x·log2(e) rounded down to a multiple of 1/16
  const th = TWO_POW_J16[Number(bitsOf(shifted) & 15n)];
  let r = fma(-n, LN2_HI, x);
  r = fma(-LN2_LO, n, r);
  const r2 = r * r;
  const p56 = fma(C6, r, C5);
  const p34 = fma(C4, r, C3);
  const r3 = r2 * r;
  const p12 = fma(r2, C2, r);
  const p36 = fma(r2, p56, p34);
  const expm1 = fma(r3, p36, p12);
  const res = fma(th, expm1, th);
  // vscalefpd: res · 2^floor(n); res is in [1, 2·2^(15/16)) so the scaling is exact here.
  return res * pow2(Math.floor(n));
}
