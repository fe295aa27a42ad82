// `wmlens score` for a synthid key (design §5): the reference's numbers for the ids as given (mean,
// weighted mean, the per-position g-values and mask) and the calibrated pValue and verdict detect()
// would report at the default α.
import { DEFAULT_ALPHA } from '../detect-types';
import type { CompiledSynthIdKey } from '../detector/compiled';
import { synthIdReference } from '../synthid/detect-synthid';
import { decideSynthId } from '../synthid/statistics';

export function synthIdScoreLine(key: CompiledSynthIdKey, ids: number[]): Record<string, unknown> {
  // The reference's unfold raises on a sequence shorter than one n-gram; so does this line.
  const n = key.spec.ngramLen;
  if (ids.length < n) throw new Error(`too short: ${ids.length} token(s), one n-gram needs ${n}`);
  const reference = synthIdReference(key, ids);
  const { positions } = reference;
  const decision = decideSynthId(key.test, positions, DEFAULT_ALPHA);
  const gValues: string[] = [];
  for (let i = 0; i < positions.numPositions; i++) {
    gValues.push(positions.gValues.subarray(i * positions.depth, (i + 1) * positions.depth).join(''));
  }
  return {
    numTokensScored: positions.numScored,
    meanScore: reference.meanScore,
    weightedMeanScore: reference.weightedMeanScore,
    zScore: reference.zScore,
    pValue: decision.pValue,
    numUnits: decision.units.numUnits,
    verdict: decision.verdict,
    gValues,
    mask: Array.from(positions.mask),
  };
}
