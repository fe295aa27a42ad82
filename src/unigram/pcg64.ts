// numpy's PCG64 bit generator (numpy/random/src/pcg64): a 128-bit LCG with the XSL-RR 128→64 output,
// seeded from a SeedSequence, plus numpy's buffered 32-bit draw (`next_uint32` hands out the low half of a
// 64-bit output, then the high half). The 128-bit state is kept as eight 16-bit limbs so every partial
// product fits a double exactly; no BigInt in the draw loop (a key's mask needs ~1M draws).

import { generateState32, seedSequencePool } from './seed-sequence';

// PCG_DEFAULT_MULTIPLIER_128 = 0x2360ED051FC65DA4_4385DF649FCCF645, little-endian 16-bit limbs.
const MULT = [0xf645, 0x9fcc, 0xdf64, 0x4385, 0x5da4, 0x1fc6, 0xed05, 0x2360];

function limbsOf(hi64: bigint, lo64: bigint): number[] {
  const v = (hi64 << 64n) | lo64;
  return Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(16 * i)) & 0xffffn));
}

export class Pcg64 {
  private readonly s = new Float64Array(8);
  private readonly inc = new Float64Array(8);
  private hasUint32 = false;
  private uinteger = 0;
  /** The two halves of the last 64-bit output, set by `next64`. */
  lo = 0;
  hi = 0;

  /** `pcg64_set_seed` → `pcg_setseq_128_srandom_r(state, seed, inc)` with 128-bit seed and stream. */
  constructor(seed128: { hi: bigint; lo: bigint }, inc128: { hi: bigint; lo: bigint }) {
    const incV = ((((inc128.hi << 64n) | inc128.lo) << 1n) | 1n) & ((1n << 128n) - 1n);
    this.inc.set(limbsOf(incV >> 64n, incV & 0xffffffffffffffffn));
    this.step();
    const seedLimbs = limbsOf(seed128.hi, seed128.lo);
    let carry = 0;
    for (let i = 0; i < 8; i++) {
      const t = this.s[i] + seedLimbs[i] + carry;
      this.s[i] = t % 0x10000;
      carry = t >= 0x10000 ? 1 : 0;
    }
    this.step();
  }

  /** `np.random.default_rng(seed)` for an integer seed: SeedSequence(seed).generate_state(4, uint64). */
  static fromSeed(seed: bigint): Pcg64 {
    const w = generateState32(seedSequencePool(seed), 8);
    const u64 = (k: number): bigint => (BigInt(w[2 * k + 1]) << 32n) | BigInt(w[2 * k]);
    // numpy passes val[0..1] as the seed and val[2..3] as the increment, the first word being the high half.
    return new Pcg64({ hi: u64(0), lo: u64(1) }, { hi: u64(2), lo: u64(3) });
  }

  /** state = state * MULT + inc (mod 2^128). */
  private step(): void {
    const s = this.s;
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 8; i++) {
      const si = s[i];
      if (si === 0) continue;
      for (let j = 0; i + j < 8; j++) r[i + j] += si * MULT[j];
    }
    let carry = 0;
    for (let k = 0; k < 8; k++) {
      // Each r[k] < 8·2^32 and carry < 2^36, so the sum stays exact in a double.
      const t = r[k] + this.inc[k] + carry;
      const limb = t % 0x10000;
      s[k] = limb;
      carry = (t - limb) / 0x10000;
    }
  }

  /** One 64-bit output (XSL-RR of the advanced state), as `lo`/`hi` uint32 halves. */
  next64(): void {
    this.step();
    const s = this.s;
    const xlo = ((s[0] + s[1] * 0x10000) ^ (s[4] + s[5] * 0x10000)) >>> 0;
    const xhi = ((s[2] + s[3] * 0x10000) ^ (s[6] + s[7] * 0x10000)) >>> 0;
    let rot = s[7] >>> 10; // state >> 122: the top 6 bits
    let a = xlo;
    let b = xhi;
    if (rot >= 32) {
      a = xhi;
      b = xlo;
      rot -= 32;
    }
    if (rot === 0) {
      this.lo = a;
      this.hi = b;
    } else {
      this.lo = ((a >>> rot) | (b << (32 - rot))) >>> 0;
      this.hi = ((b >>> rot) | (a << (32 - rot))) >>> 0;
    }
  }

  /** numpy's `pcg64_next32`: the low half of a fresh 64-bit output now, its high half on the next call. */
  next32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.next64();
    this.hasUint32 = true;
    this.uinteger = this.hi;
    return this.lo;
  }

  /** A fresh 64-bit output as a BigInt (tests and non-hot paths). */
  next64BigInt(): bigint {
    this.next64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
}
