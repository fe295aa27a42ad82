// Reference-layer scoring for Unigram-Watermark, as gptwm.py's GPTWatermarkDetector does it:
//   detect(seq)    z over every token, repeats included
//   unidetect(seq) z over the distinct tokens (list(set(seq)))
//   _z_score(g, T, f) = (g − f·T) / np.sqrt(f·(1 − f)·T)   (float order kept: (f·(1−f))·T)
//   dynamic_threshold: unidetect z > τ, τ = sqrt(1 − (m − 1)/(N − 1)) · norm.ppf(1 − α), m distinct tokens
// Note the reference's z uses the key's `fraction`, not the mask's actual share int(f·V)/V; the
// calibrated layer uses the actual share.
// There is no context: every token is scored. The distinct tokens are the independent test units of
// the calibrated layer (a repeated token repeats its fixed colour, not new evidence).
import type { ReferenceCounts } from '../detect-types';
import type { TestUnits } from '../score/score-ids';
import { normalSf } from '../stats/normal-tail';
import { normalPpf } from '../stats/normal-quantile';
import { type UnigramGreenMask, isGreen } from './green-mask';

export interface UnigramScore extends ReferenceCounts {
  /** `unidetect`'s z over distinct tokens. */
  uniqueZScore: number;
  /** One entry per id given (0 red, 1 green): ids ≥ vocabSize are red. */
  greenMask: Uint8Array;
  /** Distinct tokens in order of first occurrence; `id` is the token id itself. */
  units: TestUnits;
}

/** The reference's `_z_score`, in its float order. */
export function unigramZScore(numGreen: number, total: number, fraction: number): number {
  return (numGreen - fraction * total) / Math.sqrt(fraction * (1 - fraction) * total);
}

/** Thrown for an empty sequence: the reference's z is 0/0 (NaN) there, so nothing is scored. */
export class UnigramEmptyError extends Error {
  constructor() {
    super('too short: no tokens to score');
    this.name = 'UnigramEmptyError';
  }
}

export function scoreUnigram(mask: UnigramGreenMask, fraction: number, ids: ArrayLike<number>): UnigramScore {
  const n = ids.length;
  if (n === 0) throw new UnigramEmptyError();
  const greenMask = new Uint8Array(n);
  const seen = new Set<number>();
  const unitGreen: number[] = [];
  const unitPosition: number[] = [];
  const unitId: number[] = [];
  let numGreenTokens = 0;
  let numGreenUnits = 0;
  for (let t = 0; t < n; t++) {
    const id = ids[t];
    const g = isGreen(mask, id) ? 1 : 0;
    greenMask[t] = g;
    numGreenTokens += g;
    if (!seen.has(id)) {
      seen.add(id);
      unitGreen.push(g);
      unitPosition.push(t);
      unitId.push(id);
      numGreenUnits += g;
    }
  }
  const zScore = unigramZScore(numGreenTokens, n, fraction);
  return {
    numTokensScored: n,
    numGreenTokens,
    greenFraction: numGreenTokens / n,
    zScore,
    pValueNormal: normalSf(zScore),
    uniqueZScore: unigramZScore(numGreenUnits, unitGreen.length, fraction),
    greenMask,
    units: {
      numUnits: unitGreen.length,
      numGreenUnits,
      green: Uint8Array.from(unitGreen),
      position: Int32Array.from(unitPosition),
      id: Float64Array.from(unitId),
    },
  };
}

/** The reference's `_compute_tau(m, N, alpha)`. */
export function unigramTau(numDistinct: number, vocabSize: number, alpha: number): number {
  const factor = Math.sqrt(1 - (numDistinct - 1) / (vocabSize - 1));
  return factor * normalPpf(1 - alpha);
}

/** `dynamic_threshold(seq, alpha, vocab_size)`: [flag, τ] with flag = uniqueZScore > τ. */
export function unigramDynamicThreshold(score: UnigramScore, vocabSize: number, alpha: number): { flag: boolean; tau: number } {
  const tau = unigramTau(score.units.numUnits, vocabSize, alpha);
  return { flag: score.uniqueZScore > tau, tau };
}
