// SynthID-Text's per-position numbers, exactly as synthid-text's SynthIDLogitsProcessor computes them:
// `compute_g_values` (one g-value per n-gram position and layer), `compute_context_repetition_mask` and
// `compute_eos_token_mask(...)[ngramLen-1:]`. All hashing is wrapping int64 on 32-bit halves (int64.ts).
import { accumulateStep, floorModInt64, LCG_M_HI, LCG_M_LO, out } from './int64';
import type { SynthIdScorer } from './params';

export interface SynthIdPositions {
  /** n-gram positions: ids.length − ngramLen + 1 (0 when the text is shorter than one n-gram). */
  numPositions: number;
  depth: number;
  /** numPositions × depth, position-major: g of layer l at position i is gValues[i·depth + l]. */
  gValues: Uint8Array;
  /** 0 where the position's context hash is among the last contextHistorySize ones (history starts as zeros). */
  repetitionMask: Uint8Array;
  /** 0 from the first EOS token on (the position of an n-gram is that of its last token). */
  eosMask: Uint8Array;
  /** repetitionMask × eosMask: the positions the reference's scores count. */
  mask: Uint8Array;
  numScored: number;
  /** Each position's n-gram hash (before the layer keys): equal hashes have equal g-values in every layer. */
  ngramHashHi: Int32Array;
  ngramHashLo: Uint32Array;
}

// M's low word in 16-bit limbs, for the inlined high-word product below.
const M_LO_0 = LCG_M_LO & 0xffff;
const M_LO_1 = LCG_M_LO >>> 16;

/**
 * The 12 rounds of `h = ((h + 1)·M + 1) >> 5` (arithmetic shift) and bit 30: the hash variant's g-value.
 * This is the detector's hot loop (12 int64 multiplies per layer and position), so accumulateStep and
 * mulHighU32 are inlined here; int64.test.ts and the vectors check both forms.
 */
function hashVariantG(hi: number, lo: number): number {
  for (let r = 0; r < 12; r++) {
    // s = h + 1
    const sLo = (lo + 1) >>> 0;
    const sHi = sLo === 0 ? (hi + 1) | 0 : hi;
    // p = s·M mod 2^64: the high word is hi(sLo·M_LO) + lo(sHi·M_LO) + lo(sLo·M_HI)
    const a0 = sLo & 0xffff;
    const a1 = sLo >>> 16;
    const p01 = a0 * M_LO_1;
    const p10 = a1 * M_LO_0;
    const mid = ((a0 * M_LO_0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    const high = a1 * M_LO_1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
    let pHi = (high + Math.imul(sHi, LCG_M_LO) + Math.imul(sLo, LCG_M_HI)) | 0;
    let pLo = Math.imul(sLo, LCG_M_LO) >>> 0;
    // + 1
    pLo = (pLo + 1) >>> 0;
    if (pLo === 0) pHi = (pHi + 1) | 0;
    // >> 5, arithmetic
    lo = ((pLo >>> 5) | (pHi << 27)) >>> 0;
    hi = pHi >> 5;
  }
  return (lo >>> 30) & 1;
}

/** The g-value of every layer for one n-gram hash, written to target[offset …]. */
export function gValuesOfNgramHash(scorer: SynthIdScorer, hi: number, lo: number, target: Uint8Array, offset: number): void {
  const { keyHi, keyLo, depth } = scorer;
  const table = scorer.params.variant === 'hf-transformers' ? scorer.params.table! : null;
  for (let l = 0; l < depth; l++) {
    accumulateStep(hi, lo, keyHi[l], keyLo[l]);
    if (table !== null) {
      const index = floorModInt64(out.hi, out.lo, table.size);
      target[offset + l] = (table.bits[index >> 3] >> (index & 7)) & 1;
    } else {
      target[offset + l] = hashVariantG(out.hi, out.lo);
    }
  }
}

export function computePositions(scorer: SynthIdScorer, ids: ArrayLike<number>): SynthIdPositions {
  const { ngramLen: n, contextHistorySize, eosTokenId } = scorer.params;
  const depth = scorer.depth;
  const numPositions = Math.max(0, ids.length - n + 1);
  const gValues = new Uint8Array(numPositions * depth);
  const repetitionMask = new Uint8Array(numPositions);
  const eosMask = new Uint8Array(numPositions);
  const mask = new Uint8Array(numPositions);
  const ngramHashHi = new Int32Array(numPositions);
  const ngramHashLo = new Uint32Array(numPositions);
  const { ivHi, ivLo } = scorer;

  let firstEos = ids.length;
  if (eosTokenId !== null) {
    for (let t = 0; t < ids.length; t++) {
      if (ids[t] === eosTokenId) {
        firstEos = t;
        break;
      }
    }
  }

  // Position of the latest occurrence of each context hash: a context is repeated when it occurred within
  // the last contextHistorySize contexts. The history starts as contextHistorySize zeros, so a context
  // hash of 0 also counts as repeated until those zeros have been pushed out (the reference's quirk).
  const lastSeen = new Map<string, number>();
  let numScored = 0;
  for (let i = 0; i < numPositions; i++) {
    let hi = ivHi;
    let lo = ivLo;
    for (let t = i; t < i + n - 1; t++) {
      accumulateStep(hi, lo, 0, ids[t]);
      hi = out.hi;
      lo = out.lo;
    }
    const context = `${hi}:${lo}`;
    const previous = lastSeen.get(context);
    const repeated = (previous !== undefined && previous >= i - contextHistorySize) || (hi === 0 && lo === 0 && i < contextHistorySize);
    lastSeen.set(context, i);
    repetitionMask[i] = repeated ? 0 : 1;
    eosMask[i] = i + n - 1 < firstEos ? 1 : 0;
    mask[i] = repetitionMask[i] & eosMask[i];
    numScored += mask[i];

    accumulateStep(hi, lo, 0, ids[i + n - 1]);
    const nHi = out.hi;
    const nLo = out.lo;
    ngramHashHi[i] = nHi;
    ngramHashLo[i] = nLo;
    gValuesOfNgramHash(scorer, nHi, nLo, gValues, i * depth);
  }
  return { numPositions, depth, gValues, repetitionMask, eosMask, mask, numScored, ngramHashHi, ngramHashLo };
}
