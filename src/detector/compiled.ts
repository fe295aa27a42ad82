import type { Calibration } from '../calibration/calibration';
import type { KeySet, KgwKeySpec, SynthIdKeySpec } from '../keyset/types';
import type { ScoringKey } from '../score/scoring-key';
import type { SynthIdScorer } from '../synthid/params';
import type { StoredNgramAllowance } from '../synthid/ngram-allowance';
import type { SynthIdTest } from '../synthid/statistics';
import type { Tokenizer } from '../tokenize/types';
import type { CompiledUnigramKey } from '../unigram/compiled-key';

export interface CompiledKey {
  readonly spec: KgwKeySpec;
  readonly scoring: ScoringKey;
  readonly tokenizer: Tokenizer;
  /**
   * The calibrated layer's null for this key, fitted on the bundled human reference sample at compile
   * time (src/calibration). Serialisable with toJSON(), to be handed back to compileKeySet later.
   */
  readonly calibration: Calibration;
}

/** A `scheme: "synthid"` key, ready to score. */
export interface CompiledSynthIdKey {
  readonly spec: SynthIdKeySpec;
  readonly scorer: SynthIdScorer;
  /** The calibrated test for the key's `score` statistic (its per-unit null law is computed at compile time). */
  readonly test: SynthIdTest;
  readonly tokenizer: Tokenizer;
  /** The fixed-key allowance of an exact-tail test, as it can be stored (by ngramAllowanceKeyOf). */
  readonly allowance?: StoredNgramAllowance;
}

export interface CompiledKeySet {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  /** SHA-256 (hex) of the exact document bytes. */
  readonly fingerprint: string;
  readonly expires?: string;
  readonly keySet: KeySet;
  /** The KGW keys, in document order. */
  readonly keys: readonly CompiledKey[];
  /** The set's Unigram-Watermark keys (absent or empty when it has none), after its KGW keys. */
  readonly unigramKeys?: readonly CompiledUnigramKey[];
  /** The SynthID keys, in document order. */
  readonly synthidKeys: readonly CompiledSynthIdKey[];
}
