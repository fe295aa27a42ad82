// The hf-transformers variant's g-value table: `torch.randint(0, 2, (size,), generator=
// torch.Generator('cpu').manual_seed(seed))`. On CPU, randint with a range below 2^32 draws one 32-bit
// MT19937 output per element, in order, and keeps `output % 2`, i.e. its lowest bit. Tables drawn
// on a GPU differ; a publisher ships those explicitly (`samplingTable`, bits least significant first).
import { MT19937 } from '../rng/mt19937';
import { cpuSeed32 } from '../rng/torch-seed';
import { decodeBase64Into } from '../tokenize/base64';

export interface SamplingTable {
  /** One bit per entry, entry i at byte i >> 3, bit i & 7 (least significant first). */
  readonly bits: Uint8Array;
  readonly size: number;
  /** Entries equal to 1: under no watermark a g-value is 1 with probability ones / size. */
  readonly ones: number;
}

function countOnes(bits: Uint8Array, size: number): number {
  let ones = 0;
  for (let i = 0; i < size; i++) ones += (bits[i >> 3] >> (i & 7)) & 1;
  return ones;
}

/** `seed` as torch's manual_seed takes it: any integer in [−2^63, 2^64 − 1]; only its low 32 bits matter. */
export function torchCpuSamplingTable(size: number, seed: bigint): SamplingTable {
  const rng = new MT19937(cpuSeed32(seed));
  const bits = new Uint8Array((size + 7) >> 3);
  for (let i = 0; i < size; i++) {
    if (rng.nextU32() & 1) bits[i >> 3] |= 1 << (i & 7);
  }
  return { bits, size, ones: countOnes(bits, size) };
}

/**
 * An explicit table: standard padded base64 of ceil(size / 8) bytes. Bits beyond `size` in the last
 * byte must be 0, so one table has exactly one encoding.
 */
export function decodeSamplingTable(base64: string, size: number): SamplingTable {
  const expectedBytes = (size + 7) >> 3;
  const expectedLength = Math.ceil(expectedBytes / 3) * 4;
  if (base64.length !== expectedLength) {
    throw new RangeError(
      `must be the base64 of ${expectedBytes} bytes (${size} bits) = ${expectedLength} characters, got ${base64.length}`,
    );
  }
  const bits = new Uint8Array(expectedLength / 4 * 3);
  const written = decodeBase64Into(base64, 0, base64.length, bits, 0);
  if (written !== expectedBytes) throw new RangeError(`decodes to ${written} bytes, expected ${expectedBytes}`);
  const table = bits.subarray(0, expectedBytes);
  if (size & 7 && table[expectedBytes - 1] >> (size & 7)) {
    throw new RangeError(`bits beyond entry ${size - 1} in the last byte must be 0`);
  }
  return { bits: table, size, ones: countOnes(table, size) };
}

/** The same packing, encoded: what a publisher writes into `samplingTable`. */
export function encodeSamplingTable(table: SamplingTable): string {
  let binary = '';
  for (const b of table.bits) binary += String.fromCharCode(b);
  return btoa(binary);
}
