// Runs a key set's own test vectors through a scorer. The scorer is passed in so that this module,
// and the key-set parser with it, do not depend on the scoring code.

import type { KeySetIssue } from './errors';
import type { KeySet, KgwKeySpec, UnigramKeySpec } from './types';

export interface VectorScore {
  numTokensScored: number;
  numGreenTokens: number;
}

/** Scores `ids` exactly as the reference detector would (BOS dropped, n-gram rules of the key). */
export type ScoreIds = (key: KgwKeySpec | UnigramKeySpec, ids: number[]) => VectorScore;

/**
 * One issue per failing vector of the KGW and Unigram keys (both count green tokens), in key and vector
 * order; [] when every vector is reproduced. SynthID vectors are checked by src/synthid/test-vectors.ts.
 */
export function checkTestVectors(keySet: KeySet, scoreIds: ScoreIds): KeySetIssue[] {
  const issues: KeySetIssue[] = [];
  keySet.keys.forEach((key, k) => {
    if (key.scheme === 'synthid') return;
    key.testVectors.forEach((vector, i) => {
      const path = `keys[${k}].testVectors[${i}]`;
      let score: VectorScore;
      try {
        score = scoreIds(key, vector.ids);
      } catch (e) {
        issues.push({ path, message: `scoring failed: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      const mismatches: string[] = [];
      for (const field of ['numTokensScored', 'numGreenTokens'] as const) {
        if (score[field] !== vector[field]) mismatches.push(`expected ${field} ${vector[field]}, got ${score[field]}`);
      }
      if (mismatches.length > 0) issues.push({ path, message: mismatches.join('; ') });
    });
  });
  return issues;
}
