// numpy's SeedSequence (numpy/random/bit_generator.pyx), reduced to what `default_rng(seed)` does with
// a non-negative integer seed and no spawn key: hash the seed's 32-bit words into a 4-word pool, then
// expand the pool into the generator's initial state. All arithmetic is uint32 with wrap-around, as in
// the Cython original (Math.imul + `>>> 0` gives exactly that).

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
const POOL_SIZE = 4;

/** numpy's `_int_to_uint32_array`: little-endian 32-bit words, and `[0]` for zero. */
export function intToUint32Words(n: bigint): number[] {
  if (n < 0n) throw new RangeError('SeedSequence entropy must be non-negative');
  if (n === 0n) return [0];
  const words: number[] = [];
  for (let x = n; x > 0n; x >>= 32n) words.push(Number(x & 0xffffffffn));
  return words;
}

/** The 4-word pool numpy keeps after `mix_entropy` (for entropy without a spawn key). */
export function seedSequencePool(entropy: bigint): Uint32Array {
  const words = intToUint32Words(entropy);
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    value = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    return (value ^ (value >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  const pool = new Uint32Array(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < words.length ? words[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < words.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(words[src]));
  }
  return pool;
}

/** `generate_state(nWords32, np.uint32)`: cycles through the pool with a second multiplier chain. */
export function generateState32(pool: Uint32Array, nWords32: number): Uint32Array {
  const out = new Uint32Array(nWords32);
  let hashConst = INIT_B;
  for (let i = 0; i < nWords32; i++) {
    let v = (pool[i % pool.length] ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_B) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return out;
}
