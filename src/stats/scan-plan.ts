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

/**
 * How far below Bonferroni across the K window lengths the search may go: windows are judged at
 * K · bound / relief, relief = min(SEARCH_RELIEF, K / 2). Bonferroni charges every length in full,
 * but the lengths' events overlap (a green stretch passes at neighbouring lengths together), the
 * within-length scan bound is itself above the exact tail, and the integer thresholds sit below their
 * level. Chosen by simulation under the null (stats/scan-fwer.ts, Naiman–Priebe estimates; no corpus
 * involved; `npx tsx eval/scan-relief.ts`): over 5 rate curves (γ = 0.1 to 0.5, flat and
 * calibrated-like), N = 16 to 1500 units and α = 1e-6 to 1e-2 (500 cases), relief 1.5 keeps the
 * search's false-alarm rate ≤ 0.69 α (Bonferroni alone: 0.06–0.51 α, median 0.30 α). Larger reliefs were measured too
 * close to α to ship (1.75: 0.80 α; 2: 0.99 α), because an integer threshold that drops by one green
 * can raise a length's rate several-fold. At K ≤ 2 nothing is relieved (a single length has no
 * overlap to draw on, and its bound can be close to exact).
 */
export const SEARCH_RELIEF = 1.5;

/** The relief a plan with `numLengths` window lengths gets (≥ 1). */
export function searchRelief(numLengths: number): number {
  return Math.max(1, Math.min(SEARCH_RELIEF, numLengths / 2));
}

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
 * K · bound(L, k) / relief, K = number of lengths (Bonferroni across lengths relieved by the measured
 * overlap, SEARCH_RELIEF; scan bound within a length; each length at its own null rate), so
 * P(any window of a null block passes) ≤ alpha when no length's windows run greener than their rate
 * (checked by simulation, scan-fwer.ts). The grid starts at the first length where an all-green
 * window could pass (judged with the largest grid K could be), or at minLength if larger.
 */
export function planScan(numUnits: number, rate: NullRate, alpha: number, minLength = 1): ScanPlan {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
  if (typeof rate === 'number') nullRateAt(rate, 1);
  if (!Number.isInteger(numUnits) || numUnits < 0) throw new RangeError(`bad number of units ${numUnits}`);
  const logAlpha = Math.log(alpha);
  const widest = geometricLengths(1, numUnits).length;
  const bound = (k: number, l: number): number => logScanBound(k, l, numUnits, nullRateAt(rate, l));
  let first = Math.max(1, Math.ceil(minLength));
  const logWidest = Math.log(widest) - Math.log(searchRelief(widest));
  while (first <= numUnits && logWidest + bound(first, first) > logAlpha) first++;
  const lengths = geometricLengths(first, numUnits);
  const logK = Math.log(Math.max(lengths.length, 1)) - Math.log(searchRelief(lengths.length));
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
