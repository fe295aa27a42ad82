// One block, one key: the whole-block test and the span search together, at a total false-alarm level α.
//
// The whole-block p-value alone cannot flag a block that is mostly human with one watermarked passage:
// a 60-token δ = 2 passage in 600 tokens moves the block's green share from 0.25 to about 0.27, which
// no calibrated test can tell from human text. The span search (search-corrected p-values, stats/spans)
// can, when the passage is long or strong enough. So α is split (Bonferroni): the block test runs at
// (1 − s)·α and the span search at s·α, and the block is flagged when either passes. The reported
// p-value is the matching combination min(p_block / (1 − s), p_span / s), capped at 1, so that
// "flagged" is exactly "pValue ≤ α" and P(pValue ≤ t) ≤ t holds for every t on human text.
import type { Verdict } from '../detect-types';
import { type Span, findSpans } from '../stats/spans';
import type { CalibratedUnits } from './calibration';
import { type NullModel, nullGreenRate } from './null-model';
import { calibratedVerdict } from './verdict';

/**
 * Share s of α spent on the span search. Chosen by measurement (eval/calibration-notes.md, "Span
 * search"): with s = 0.25 the whole-block test loses ≤ 2 points of power at 200 tokens (s = 0.5: up to
 * 7), while the span search finds the same mixed blocks as with s = 0.5 (a δ = 4 passage of 10% of 600
 * tokens: 100% detected, median IoU 0.94; without it: 3%).
 */
export const SPAN_SEARCH_ALPHA_SHARE = 0.25;

export interface BlockDecision {
  /** Combined p-value (see above); verdict 'watermarked' ⇔ pValue ≤ α (given enough units). */
  pValue: number;
  /** The whole-block calibrated p-value on its own. */
  blockPValue: number;
  verdict: Verdict;
  /** Spans found by the search (unit indices into units.green), each with its search-corrected p-value. */
  spans: Span[];
}

// One function per model, so the span finder's plan cache (keyed by the function) is reused.
const windowRates = new WeakMap<NullModel, (windowLength: number) => number>();

function windowNullRate(model: NullModel): (windowLength: number) => number {
  let rate = windowRates.get(model);
  if (rate === undefined) {
    rate = (windowLength) => nullGreenRate(model, windowLength);
    windowRates.set(model, rate);
  }
  return rate;
}

export function decideBlock(model: NullModel, units: CalibratedUnits, alpha: number, spanShare = SPAN_SEARCH_ALPHA_SHARE, tellingShare?: number): BlockDecision {
  if (!(spanShare >= 0 && spanShare < 1)) throw new RangeError(`span share must be in [0, 1), got ${spanShare}`);
  const blockShare = 1 - spanShare;
  const blockPValue = units.pValue;
  // Each window is tested at the null rate the calibration gives a text of its length, as the block
  // test is at the block's: short windows get the larger allowance they need.
  const spans =
    spanShare > 0 && units.numUnits > 0
      ? findSpans(units.green, windowNullRate(model), { alpha: spanShare * alpha, gamma: model.gamma })
      : [];
  let pValue = Math.min(1, blockPValue / blockShare);
  for (const s of spans) pValue = Math.min(pValue, s.pValue / spanShare);
  return { pValue, blockPValue, verdict: calibratedVerdict(model, pValue, units.numUnits, alpha, blockShare, tellingShare), spans };
}
