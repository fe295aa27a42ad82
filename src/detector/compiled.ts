import type { Calibration } from '../calibration/calibration';
import type { KeySet, KgwKeySpec } from '../keyset/types';
import type { ScoringKey } from '../score/scoring-key';
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

export interface CompiledKeySet {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  /** SHA-256 (hex) of the exact document bytes. */
  readonly fingerprint: string;
  readonly expires?: string;
  readonly keySet: KeySet;
  readonly keys: readonly CompiledKey[];
  /** The set's Unigram-Watermark keys (absent or empty when it has none), after its KGW keys. */
  readonly unigramKeys?: readonly CompiledUnigramKey[];
}
