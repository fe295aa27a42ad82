import type { KeySet, KeySpec } from '../keyset/types';
import type { ScoringKey } from '../score/scoring-key';
import type { Tokenizer } from '../tokenize/types';

export interface CompiledKey {
  readonly spec: KeySpec;
  readonly scoring: ScoringKey;
  readonly tokenizer: Tokenizer;
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
}
