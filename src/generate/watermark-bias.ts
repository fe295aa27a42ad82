// The generation side of KGW: the logit bias the reference processors add, built from the same seeders
// and green lists the detector uses, so that whatever this embeds the detector reads back.
//
// Not self-salted (lefthash, …): seed from the last contextWidth tokens, +δ to every green candidate
// (lm-watermarking WatermarkLogitsProcessor.__call__, HF WatermarkLogitsProcessor.__call__).
// Self-salted (selfhash): the reference's rejection sampling (spec §3.5): candidates in descending
// logit order; candidate c is seeded from the last h − 1 tokens followed by c itself and kept if green;
// lm-watermarking looks at 41 candidates (idx 0..40, tail rule "fixed_compute"), HF at 40. Only kept
// candidates get +δ.
import { scoringKeyFor } from '../detector/scoring-key-for';
import type { KgwKeySpec as KeySpec } from '../keyset/types';
import { type GreenListSampler, bitsetHas } from '../rng/green-list';
import type { Seeder } from '../seeding/seeder';

/** lm-watermarking `_score_rejection_sampling` with tail_rule "fixed_compute": stops after idx 40. */
export const LMW_SELF_HASH_CANDIDATES = 41;
/** HF transformers `_score_rejection_sampling`: `for i in range(40)`. */
export const HF_SELF_HASH_CANDIDATES = 40;

export interface BiasKey {
  readonly seeder: Seeder;
  readonly sampler: GreenListSampler;
  /** How many top candidates a self-salted scheme checks. */
  readonly selfHashCandidates: number;
  /**
   * Shortest history that is biased. HF skips the whole step while input_ids is shorter than
   * context_width; lm-watermarking needs enough ids for the PRF window (h − 1 + the candidate when
   * self-salted).
   */
  readonly minHistory: number;
}

/** The seeder and green lists a key's detector uses, and its reference's candidate count. */
export function biasKeyFor(spec: KeySpec): BiasKey {
  const { seeder, oracle } = scoringKeyFor(spec);
  const hf = spec.implementation === 'hf-transformers';
  return {
    seeder,
    sampler: oracle.sampler,
    selfHashCandidates: hf ? HF_SELF_HASH_CANDIDATES : LMW_SELF_HASH_CANDIDATES,
    minHistory: hf ? seeder.contextWidth : seeder.contextWidth - (seeder.selfSalt ? 1 : 0),
  };
}

// Lefthash contexts recur constantly (one token of context); a bitset costs ≈ γ·V generator draws.
const MAX_CACHED_BITSETS = 2048;
const MAX_CACHED_ANSWERS = 1 << 18;

export class WatermarkBias {
  readonly delta: number;
  private readonly key: BiasKey;
  private readonly bitsets = new Map<number, Uint32Array>();
  private readonly answers = new Map<number, boolean>();
  private readonly window: Int32Array;
  private readonly minHistory: number;

  constructor(key: BiasKey, delta: number) {
    if (!Number.isFinite(delta)) throw new RangeError(`WatermarkBias: delta must be finite, got ${delta}`);
    const k = key.selfHashCandidates;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`WatermarkBias: selfHashCandidates must be a positive integer, got ${k}`);
    this.key = key;
    this.delta = delta;
    this.window = new Int32Array(key.seeder.contextWidth);
    // Never below what the seeder's window needs, whatever a hand-made key says.
    this.minHistory = Math.max(key.minHistory, key.seeder.contextWidth - (key.seeder.selfSalt ? 1 : 0));
  }

  get selfSalt(): boolean {
    return this.key.seeder.selfSalt;
  }

  /**
   * Adds δ in place to the logits of the candidates the reference would favour after `history`
   * (`candidates[i]` is the token id of `logits[i]`) and returns their indices. While the history is
   * shorter than `minHistory`, nothing is biased, as HF does (lm-watermarking raises instead).
   */
  apply(history: ArrayLike<number>, candidates: ArrayLike<number>, logits: Float64Array): number[] {
    if (candidates.length !== logits.length) throw new RangeError('WatermarkBias: candidates and logits differ in length');
    if (history.length < this.minHistory) return [];
    const favoured = this.key.seeder.selfSalt ? this.selfHashFavoured(history, candidates, logits) : this.greenFavoured(history, candidates);
    for (const i of favoured) logits[i] += this.delta;
    return favoured;
  }

  private greenFavoured(history: ArrayLike<number>, candidates: ArrayLike<number>): number[] {
    const { seeder } = this.key;
    const bits = this.bitset(seeder.seed32(history, history.length));
    const favoured: number[] = [];
    for (let i = 0; i < candidates.length; i++) if (bitsetHas(bits, candidates[i])) favoured.push(i);
    return favoured;
  }

  private selfHashFavoured(history: ArrayLike<number>, candidates: ArrayLike<number>, logits: Float64Array): number[] {
    const { seeder, sampler } = this.key;
    const h = seeder.contextWidth;
    const w = this.window;
    for (let j = 0; j < h - 1; j++) w[j] = history[history.length - (h - 1) + j];
    const favoured: number[] = [];
    for (const i of topByLogit(logits, this.key.selfHashCandidates)) {
      const c = candidates[i];
      w[h - 1] = c;
      if (this.isGreen(seeder.seed32(w, h), c)) favoured.push(i);
    }
    return favoured;
  }

  // Self-hash answers by (seed, candidate): a candidate that is its own min-hash anchor has the same seed
  // wherever it appears, and the same likely candidates come up step after step.
  private isGreen(seed: number, target: number): boolean {
    const id = seed * 0x400000 + target; // exact: seed < 2^32, target < 2^22 (checked below)
    if (target >= 0x400000) return this.key.sampler.isGreen(seed, target);
    let green = this.answers.get(id);
    if (green === undefined) {
      if (this.answers.size >= MAX_CACHED_ANSWERS) this.answers.clear();
      green = this.key.sampler.isGreen(seed, target);
      this.answers.set(id, green);
    }
    return green;
  }

  private bitset(seed: number): Uint32Array {
    let bits = this.bitsets.get(seed);
    if (bits === undefined) {
      if (this.bitsets.size >= MAX_CACHED_BITSETS) this.bitsets.clear();
      bits = this.key.sampler.greenBitset(seed);
      this.bitsets.set(seed, bits);
    }
    return bits;
  }
}

/**
 * Indices of the k largest logits, largest first; equal logits in index order (the reference's
 * torch.sort gives no order for ties; this makes ours reproducible). NaN never ranks.
 */
export function topByLogit(logits: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i];
    if (Number.isNaN(x)) continue;
    if (top.length === k && !(x > logits[top[k - 1]])) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && x > logits[top[at - 1]]) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = i;
  }
  return top;
}
