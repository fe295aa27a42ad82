// A SynthID-Text key as the scorer needs it, built once: layer keys split into int64 halves, the
// hash variant's IV, the table variant's sampling table.
import { type SamplingTable, torchCpuSamplingTable } from './sampling-table';
import { int64FromBigInt } from './int64';
import { sha256 } from './sha256';

/**
 * `hf-transformers`: g = table[ngramKey mod size], hashing from 1 (HF transformers, synthid-text before
 * PR #32). `synthid-text`: IV from SHA-256 of the keys, 12 LCG rounds, g = bit 30 (synthid-text today).
 */
export type SynthIdVariant = 'hf-transformers' | 'synthid-text';

export interface SynthIdParams {
  variant: SynthIdVariant;
  ngramLen: number;
  /** One per layer (watermarking depth), int64. */
  keys: readonly bigint[];
  contextHistorySize: number;
  /** hf-transformers only. */
  table?: SamplingTable;
  /** null: nothing masked for EOS. */
  eosTokenId: number | null;
}

export interface SynthIdScorer {
  readonly params: SynthIdParams;
  readonly depth: number;
  readonly keyHi: Int32Array;
  readonly keyLo: Uint32Array;
  /** Where every hash starts: 1 for the table variant, the SHA-256 IV for the hash variant. */
  readonly ivHi: number;
  readonly ivLo: number;
  /** Probability that a g-value is 1 under no watermark: ½ (hash) or ones / size (table). */
  readonly nullP: number;
}

const I64_MAX = (1n << 63n) - 1n;

/** synthid-text: int.from_bytes(sha256(keys as little-endian int64), 'big') % (2^63 − 1). */
export function hashVariantIv(keys: readonly bigint[]): bigint {
  const bytes = new Uint8Array(keys.length * 8);
  const view = new DataView(bytes.buffer);
  keys.forEach((k, i) => view.setBigInt64(i * 8, k, true));
  let value = 0n;
  for (const b of sha256(bytes)) value = (value << 8n) | BigInt(b);
  return value % I64_MAX;
}

/** accumulate_hash's starting value in the table variant (HF transformers): a constant, not keyed. */
export const TABLE_VARIANT_IV = 1n;

export function tableFromSeed(size: number, seed: bigint): SamplingTable {
  return torchCpuSamplingTable(size, seed);
}

export function makeScorer(params: SynthIdParams): SynthIdScorer {
  if (params.variant === 'hf-transformers' && params.table === undefined) {
    throw new Error('the hf-transformers variant needs a sampling table');
  }
  const depth = params.keys.length;
  const keyHi = new Int32Array(depth);
  const keyLo = new Uint32Array(depth);
  params.keys.forEach((k, l) => {
    const { hi, lo } = int64FromBigInt(k);
    keyHi[l] = hi;
    keyLo[l] = lo;
  });
  const iv = int64FromBigInt(params.variant === 'synthid-text' ? hashVariantIv(params.keys) : TABLE_VARIANT_IV);
  const nullP = params.variant === 'synthid-text' ? 0.5 : params.table!.ones / params.table!.size;
  return { params, depth, keyHi, keyLo, ivHi: iv.hi, ivLo: iv.lo, nullP };
}
