// PyTorch's CPU generator (aten MT19937RNGEngine.h): textbook MT19937, 2002 init_genrand seeding.
// The state helpers are exported so hot loops (green-list sampling) can drive the state array directly
// and keep tempering inline instead of going through a method call per draw.

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** init_genrand(seed32): fills all 624 words. Only the low 32 bits of `seed32` are used. */
export function mtSeedState(s: Uint32Array, seed32: number): void {
  let x = seed32 >>> 0;
  s[0] = x;
  for (let j = 1; j < MT_N; j++) {
    x = (Math.imul(1812433253, x ^ (x >>> 30)) + j) >>> 0;
    s[j] = x;
  }
}

/**
 * Regenerates all 624 words in place. Split into three loops so no index needs a modulo; later words
 * read already-updated ones exactly like the reference's single in-place pass.
 */
export function mtTwist(s: Uint32Array): void {
  let k = 0;
  let y = 0;
  for (; k < MT_N - MT_M; k++) {
    y = (s[k] & UPPER_MASK) | (s[k + 1] & LOWER_MASK);
    s[k] = s[k + MT_M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  for (; k < MT_N - 1; k++) {
    y = (s[k] & UPPER_MASK) | (s[k + 1] & LOWER_MASK);
    s[k] = s[k + (MT_M - MT_N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  y = (s[MT_N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
  s[MT_N - 1] = s[MT_M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

/** The output function; returns a uint32 as a non-negative Number. */
export function mtTemper(y: number): number {
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

export class MT19937 {
  private readonly state = new Uint32Array(MT_N);
  // Index of the next word to hand out; MT_N means "twist first", which reproduces torch's
  // left = 1 after seeding (the very first draw twists).
  private next = MT_N;

  constructor(seed32 = 5489) {
    this.reseed(seed32);
  }

  reseed(seed32: number): void {
    mtSeedState(this.state, seed32);
    this.next = MT_N;
  }

  nextU32(): number {
    if (this.next >= MT_N) {
      mtTwist(this.state);
      this.next = 0;
    }
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
