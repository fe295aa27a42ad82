// The calibrated layer for SynthID: a p-value that holds on unwatermarked text, over the independent
// units (units.ts), for the statistic the key's `score` names (mean: every layer weight 1; weighted
// mean: the reference's weights), plus the span search.
//
// Block test: Bennett's inequality over units (null-law.ts) — a proven upper bound on the tail that does
// not assume the layers of one n-gram independent (for the hash variant they are not). No normal
// approximation. As for KGW (calibration/block-test.ts), α is split between the block test ((1 − s)·α)
// and the span search (s·α, search-corrected), and pValue = min(p_block/(1 − s), p_span/s).
// Span search: each unit is 1 when its statistic is above the null mean; units are independent, so the
// binomial scan (stats/spans.ts) at the key's upper-bounded rate for that event is valid.
import { SPAN_SEARCH_ALPHA_SHARE } from '../calibration/block-test';
import type { Verdict } from '../detect-types';
import { findSpans } from '../stats/spans';
import type { SynthIdPositions } from './g-values';
import { weightedMeanWeights } from './mean-scores';
import { bennettLogSf, chernoffLogSf, type UnitLaw, unitLaw } from './null-law';
import type { SynthIdScorer } from './params';
import { independentUnits, type SynthIdUnits } from './units';

export type SynthIdStatistic = 'mean' | 'weighted-mean';

export interface SynthIdTest {
  readonly scorer: SynthIdScorer;
  readonly statistic: SynthIdStatistic;
  readonly weights: Float64Array;
  readonly law: UnitLaw;
}

export function synthIdTest(scorer: SynthIdScorer, statistic: SynthIdStatistic): SynthIdTest {
  const weights = statistic === 'mean' ? new Float64Array(scorer.depth).fill(1) : weightedMeanWeights(scorer.depth);
  return { scorer, statistic, weights, law: unitLaw(scorer, weights) };
}

function unitsTotal(units: SynthIdUnits): number {
  let t = 0;
  for (const v of units.value) t += v;
  return t;
}

/** An upper bound on P(statistic ≥ observed) under no watermark. */
export function blockPValue(test: SynthIdTest, units: SynthIdUnits): number {
  const t = unitsTotal(units);
  // Both are upper bounds; each is the tighter one somewhere (Chernoff far out, Bennett rarely).
  return Math.exp(Math.min(bennettLogSf(t, units.numUnits, test.law), chernoffLogSf(t, units.numUnits, test.law)));
}

/** The smallest block p-value U units can give (every g-value 1). */
export function bestBlockPValue(test: SynthIdTest, numUnits: number): number {
  const t = numUnits * test.law.max;
  return Math.exp(Math.min(bennettLogSf(t, numUnits, test.law), chernoffLogSf(t, numUnits, test.law)));
}

export interface SynthIdSpan {
  /** Unit indices, end exclusive. */
  startUnit: number;
  endUnit: number;
  /** Descriptive z of the span's above-mean units against the null rate (not search-corrected). */
  zScore: number;
  /** Search-corrected. */
  pValue: number;
}

export interface SynthIdDecision {
  units: SynthIdUnits;
  blockPValue: number;
  /** Combined with the span search; verdict 'watermarked' ⇔ pValue ≤ α. */
  pValue: number;
  verdict: Verdict;
  spans: SynthIdSpan[];
}

export function decideSynthId(test: SynthIdTest, positions: SynthIdPositions, alpha: number, spanShare = SPAN_SEARCH_ALPHA_SHARE): SynthIdDecision {
  const units = independentUnits(positions, test.weights);
  const blockShare = 1 - spanShare;
  const block = blockPValue(test, units);
  const { mean, aboveMeanRate } = test.law;
  const above = Uint8Array.from(units.value, (v) => (v > mean + 1e-9 * test.law.max ? 1 : 0));
  const found = spanShare > 0 && units.numUnits > 0 && aboveMeanRate < 1 ? findSpans(above, aboveMeanRate, { alpha: spanShare * alpha }) : [];
  let pValue = Math.min(1, block / blockShare);
  for (const s of found) pValue = Math.min(pValue, s.pValue / spanShare);
  const spans = found.map((s) => ({ startUnit: s.start, endUnit: s.end, zScore: s.zScore, pValue: s.pValue }));
  let verdict: Verdict;
  if (units.numUnits === 0 || bestBlockPValue(test, units.numUnits) / blockShare > alpha) verdict = 'too-short';
  else verdict = pValue <= alpha ? 'watermarked' : 'not-detected';
  return { units, blockPValue: block, pValue, verdict, spans };
}

/** (mean − ½) / (½ / √(n·depth)): the simple z-test of the SynthID paper and third-party tools (design §5). */
export function synthIdZScore(meanScore: number, numScored: number, depth: number): number {
  return (meanScore - 0.5) / (0.5 / Math.sqrt(numScored * depth));
}
