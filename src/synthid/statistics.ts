// The calibrated layer for SynthID: a p-value that holds on unwatermarked text, over the independent
// units (units.ts), for the statistic the key's `score` names (mean: every layer weight 1; weighted
// mean: the reference's weights), plus the span search.
//
// Block test: where the per-unit law is known exactly and integral (hf-transformers with a power-of-two
// table, the mean statistic), the exact tail of the units' sum (exact-tail.ts) with a fixed-key
// allowance (ngram-allowance.ts): the sum is tested against a null whose per-unit mean is raised by
// safety · σ · share(U). Otherwise Bennett's inequality over units (null-law.ts) and a Chernoff bound —
// proven upper bounds on the tail that do not assume the layers of one n-gram independent (for the hash
// variant they are not). No normal approximation. As for KGW (calibration/block-test.ts), α is split
// between the block test ((1 − s)·α) and the span search (s·α, search-corrected), and
// pValue = min(p_block/(1 − s), p_span/s).
// Span search: each unit is 1 when its statistic is above the null mean; units are independent, so the
// binomial scan (stats/spans.ts) at the key's upper-bounded rate for that event is valid.
import { SPAN_SEARCH_ALPHA_SHARE } from '../calibration/block-test';
import { type ShareCurve, shareAt } from '../calibration/null-model';
import type { Verdict } from '../detect-types';
import { findSpans } from '../stats/spans';
import type { SynthIdPositions } from './g-values';
import { weightedMeanWeights } from './mean-scores';
import { type LatticeLaw, latticeLaw, latticeSumLogSf } from './exact-tail';
import { SYNTHID_ALLOWANCE_SAFETY } from './ngram-allowance';
import { bennettLogSf, chernoffLogSf, type UnitLaw, unitLaw } from './null-law';
import type { SynthIdScorer } from './params';
import { independentUnits, type SynthIdUnits } from './units';

export type SynthIdStatistic = 'mean' | 'weighted-mean';

export interface SynthIdTest {
  readonly scorer: SynthIdScorer;
  readonly statistic: SynthIdStatistic;
  readonly weights: Float64Array;
  readonly law: UnitLaw;
  /** The exact block tail, when the law is enumerated and an allowance was fitted. */
  readonly exact?: ExactBlockTail;
}

export interface ExactBlockTail {
  readonly lattice: LatticeLaw;
  /** share(U) of the fixed-key shift (ngram-allowance.ts). */
  readonly allowance: ShareCurve;
  readonly safety: number;
}

/**
 * `allowance`: the n-gram share curve fitted on the reference sample (ngram-allowance.ts); with it, a key
 * whose law is enumerated gets the exact block tail. Without it (or with a sampled law) the bounds.
 */
export function synthIdTest(scorer: SynthIdScorer, statistic: SynthIdStatistic, allowance?: ShareCurve): SynthIdTest {
  const weights = statistic === 'mean' ? new Float64Array(scorer.depth).fill(1) : weightedMeanWeights(scorer.depth);
  const law = unitLaw(scorer, weights);
  const lattice = allowance === undefined ? null : latticeLaw(law);
  const exact = lattice === null ? undefined : { lattice, allowance: allowance!, safety: SYNTHID_ALLOWANCE_SAFETY };
  return { scorer, statistic, weights, law, ...(exact === undefined ? {} : { exact }) };
}

/** The table size whose residues are the units (table variant), or null (hash variant: whole hashes). */
export function unitTableSize(scorer: SynthIdScorer): number | null {
  return scorer.params.variant === 'hf-transformers' ? scorer.params.table!.size : null;
}

/**
 * Fewer units than this keep the bounds even where the exact tail applies. The allowance models a small
 * shift spread over many units; in a short text one n-gram that recurs across a kind of text (a run of
 * tabs, "Files:") is a large part of the sum, and its key-fixed value is not covered by it: at 12–28 units
 * the exact tail went above α (within sampling error) on e-mail at 1e-4 and on the held-out Vim docs
 * (eval/synthid-notes.md), where the bounds' slack covered it.
 */
export const EXACT_TAIL_MIN_UNITS = 64;

/** log P(Σ ≥ t) under the null for U units: exact with the allowance where it applies, else the bounds. */
function blockLogPValue(test: SynthIdTest, t: number, numUnits: number): number {
  if (test.exact !== undefined && numUnits >= EXACT_TAIL_MIN_UNITS) {
    const { lattice, allowance, safety } = test.exact;
    const shift = safety * Math.sqrt(test.law.variance) * shareAt(allowance, numUnits);
    const exact = latticeSumLogSf(lattice, t - numUnits * shift, numUnits);
    if (!Number.isNaN(exact)) return exact;
  }
  // Both are upper bounds; each is the tighter one somewhere (Chernoff far out, Bennett rarely).
  return Math.min(bennettLogSf(t, numUnits, test.law), chernoffLogSf(t, numUnits, test.law));
}

function unitsTotal(units: SynthIdUnits): number {
  let t = 0;
  for (const v of units.value) t += v;
  return t;
}

/** P(statistic ≥ observed) under no watermark: exact with the allowance, or an upper bound. */
export function blockPValue(test: SynthIdTest, units: SynthIdUnits): number {
  return Math.exp(blockLogPValue(test, unitsTotal(units), units.numUnits));
}

/**
 * The smallest block p-value U units can give: every g-value 1, or with an enumerated law, every unit at
 * the largest value the law allows (a small table may never set all layers at once).
 */
export function bestBlockPValue(test: SynthIdTest, numUnits: number): number {
  const best = test.exact === undefined ? test.law.max : test.law.values[test.law.values.length - 1];
  return Math.exp(blockLogPValue(test, numUnits * best, numUnits));
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
  const units = independentUnits(positions, test.weights, unitTableSize(test.scorer));
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
