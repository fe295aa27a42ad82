// Unigram false alarms on human windows: the same scorer and calibration detect() uses, applied to
// non-overlapping windows of a corpus's token stream. Shared by eval/unigram-false-alarms.ts (tables)
// and eval/unigram-calibration.test.ts (the check that runs with the tests).
import { binomialSf } from '../../src/stats/binomial-tail';
import { normalSf } from '../../src/stats/normal-tail';
import type { Calibration } from '../../src/calibration/calibration';
import type { UnigramGreenMask } from '../../src/unigram/green-mask';
import { unigramNullGamma } from '../../src/unigram/calibration';
import { decideUnigram } from '../../src/unigram/decide';
import { type TokenStream, windowStarts } from './windows';

export interface UnigramAlarmCell {
  corpus: string;
  length: number;
  windows: number;
  /** Per alpha: windows flagged by the calibrated pValue, the plain binomial over distinct tokens at the
   *  mask's share, and the reference's unidetect z-test (normal tail). */
  calibrated: number[];
  plainBinomial: number[];
  referenceUnique: number[];
  meanUniqueZ: number;
}

export function unigramFalseAlarms(
  stream: TokenStream,
  mask: UnigramGreenMask,
  fraction: number,
  calibration: Calibration,
  lengths: readonly number[],
  alphas: readonly number[],
  maxWindows = Infinity,
): UnigramAlarmCell[] {
  const gamma = unigramNullGamma(mask);
  return lengths.map((length) => {
    const starts = windowStarts(stream.ids.length, length, maxWindows);
    const cell: UnigramAlarmCell = {
      corpus: stream.corpus,
      length,
      windows: starts.length,
      calibrated: alphas.map(() => 0),
      plainBinomial: alphas.map(() => 0),
      referenceUnique: alphas.map(() => 0),
      meanUniqueZ: 0,
    };
    for (const s of starts) {
      const ids = stream.ids.subarray(s, s + length);
      // The p-value detect() reports at each α: block test and span search together (src/unigram/decide.ts).
      const decisions = alphas.map((a) => decideUnigram({ mask, fraction, calibration }, ids, a));
      const { score } = decisions[0];
      const plain = binomialSf(score.units.numGreenUnits, score.units.numUnits, gamma);
      const ref = normalSf(score.uniqueZScore);
      cell.meanUniqueZ += score.uniqueZScore / starts.length;
      alphas.forEach((a, i) => {
        if (decisions[i].decision.pValue <= a) cell.calibrated[i]++;
        if (plain <= a) cell.plainBinomial[i]++;
        if (ref <= a) cell.referenceUnique[i]++;
      });
    }
    return cell;
  });
}
