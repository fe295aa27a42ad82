// What a SynthID key's n-gram identities depend on, and so its fixed-key allowance (ngram-allowance.ts):
// the storage key of a fit. Kept apart from the fitting code so the key-set parser's compile budget
// (keyset/compile-budget.ts) can count distinct allowances without importing the calibration.
import { tokenizerIdOf } from '../keyset/tokenizer-spec';
import type { SynthIdKeySpec } from '../keyset/types';

export function ngramAllowanceKeyOf(spec: SynthIdKeySpec): string {
  return ['synthid-ngram', spec.ngramLen, spec.samplingTableSize ?? 'no-table', tokenizerIdOf(spec.tokenizer), spec.detection.normalizers.join(',')].join('|');
}
