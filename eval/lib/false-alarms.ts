// False-alarm rates on human windows, per key × corpus × length bin, for the p-values the product can
// report: the reference's normal tail and exact binomial over its own counts (T, G), the exact binomial
// over independent units, the calibrated whole-block p-value, and the calibrated pValue detect() reports
// (whole block and span search combined at α, block-test.ts) — through the same code detect() runs.
import { decideBlock } from '../../src/calibration/block-test';
import type { Calibration } from '../../src/calibration/calibration';
import { calibrationFor } from '../../src/calibration/reference-sample';
import { scoringKeyFor } from '../../src/detector/scoring-key-for';
import { binomialSf } from '../../src/stats/binomial-tail';
import { evalTokenizer } from './tokenizers';
import type { EvalKey } from './keys';
import type { LoadedCorpus } from './pipeline';
import { scoreCorpora } from './pipeline';
import { ALPHAS, type Rate, falseAlarmRate } from './rates';
import type { ScoredWindow } from './score-windows';

export const P_VALUE_KINDS = ['referenceNormal', 'referenceBinomial', 'unitsBinomial', 'calibratedBlock', 'calibrated'] as const;
export type PValueKind = (typeof P_VALUE_KINDS)[number];

export const P_VALUE_LABELS: Record<PValueKind, string> = {
  referenceNormal: 'reference normal (T, G)',
  referenceBinomial: 'reference binomial (T, G)',
  unitsBinomial: 'binomial over units',
  calibratedBlock: 'calibrated, whole block',
  calibrated: 'calibrated pValue (detect)',
};

export interface FalseAlarmCell {
  key: string;
  corpus: string;
  heldOut: boolean;
  /** Window length in tokens. */
  length: number;
  windows: number;
  meanTokensScored: number;
  meanUnits: number;
  /** Per p-value kind, one Rate per alpha (in `alphas` order). */
  rates: Record<PValueKind, Rate[]>;
}

export interface FalseAlarmOptions {
  lengths: readonly number[];
  maxWindows?: (length: number) => number;
  alphas?: readonly number[];
  /** Keep colours on disk between runs (default true). */
  cache?: boolean;
}

/**
 * The p-values of one scored window when the decision is taken at level `alpha` (only detect()'s pValue
 * depends on it: the span search's share of α decides which spans it reports).
 */
export function windowPValues(w: ScoredWindow, calibration: Calibration, gamma: number, alpha: number): Record<PValueKind, number> {
  let g = 0;
  for (const c of w.unitGreen) g += c;
  const units = calibration.scoreUnits(w.unitPairs, w.unitGreen, null, gamma);
  return {
    referenceNormal: w.pValueNormal,
    referenceBinomial: w.pValueReferenceBinomial,
    unitsBinomial: binomialSf(g, w.unitGreen.length, gamma),
    calibratedBlock: units.pValue,
    calibrated: decideBlock(calibration.nullModel(gamma), units, alpha).pValue,
  };
}

export async function measureFalseAlarms(keys: readonly EvalKey[], corpora: readonly LoadedCorpus[], options: FalseAlarmOptions): Promise<FalseAlarmCell[]> {
  const alphas = options.alphas ?? ALPHAS;
  const cells: FalseAlarmCell[] = [];
  for (const key of keys) {
    const scoring = scoringKeyFor(key.spec);
    const tokenizer = await evalTokenizer(key.spec);
    const calibration = await calibrationFor(key.spec, scoring.seeder, tokenizer);
    const windows = await scoreCorpora(key.spec, corpora, { lengths: options.lengths, maxWindows: options.maxWindows ?? (() => Infinity) }, options.cache ?? true);
    for (const corpus of corpora) {
      for (const length of options.lengths) {
        const ws = windows.filter((w) => w.corpus === corpus.name && w.length === length);
        if (ws.length === 0) continue;
        const byAlpha = alphas.map((a) => ws.map((w) => windowPValues(w, calibration, key.spec.gamma, a)));
        const rates = Object.fromEntries(
          P_VALUE_KINDS.map((kind) => [kind, alphas.map((a, i) => falseAlarmRate(byAlpha[i].map((p) => p[kind]), a))]),
        ) as Record<PValueKind, Rate[]>;
        cells.push({
          key: key.name,
          corpus: corpus.name,
          heldOut: corpus.heldOut,
          length,
          windows: ws.length,
          meanTokensScored: ws.reduce((n, w) => n + w.numTokensScored, 0) / ws.length,
          meanUnits: ws.reduce((n, w) => n + w.unitGreen.length, 0) / ws.length,
          rates,
        });
      }
    }
  }
  return cells;
}

/** A cell's rate is "above α beyond sampling error" when P(≥ alarms | rate α) < this. */
export const EXCESS_LEVEL = 0.01;

/** Cells where a kind's rate exceeds α by more than sampling error (one entry per cell × alpha). */
export function excessCells(cells: readonly FalseAlarmCell[], kind: PValueKind, alphas: readonly number[] = ALPHAS): Array<{ cell: FalseAlarmCell; rate: Rate }> {
  const out: Array<{ cell: FalseAlarmCell; rate: Rate }> = [];
  for (const cell of cells) {
    for (const rate of cell.rates[kind]) {
      if (alphas.includes(rate.alpha) && rate.excessP < EXCESS_LEVEL) out.push({ cell, rate });
    }
  }
  return out;
}
