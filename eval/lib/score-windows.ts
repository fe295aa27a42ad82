// Scores human windows under a key the way the detector does (scoreIds: reference counts and
// independent units), keeping what any calibration method needs afterwards: each window's units as
// (seed, target) identities in first-occurrence order, with their colours.
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import { scoreIds } from '../../src/score/score-ids';
import type { ScoringKey } from '../../src/score/scoring-key';
import { binomialSf } from '../../src/stats/binomial-tail';
import { type ColourTable, pairId } from './colours';
import type { TokenStream } from './windows';
import { windowStarts } from './windows';

export interface ScoredWindow {
  corpus: string;
  /** Window length in tokens (the length bin). */
  length: number;
  /** Offset of the window in its corpus stream. */
  start: number;
  /** Reference layer (exactly as the reference counts). */
  numTokensScored: number;
  numGreenTokens: number;
  zScore: number;
  pValueNormal: number;
  /** Exact binomial tail over the reference's own counts (T, G). */
  pValueReferenceBinomial: number;
  /** Independent units (distinct (seed, target) pairs), first-occurrence order. */
  unitPairs: Float64Array;
  unitGreen: Uint8Array;
}

/**
 * The (seed, target) identity of every position of a stream, NaN where the context is incomplete.
 * Position t is scored with the seed of ids[t − h, t) (or ids[t − h + 1, t] when self-salted).
 */
export function streamPairs(key: ScoringKey, ids: Int32Array): Float64Array {
  const { contextWidth: h, selfSalt } = key.seeder;
  const first = selfSalt ? h - 1 : h;
  const out = new Float64Array(ids.length).fill(NaN);
  for (let t = first; t < ids.length; t++) out[t] = pairId(key.seeder.seed32(ids, selfSalt ? t + 1 : t), ids[t]);
  return out;
}

export interface WindowPlan {
  lengths: readonly number[];
  /** Per length, at most this many windows per corpus (spread over the stream). */
  maxWindows: (length: number) => number;
}

/** Window starts for every length of the plan over one stream. */
export function planWindows(stream: TokenStream, plan: WindowPlan): Array<{ length: number; starts: number[] }> {
  return plan.lengths.map((length) => ({ length, starts: windowStarts(stream.ids.length, length, plan.maxWindows(length)) }));
}

/**
 * Scores every planned window of a stream under `key`, colouring each distinct unit once through
 * `colours` (which must match the key's green-list geometry).
 */
export function scoreStreamWindows(
  spec: KeySpec,
  key: ScoringKey,
  stream: TokenStream,
  plan: WindowPlan,
  colours: ColourTable,
): ScoredWindow[] {
  const pairs = streamPairs(key, stream.ids);
  const windows = planWindows(stream, plan);
  const needed = new Set<number>();
  for (const { length, starts } of windows) {
    for (const s of starts) for (let t = s; t < s + length; t++) if (!Number.isNaN(pairs[t])) needed.add(pairs[t]);
  }
  colours.ensure(needed);
  const lookupKey: ScoringKey = { ...key, oracle: colours.asOracle() };

  const out: ScoredWindow[] = [];
  for (const { length, starts } of windows) {
    for (const s of starts) {
      const ids = stream.ids.subarray(s, s + length);
      const score = scoreIds(lookupKey, ids);
      const { units } = score;
      const unitPairs = new Float64Array(units.numUnits);
      for (let u = 0; u < units.numUnits; u++) unitPairs[u] = pairs[s + score.firstScoredIndex + units.position[u]];
      out.push({
        corpus: stream.corpus,
        length,
        start: s,
        numTokensScored: score.numTokensScored,
        numGreenTokens: score.numGreenTokens,
        zScore: score.zScore,
        pValueNormal: score.pValueNormal,
        pValueReferenceBinomial: binomialSf(score.numGreenTokens, score.numTokensScored, spec.gamma),
        unitPairs,
        unitGreen: units.green,
      });
    }
  }
  return out;
}
