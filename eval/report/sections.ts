// Measurements of the evaluation report that the measurement library (eval/lib) does not already make:
// span-search settings on identical token-level blocks, robustness to page-like changes, and power with
// a stand-in model trained on another corpus than the bundled one.
import { decideBlock } from '../../src/calibration/block-test';
import type { Calibration } from '../../src/calibration/calibration';
import type { CompiledKeySet } from '../../src/detect';
import type { KgwKeyDetection } from '../../src/detect-types';
import { detect } from '../../src/detect';
import { generateWatermarked } from '../../src/generate/generate';
import type { NgramModel } from '../../src/generate/ngram-model';
import { STAND_IN_MODEL, STAND_IN_SAMPLING, paragraphsOf, trainOnParagraphs } from '../../src/generate/training';
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import type { ScoringKey } from '../../src/score/scoring-key';
import { scoreIds } from '../../src/score/score-ids';
import type { Tokenizer } from '../../src/tokenize/types';
import type { Corpus } from '../lib/corpora';
import { type IdBlock, rangeIou } from '../lib/spans';
import type { Transform } from './transforms';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = q * (s.length - 1);
  const lo = Math.floor(at);
  return s[lo] + (at - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

// ---------------------------------------------------------------------------------------------------
// Span search settings: the share of α spent on the span search, tried on the same token-level blocks.

export interface BlockOutcome {
  flagged: boolean;
  /** Token-level IoU of the found spans with the planted passage (0 when not flagged). */
  iou: number;
}

/** decideBlock at a given span share on token ids; spans mapped back to token ranges. */
export function decideIds(scoring: ScoringKey, calibration: Calibration, gamma: number, ids: readonly number[], alpha: number, spanShare: number, plant?: { start: number; end: number }): BlockOutcome {
  const score = scoreIds(scoring, ids);
  const units = calibration.apply(score, gamma);
  const d = decideBlock(calibration.nullModel(gamma), units, alpha, spanShare);
  const flagged = d.verdict === 'watermarked';
  if (!flagged || plant === undefined) return { flagged, iou: 0 };
  const base = score.firstScoredIndex;
  const ranges: Array<[number, number]> = d.spans.map((s) => [base + units.position[s.start], base + units.position[s.end - 1] + 1]);
  // A flag from the whole-block test alone (no span found) localizes nothing.
  return { flagged, iou: ranges.length === 0 ? 0 : rangeIou(ranges, plant.start, plant.end) };
}

export interface SpanSettingRow {
  key: string;
  spanShare: number;
  /** Mixed blocks (one passage of `share` in 600 tokens): share flagged, median IoU (unflagged = 0). */
  mixed: Array<{ share: number; flagged: number; medianIou: number }>;
  /** Pure watermarked 200-token texts flagged. */
  power200: number;
}

export function spanSettingRow(
  key: string,
  scoring: ScoringKey,
  calibration: Calibration,
  gamma: number,
  spanShare: number,
  mixed: ReadonlyArray<{ share: number; blocks: readonly IdBlock[] }>,
  pure: ReadonlyArray<readonly number[]>,
  alpha: number,
): SpanSettingRow {
  return {
    key,
    spanShare,
    mixed: mixed.map(({ share, blocks }) => {
      const outcomes = blocks.map((b) => decideIds(scoring, calibration, gamma, b.ids, alpha, spanShare, b));
      return { share, flagged: outcomes.filter((o) => o.flagged).length / blocks.length, medianIou: median(outcomes.map((o) => o.iou)) };
    }),
    power200: pure.filter((ids) => decideIds(scoring, calibration, gamma, ids, alpha, spanShare).flagged).length / Math.max(1, pure.length),
  };
}

// ---------------------------------------------------------------------------------------------------
// Robustness: z and the calibrated verdict before and after a transformation of the text.

export interface RobustnessRow {
  key: string;
  transform: string;
  texts: number;
  medianZBefore: number;
  medianZAfter: number;
  /** Median of (z after − z before). */
  medianDeltaZ: number;
  flaggedBefore: number;
  flaggedAfter: number;
  /** Median of the share of scored tokens kept (T after / T before). */
  medianTokensRatio: number;
}

export function robustness(key: string, keySet: CompiledKeySet, texts: ReadonlyArray<{ seed: number; text: string }>, transforms: readonly Transform[], alpha: number): RobustnessRow[] {
  const before = texts.map((t) => detect(t.text, [keySet], { alpha, spans: false })[0]);
  return transforms.map((tr) => {
    const after = texts.map((t) => detect(tr.apply(t.text, 7000 + t.seed), [keySet], { alpha, spans: false })[0]);
    return {
      key,
      transform: tr.name,
      texts: texts.length,
      medianZBefore: median(before.map((d) => d.zScore)),
      medianZAfter: median(after.map((d) => d.zScore)),
      medianDeltaZ: median(after.map((d, i) => d.zScore - before[i].zScore)),
      flaggedBefore: before.filter((d) => d.verdict === 'watermarked').length / texts.length,
      flaggedAfter: after.filter((d) => d.verdict === 'watermarked').length / texts.length,
      medianTokensRatio: median(after.map((d, i) => d.numTokensScored / Math.max(1, before[i].numTokensScored))),
    };
  });
}

/** Words of a corpus with repeats (for word replacement drawn at human frequencies). */
export function wordList(corpus: Corpus, max = 200_000): string[] {
  const out: string[] = [];
  for (const doc of corpus.documents) {
    for (const m of doc.matchAll(/[A-Za-z]+/g)) {
      out.push(m[0].toLowerCase());
      if (out.length >= max) return out;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A second stand-in model, trained on another corpus (the Brown corpus), for power on text whose genre
// is in neither the bundled calibration sample nor the default generator's training text.

export function trainOnCorpus(corpus: Corpus, tokenizer: Tokenizer): NgramModel {
  return trainOnParagraphs(
    corpus.documents.flatMap((d) => paragraphsOf(d)),
    tokenizer,
    STAND_IN_MODEL,
  );
}

export interface PowerCheck {
  key: string;
  texts: number;
  medianZ: number;
  referenceNormal: number;
  calibrated: number;
}

export function powerWithModel(key: string, spec: KeySpec, keySet: CompiledKeySet, model: NgramModel, tokenizer: Tokenizer, options: { length: number; delta: number; count: number; firstSeed: number; alpha: number }): PowerCheck {
  const zs: number[] = [];
  let ref = 0;
  let cal = 0;
  for (let i = 0; i < options.count; i++) {
    const g = generateWatermarked({
      key: spec,
      model,
      tokenizer,
      length: options.length,
      delta: options.delta,
      seed: options.firstSeed + i,
      temperature: STAND_IN_SAMPLING.temperature,
      topP: STAND_IN_SAMPLING.topP,
    });
    const [d] = detect(g.text, [keySet], { alpha: options.alpha, spans: false }) as KgwKeyDetection[];
    zs.push(d.zScore);
    if (d.pValueNormal <= options.alpha) ref++;
    if (d.verdict === 'watermarked') cal++;
  }
  return { key, texts: options.count, medianZ: median(zs), referenceNormal: ref / options.count, calibrated: cal / options.count };
}
