// SynthID false alarms on human windows: the scorer and calibrated test detect() uses (detectSynthId:
// computePositions → decideSynthId at the α asked for), applied to non-overlapping windows of a corpus's
// token stream, beside the simple z-test third parties publish (normal tail of zScore).
import type { CompiledSynthIdKey } from '../../src/detector/compiled';
import { normalSf } from '../../src/stats/normal-tail';
import { computePositions } from '../../src/synthid/g-values';
import { meanScore } from '../../src/synthid/mean-scores';
import { decideSynthId, synthIdZScore } from '../../src/synthid/statistics';
import { type TokenStream, windowStarts } from './windows';

export interface SchemeAlarmCell {
  key: string;
  corpus: string;
  heldOut: boolean;
  length: number;
  windows: number;
  /** Per alpha: windows whose calibrated pValue (as detect() reports it at that α) is ≤ α. */
  calibrated: number[];
  /** Per alpha: windows the reference's simple test flags (z-test, normal tail). */
  reference: number[];
  meanUnits: number;
}

export function synthIdFalseAlarms(
  keyName: string,
  stream: TokenStream,
  heldOut: boolean,
  key: CompiledSynthIdKey,
  lengths: readonly number[],
  alphas: readonly number[],
  maxWindows = Infinity,
): SchemeAlarmCell[] {
  const { scorer, test } = key;
  return lengths.map((length) => {
    const starts = windowStarts(stream.ids.length, length, maxWindows);
    const cell: SchemeAlarmCell = {
      key: keyName,
      corpus: stream.corpus,
      heldOut,
      length,
      windows: starts.length,
      calibrated: alphas.map(() => 0),
      reference: alphas.map(() => 0),
      meanUnits: 0,
    };
    for (const s of starts) {
      const positions = computePositions(scorer, stream.ids.subarray(s, s + length));
      const mean = meanScore(positions.gValues, positions.mask, positions.depth, positions.numScored);
      const zP = mean === null ? 1 : normalSf(synthIdZScore(mean, positions.numScored, positions.depth));
      alphas.forEach((a, i) => {
        const d = decideSynthId(test, positions, a);
        if (i === 0) cell.meanUnits += d.units.numUnits / starts.length;
        if (d.pValue <= a) cell.calibrated[i]++;
        if (zP <= a) cell.reference[i]++;
      });
    }
    return cell;
  });
}
