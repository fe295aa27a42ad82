// One block, one Unigram key: reference numbers, calibrated units and the decision (whole-block test and
// span search at a total α, calibration/block-test.ts), shared by detect() and the evaluation so both
// measure the very p-value users see.
import { type BlockDecision, SPAN_SEARCH_ALPHA_SHARE, decideBlock } from '../calibration/block-test';
import type { CalibratedUnits, Calibration } from '../calibration/calibration';
import type { UnigramGreenMask } from './green-mask';
import { calibrateUnigram, unigramNullGamma } from './calibration';
import { type UnigramScore, scoreUnigram } from './score';

/** What a decision needs of a key: its mask, the fraction the reference's z uses, its calibration. */
export interface UnigramDecider {
  mask: UnigramGreenMask;
  fraction: number;
  calibration: Calibration;
}

export interface UnigramDecision {
  score: UnigramScore;
  units: CalibratedUnits;
  decision: BlockDecision;
}

/**
 * Green share of a typical Unigram-watermarked text, for "too short to tell": γ + (1 − γ)/3, which is
 * KGW's 0.5 at γ = ¼. Measured with the stand-in model at δ = 2, 200 tokens (median share of counted
 * distinct tokens): 0.73–0.75 at γ = ½ (this gives 0.67) and 0.49–0.50 at γ = ¼ (this gives 0.5).
 */
export function unigramTellingShare(gamma: number): number {
  return gamma + (1 - gamma) / 3;
}

/** Throws UnigramEmptyError for no ids. */
export function decideUnigram(key: UnigramDecider, ids: ArrayLike<number>, alpha: number): UnigramDecision {
  const score = scoreUnigram(key.mask, key.fraction, ids);
  const units = calibrateUnigram(key.calibration, key.mask, score);
  const gamma = unigramNullGamma(key.mask);
  // An empty list (int(f·V) = 0, e.g. f = 0.1, V = 7: the reference accepts it) colours nothing, so no
  // text can carry evidence: there is no test to run.
  if (gamma === 0) return { score, units, decision: { pValue: 1, blockPValue: 1, verdict: 'too-short', spans: [] } };
  const decision = decideBlock(key.calibration.nullModel(gamma), units, alpha, SPAN_SEARCH_ALPHA_SHARE, unigramTellingShare(gamma));
  return { score, units, decision };
}

/** The numbers a Unigram result reports (design §5), the same in `detect()` and `wmlens score`. */
export function unigramResultCounts({ score, units, decision }: UnigramDecision) {
  return {
    numTokensScored: score.numTokensScored,
    numGreenTokens: score.numGreenTokens,
    greenFraction: score.greenFraction,
    zScore: score.zScore,
    uniqueZScore: score.uniqueZScore,
    pValueNormal: score.pValueNormal,
    pValue: decision.pValue,
    numUnits: units.numUnits,
    numGreenUnits: units.numGreenUnits,
  };
}
