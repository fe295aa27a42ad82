// Power: the share of watermarked texts (stand-in model, src/generate) whose p-value reaches α, for the
// same four p-values as the false-alarm tables, by length and δ.
import { decideBlock } from '../../src/calibration/block-test';
import { calibrationFor } from '../../src/calibration/reference-sample';
import { scoringKeyFor } from '../../src/detector/scoring-key-for';
import { scoreIds } from '../../src/score/score-ids';
import { binomialSf } from '../../src/stats/binomial-tail';
import { evalTokenizer } from './tokenizers';
import { P_VALUE_KINDS, type PValueKind } from './false-alarms';
import type { EvalKey } from './keys';
import { ALPHAS } from './rates';
import { watermarkedTexts } from './watermarked';

export interface PowerCell {
  key: string;
  delta: number;
  /** Generated tokens. */
  length: number;
  texts: number;
  meanUnits: number;
  /** Mean share of green units (calibrated layer's counted units). */
  greenShare: number;
  /** Per kind, share of texts with p ≤ alpha, in `alphas` order (detect()'s pValue taken at each alpha). */
  power: Record<PValueKind, number[]>;
  /** detect()'s pValue as decided at α = 1e-4 (or the first alpha). */
  medianP: Record<PValueKind, number>;
}

export interface PowerOptions {
  lengths: readonly number[];
  deltas: readonly number[];
  count: number;
  alphas?: readonly number[];
  firstSeed?: number;
  cache?: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function measurePower(key: EvalKey, options: PowerOptions): Promise<PowerCell[]> {
  const alphas = options.alphas ?? ALPHAS;
  const scoring = scoringKeyFor(key.spec);
  const tokenizer = await evalTokenizer(key.spec);
  const calibration = await calibrationFor(key.spec, scoring.seeder, tokenizer);
  const gamma = key.spec.gamma;
  const cells: PowerCell[] = [];
  for (const delta of options.deltas) {
    for (const length of options.lengths) {
      const texts = await watermarkedTexts(key.spec, {
        delta,
        length,
        count: options.count,
        firstSeed: options.firstSeed ?? 0,
        ...(options.cache === undefined ? {} : { cache: options.cache }),
      });
      const ps: Record<PValueKind, number[]> = { referenceNormal: [], referenceBinomial: [], unitsBinomial: [], calibratedBlock: [], calibrated: [] };
      // detect()'s pValue depends on α through the span search; power is read at the α it is decided at.
      const combined: number[][] = alphas.map(() => []);
      let units = 0;
      let green = 0;
      for (const t of texts) {
        const score = scoreIds(scoring, t.ids);
        const cal = calibration.apply(score, gamma);
        ps.referenceNormal.push(score.pValueNormal);
        ps.referenceBinomial.push(binomialSf(score.numGreenTokens, score.numTokensScored, gamma));
        ps.unitsBinomial.push(binomialSf(score.units.numGreenUnits, score.units.numUnits, gamma));
        ps.calibratedBlock.push(cal.pValue);
        alphas.forEach((a, i) => combined[i].push(decideBlock(calibration.nullModel(gamma), cal, a).pValue));
        ps.calibrated.push(combined[alphas.indexOf(1e-4) >= 0 ? alphas.indexOf(1e-4) : 0].at(-1)!);
        units += cal.numUnits;
        green += cal.numUnits > 0 ? cal.numGreenUnits / cal.numUnits : 0;
      }
      const power = Object.fromEntries(
        P_VALUE_KINDS.map((k) => [k, alphas.map((a, i) => (k === 'calibrated' ? combined[i] : ps[k]).filter((p) => p <= a).length / texts.length)]),
      ) as Record<PValueKind, number[]>;
      const medianP = Object.fromEntries(P_VALUE_KINDS.map((k) => [k, median(ps[k])])) as Record<PValueKind, number>;
      cells.push({ key: key.name, delta, length, texts: texts.length, meanUnits: units / texts.length, greenShare: green / texts.length, power, medianP });
    }
  }
  return cells;
}
