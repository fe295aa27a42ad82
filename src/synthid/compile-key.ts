// SynthIdKeySpec → what detection runs on (scorer and calibrated test), and the key's own test vectors.
import type { KeySetIssue } from '../keyset/errors';
import type { KeySet, SynthIdKeySpec } from '../keyset/types';
import { computePositions } from './g-values';
import { meanScore } from './mean-scores';
import { makeScorer, type SynthIdScorer, tableFromSeed } from './params';
import { decodeSamplingTable } from './sampling-table';
import { ngramAllowanceFor, type StoredNgramAllowance } from './ngram-allowance';
import { lawIsEnumerated } from './null-law';
import { type SynthIdTest, synthIdTest } from './statistics';
import type { Tokenizer } from '../tokenize/types';

export function scorerForSpec(spec: SynthIdKeySpec): SynthIdScorer {
  const common = {
    ngramLen: spec.ngramLen,
    keys: spec.keys,
    contextHistorySize: spec.contextHistorySize,
    eosTokenId: spec.eosTokenId,
  };
  if (spec.implementation === 'synthid-text') return makeScorer({ variant: 'synthid-text', ...common });
  const size = spec.samplingTableSize!;
  const table = spec.samplingTable !== null ? decodeSamplingTable(spec.samplingTable, size) : tableFromSeed(size, spec.samplingTableSeed!);
  return makeScorer({ variant: 'hf-transformers', ...common, table });
}

/** Whether the key's block test is the exact tail, and so needs the n-gram allowance. */
export function usesNgramAllowance(spec: SynthIdKeySpec, scorer: SynthIdScorer): boolean {
  // The mean's law is integral; a weighted mean's is not (exact-tail.ts latticeLaw): it keeps the bounds.
  return lawIsEnumerated(scorer) && spec.score === 'mean';
}

/**
 * The key's calibrated test. A key whose per-unit law is enumerated gets the exact block tail, with the
 * fixed-key allowance: `stored` when it is valid (ngram-allowance.ts), else fitted on the reference sample
 * (loaded, and the tokenizer with it, only then). `tokenizer` may be a loader, as for KGW fits.
 */
export async function testForSpec(
  spec: SynthIdKeySpec,
  scorer: SynthIdScorer,
  tokenizer: Tokenizer | (() => Promise<Tokenizer>),
  stored?: unknown,
): Promise<{ test: SynthIdTest; allowance?: StoredNgramAllowance }> {
  if (!usesNgramAllowance(spec, scorer)) return { test: synthIdTest(scorer, spec.score) };
  const allowance = await ngramAllowanceFor(spec, tokenizer, stored);
  return { test: synthIdTest(scorer, spec.score, allowance.curve), allowance };
}

/**
 * One issue per failing vector of the synthid keys, paths by document index. numTokensScored and
 * meanScore must match exactly (the mean is reproduced bit for bit, mean-scores.ts).
 */
export function checkSynthIdTestVectors(keySet: KeySet, scorerOf: (spec: SynthIdKeySpec) => SynthIdScorer): KeySetIssue[] {
  const issues: KeySetIssue[] = [];
  keySet.keys.forEach((key, k) => {
    if (key.scheme !== 'synthid') return;
    key.testVectors.forEach((vector, i) => {
      const path = `keys[${k}].testVectors[${i}]`;
      const positions = computePositions(scorerOf(key), vector.ids);
      const mean = meanScore(positions.gValues, positions.mask, positions.depth, positions.numScored);
      const mismatches: string[] = [];
      if (positions.numScored !== vector.numTokensScored) {
        mismatches.push(`expected numTokensScored ${vector.numTokensScored}, got ${positions.numScored}`);
      }
      if (mean !== vector.meanScore) mismatches.push(`expected meanScore ${vector.meanScore}, got ${mean}`);
      if (mismatches.length > 0) issues.push({ path, message: mismatches.join('; ') });
    });
  });
  return issues;
}
