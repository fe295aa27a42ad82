// Keeps the n-gram model out of loops. A small-corpus n-gram model is nearly deterministic inside a
// memorised phrase and happily walks the same cycle forever ("and the rest of the United States, and
// the rest of …"); an LLM's repetition penalty plays the same part. Repeats also cost the detector: it
// counts each distinct n-gram once, so a loop adds tokens but no evidence.

export interface RepetitionGuardOptions {
  /** Length of the n-gram that must not repeat (its last token is the candidate). Default 4. */
  ngram?: number;
  /** Subtracted from the logit of a candidate that would repeat one. Default 4 (nats). */
  penalty?: number;
  /** How many recent tokens are searched. Default 512. */
  window?: number;
}

export class RepetitionGuard {
  readonly ngram: number;
  readonly penalty: number;
  readonly window: number;

  constructor(options: RepetitionGuardOptions = {}) {
    this.ngram = options.ngram ?? 4;
    this.penalty = options.penalty ?? 4;
    this.window = options.window ?? 512;
    if (!Number.isInteger(this.ngram) || this.ngram < 1) throw new RangeError(`RepetitionGuard: ngram must be a positive integer, got ${this.ngram}`);
    if (!(this.penalty >= 0)) throw new RangeError(`RepetitionGuard: penalty must be >= 0, got ${this.penalty}`);
  }

  /**
   * Lowers, in place, the logit of every candidate that would complete an n-gram already present in
   * the last `window` tokens of `history`. `indexOf` maps a token id to its index in `logits` (-1: not
   * a candidate). Each candidate is penalised once, however often its n-gram occurred.
   */
  apply(history: ArrayLike<number>, logits: Float64Array, indexOf: (id: number) => number): void {
    const k = this.ngram - 1;
    const len = history.length;
    if (len < k || this.penalty === 0) return;
    const from = Math.max(0, len - this.window);
    const hit = new Set<number>();
    // Occurrences of the last k tokens that are followed by something: j is where such an occurrence starts.
    for (let j = from; j + k < len; j++) {
      let same = true;
      for (let t = 0; t < k && same; t++) same = history[j + t] === history[len - k + t];
      if (same) hit.add(history[j + k]);
    }
    for (const id of hit) {
      const i = indexOf(id);
      if (i >= 0) logits[i] -= this.penalty;
    }
  }
}
