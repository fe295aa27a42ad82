// Everything the scorer needs to know about one key, resolved from its KeySpec once at compile time.
import type { Seeder } from '../seeding/seeder';
import type { GreenOracle } from './green-oracle';

export type ScoringFlavour =
  /** lm-watermarking extended_watermark_processor (and its legacy watermark_processor: same counts). */
  | 'lm-watermarking'
  /** HF transformers WatermarkDetector: every n-gram counted, its own p-value approximation. */
  | 'hf-transformers';

export interface ScoringKey {
  readonly flavour: ScoringFlavour;
  readonly seeder: Seeder;
  readonly oracle: GreenOracle;
  readonly gamma: number;
  /** Ignored for hf-transformers, exactly as the reference ignores it. */
  readonly ignoreRepeatedNgrams: boolean;
  readonly bosTokenId: number | null;
}
