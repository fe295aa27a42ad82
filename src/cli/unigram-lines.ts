// `wmlens score` lines for Unigram keys (design §5): the reference layer as gptwm.py computes it
// (zScore = detect, uniqueZScore = unidetect, over every id given: there is no context and no BOS rule),
// the calibrated layer at the default α as detect() reports it, and the green mask, one entry per id.
import { DEFAULT_ALPHA } from '../detect-types';
import type { CompiledUnigramKey } from '../unigram/compiled-key';
import { decideUnigram, unigramResultCounts } from '../unigram/decide';

export function unigramScoreLine(key: CompiledUnigramKey, ids: number[]): Record<string, unknown> {
  const decided = decideUnigram({ ...key, fraction: key.spec.fraction }, ids, DEFAULT_ALPHA);
  return { ...unigramResultCounts(decided), greenMask: Array.from(decided.score.greenMask) };
}
