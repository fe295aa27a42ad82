// One SynthID key on one tokenized text: the reference layer (mean, weighted mean, z as third parties
// compute it) and the calibrated decision with its spans, in the detect() result shape (design §5).
import type { SpanResult, SynthIdKeyDetection } from '../detect-types';
import type { CompiledSynthIdKey } from '../detector/compiled';
import type { PreparedText } from '../detector/detect-text';
import { mapRangeToSource } from '../tokenize/offsets';
import { computePositions, type SynthIdPositions } from './g-values';
import { meanScore, weightedMeanScore } from './mean-scores';
import { decideSynthId, type SynthIdDecision, synthIdZScore } from './statistics';

type Scores = Omit<SynthIdKeyDetection, 'keySetId' | 'keySetName' | 'kid'>;

export interface SynthIdReference {
  positions: SynthIdPositions;
  meanScore: number | null;
  weightedMeanScore: number | null;
  zScore: number;
}

/** The reference's numbers for these ids. */
export function synthIdReference(key: CompiledSynthIdKey, ids: ArrayLike<number>): SynthIdReference {
  const positions = computePositions(key.scorer, ids);
  const { gValues, mask, depth, numScored } = positions;
  const mean = meanScore(gValues, mask, depth, numScored);
  return {
    positions,
    meanScore: mean,
    weightedMeanScore: weightedMeanScore(gValues, mask, depth, numScored),
    zScore: mean === null ? 0 : synthIdZScore(mean, numScored, depth),
  };
}

export function detectSynthId(key: CompiledSynthIdKey, text: PreparedText, alpha: number, wantSpans: boolean): Scores {
  const reference = synthIdReference(key, text.tokens.ids);
  const decision = decideSynthId(key.test, reference.positions, alpha);
  return {
    scheme: 'synthid',
    numTokensScored: reference.positions.numScored,
    meanScore: reference.meanScore,
    weightedMeanScore: reference.weightedMeanScore,
    zScore: reference.zScore,
    numUnits: decision.units.numUnits,
    pValue: decision.pValue,
    verdict: decision.verdict,
    spans: decision.verdict === 'watermarked' && wantSpans ? locateSpans(key, reference, decision, text) : [],
  };
}

/**
 * Char ranges of the spans, from the first token of the first unit's n-gram to the last token of the last
 * unit's. A block flagged on its whole-block evidence with no window standing out is one span over
 * everything scored.
 */
function locateSpans(key: CompiledSynthIdKey, reference: SynthIdReference, decision: SynthIdDecision, text: PreparedText): SpanResult[] {
  const n = key.spec.ngramLen;
  const position = decision.units.position;
  const toChars = (firstUnit: number, lastUnit: number) => {
    const firstToken = position[firstUnit];
    const lastToken = position[lastUnit] + n - 1;
    const [start, end] = mapRangeToSource([text.tokens.starts[firstToken], text.tokens.ends[lastToken]], text.normalized.sourceIndex);
    return { start, end };
  };
  if (decision.spans.length === 0) {
    return [{ ...toChars(0, decision.units.numUnits - 1), zScore: reference.zScore, pValue: decision.pValue }];
  }
  return decision.spans.map((s) => ({ ...toChars(s.startUnit, s.endUnit - 1), zScore: s.zScore, pValue: s.pValue }));
}
