// The Unigram-Watermark green list (XuandongZhao/Unigram-Watermark gptwm.py, GPTWatermarkBase):
//   rng = np.random.default_rng(int.from_bytes(sha256(np.int64(key).tobytes()).digest()[:4], 'little'))
//   mask = np.array([True] * int(fraction * V) + [False] * (V - int(fraction * V))); rng.shuffle(mask)
// One fixed set per key, device-independent. Built once per key and kept as a packed bitset (bit i of
// byte i>>3, least significant bit first — the packing the reference vectors hash).
import { Pcg64 } from './pcg64';
import { numpyShuffle } from './shuffle';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export interface UnigramMaskParams {
  /** Any int64 (the reference casts with np.int64, so values outside int64 are refused upstream). */
  watermarkKey: bigint;
  /** 0 < fraction < 1. */
  fraction: number;
  vocabSize: number;
}

export interface UnigramGreenMask {
  vocabSize: number;
  /** `int(fraction * vocabSize)`: Python truncates the float64 product, so 0.29 * 100 → 28. */
  greenCount: number;
  /** Packed, LSB first; ids ≥ vocabSize are never green. */
  bits: Uint8Array;
}

/** `int(fraction * vocabSize)` with the reference's float semantics (a float64 product, truncated). */
export function unigramGreenCount(fraction: number, vocabSize: number): number {
  return Math.trunc(fraction * vocabSize);
}

/** The reference's `_hash_fn`: first 4 bytes, little-endian, of SHA-256 over the key as int64 LE bytes. */
export async function unigramSeed(watermarkKey: bigint): Promise<number> {
  if (watermarkKey < INT64_MIN || watermarkKey > INT64_MAX) throw new RangeError('watermarkKey must fit int64');
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, watermarkKey, true);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return (digest[0] | (digest[1] << 8) | (digest[2] << 16) | (digest[3] << 24)) >>> 0;
}

/** The green mask for a seed already hashed by `unigramSeed` (synchronous: the shuffle itself). */
export function unigramMaskFromSeed(seed: number, fraction: number, vocabSize: number): UnigramGreenMask {
  const greenCount = unigramGreenCount(fraction, vocabSize);
  const flags = new Uint8Array(vocabSize);
  flags.fill(1, 0, greenCount);
  numpyShuffle(Pcg64.fromSeed(BigInt(seed)), flags);
  const bits = new Uint8Array((vocabSize + 7) >>> 3);
  for (let i = 0; i < vocabSize; i++) if (flags[i]) bits[i >>> 3] |= 1 << (i & 7);
  return { vocabSize, greenCount, bits };
}

export async function unigramGreenMask(params: UnigramMaskParams): Promise<UnigramGreenMask> {
  return unigramMaskFromSeed(await unigramSeed(params.watermarkKey), params.fraction, params.vocabSize);
}

export function isGreen(mask: UnigramGreenMask, id: number): boolean {
  return id >= 0 && id < mask.vocabSize && ((mask.bits[id >>> 3] >>> (id & 7)) & 1) === 1;
}
