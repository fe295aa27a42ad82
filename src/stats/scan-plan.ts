// The window search the span finder runs on a block of N units, fixed before looking at the data:
// which window lengths, and for each the fewest greens that count as significant after the
// correction for searching all windows.
import { logScanBound } from './scan-bound';

/**
 * The green rate a window is tested against: one rate for every window, or one per window length
 * (a calibrated null allows short windows a higher rate than long ones, see calibration/null-model).
 */
export type NullRate = number | ((windowLength: number) => number);

export function nullRateAt(rate: NullRate, windowLength: number): number {
  const p = typeof rate === 'number' ? rate : rate(windowLength);
  if (!(p > 0 && p < 1)) throw new RangeError(`null green rate must be in (0, 1), got ${p} for windows of ${windowLength}`);
  return p;
}

/** Ratio between consecutive window lengths: about 2 lengths per doubling. */
export const LENGTH_RATIO = Math.SQRT2;

export interface ScanPlan {
  numUnits: number;
  /** The null rate each window length is tested at. */
  rate: NullRate;
  alpha: number;
  /** Window lengths, increasing; the last is numUnits. Empty when no window could be significant. */
  lengths: number[];
  /** For lengths[i], the smallest green count whose corrected p-value is ≤ alpha (Infinity: none). */
  minGreen: number[];
  /** log of the search-corrected p-value of a window of this length and green count (≤ 0). */
  logCorrectedP(windowLength: number, numGreen: number): number;
}

/** Geometric grid from `first`: each length the previous × √2 (rounded, at least +1), then N. */
export function geometricLengths(first: number, numUnits: number): number[] {
  const lengths: number[] = [];
  for (let l = first; l < numUnits; l = Math.max(l + 1, Math.round(l * LENGTH_RATIO))) lengths.push(l);
  if (first <= numUnits) lengths.push(numUnits);
  return lengths;
}

/**
 * Plan for N units at false-alarm level alpha. A window's corrected p-value is
 * K · bound(L, k), K = number of lengths (Bonferroni across lengths, scan bound within a length,
 * each length at its own null rate), so P(any window of a null block passes) ≤ alpha when no
 * length's windows run greener than their rate. The grid starts at the first length where an
 * all-green window could pass (judged with the largest grid K could be), or at minLength if larger.
 */
export function planScan(numUnits: number, rate: NullRate, alpha: number, minLength = 1): ScanPlan {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
  if (typeof rate === 'number') nullRateAt(rate, 1);
  if (!Number.isInteger(numUnits) || numUnits < 0) throw new RangeError(`bad number of units ${numUnits}`);
  const logAlpha = Math.log(alpha);
  const widest = geometricLengths(1, numUnits).length;
  const bound = (k: number, l: number): number => logScanBound(k, l, numUnits, nullRateAt(rate, l));
  let first = Math.max(1, Math.ceil(minLength));
  while (first <= numUnits && Math.log(widest) + bound(first, first) > logAlpha) first++;
  const lengths = geometricLengths(first, numUnits);
  const logK = Math.log(Math.max(lengths.length, 1));
  const logCorrectedP = (l: number, k: number): number => Math.min(0, logK + bound(k, l));

  const minGreen = lengths.map((l) => {
    // Above the mean the bound falls as k grows, so the passing counts form a range [k*, l].
    let lo = Math.floor(l * nullRateAt(rate, l)) + 1;
    let hi = l;
    if (lo > hi || logCorrectedP(l, hi) > logAlpha) return Infinity;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (logCorrectedP(l, mid) <= logAlpha) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  });
  return { numUnits, rate, alpha, lengths, minGreen, logCorrectedP };
}
