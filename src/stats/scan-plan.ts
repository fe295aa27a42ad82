// The window search the span finder runs on a block of N units, fixed before looking at the data:
// which window lengths, and for each the fewest greens that count as significant after the
// correction for searching all windows.
import { binomialLogPmf } from './binomial-pmf';
import { binomialLogSf } from './binomial-tail';
import { logScanBoundFrom } from './scan-bound';

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
 * search's false-alarm rate ≤ 0.69 α (Bonferroni alone: 0.06–0.51 α, median 0.30 α). Larger reliefs
 * were measured too close to α to ship (1.75: 0.80 α; 2: 0.99 α), because an integer threshold that
 * drops by one green can raise a length's rate several-fold. At K ≤ 2 nothing is relieved (a single
 * length has no overlap to draw on, and its bound can be close to exact).
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
  const terms = termsFor(rate);
  const bound = (k: number, l: number): number => terms.logScanBound(k, l, numUnits);
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

// Most of a plan's cost is exact binomial tails, and those do not depend on N: the blocks of a page
// (hundreds of sizes) share them. Kept per rate, like the span finder's plans: a constant rate by
// value, a rate function by identity (callers keep one function per null model).
const MAX_TERMS = 1 << 17;
const TERM_KEY_LIMIT = 2 ** 21; // l · 2^21 + k stays an exact integer key below this l

class BinomialTerms {
  private readonly rates = new Map<number, number>();
  private readonly logSf = new Map<number, number>();
  private readonly logPmfBefore = new Map<number, number>();

  constructor(private readonly rate: NullRate) {}

  rateAt(l: number): number {
    let p = this.rates.get(l);
    if (p === undefined) {
      p = nullRateAt(this.rate, l);
      this.rates.set(l, p);
    }
    return p;
  }

  /** binomialLogSf(k, l, nullRateAt(rate, l)), bit for bit. */
  logSfAt(k: number, l: number): number {
    const p = this.rateAt(l);
    if (l >= TERM_KEY_LIMIT) return binomialLogSf(k, l, p);
    if (this.logSf.size >= MAX_TERMS) this.clear();
    const key = l * TERM_KEY_LIMIT + k;
    let logSf = this.logSf.get(key);
    if (logSf === undefined) {
      logSf = binomialLogSf(k, l, p);
      this.logSf.set(key, logSf);
    }
    return logSf;
  }

  /** logScanBound(k, l, numUnits, nullRateAt(rate, l)), bit for bit. */
  logScanBound(k: number, l: number, numUnits: number): number {
    const p_ = this.rateAt(l);
    if (l >= TERM_KEY_LIMIT) return logScanBoundFrom(binomialLogSf(k, l, p_), () => binomialLogPmf(k - 1, l - 1, p_), k, l, numUnits, p_);
    const logSf = this.logSfAt(k, l);
    const key = l * TERM_KEY_LIMIT + k;
    return logScanBoundFrom(logSf, () => {
      let v = this.logPmfBefore.get(key);
      if (v === undefined) {
        v = binomialLogPmf(k - 1, l - 1, p_);
        this.logPmfBefore.set(key, v);
      }
      return v;
    }, k, l, numUnits, p_);
  }

  private clear(): void {
    this.rates.clear();
    this.logSf.clear();
    this.logPmfBefore.clear();
  }
}

const constantRateTerms = new Map<number, BinomialTerms>();
const functionRateTerms = new WeakMap<(windowLength: number) => number, BinomialTerms>();

/** binomialLogSf(k, l, nullRateAt(rate, l)), bit for bit, from the terms plans share (the span finder's refinement). */
export function windowLogSf(rate: NullRate, k: number, l: number): number {
  return termsFor(rate).logSfAt(k, l);
}

/** windowLogSf for one rate, as a function of (k, l): the terms looked up once, not per call. */
export function windowLogSfFor(rate: NullRate): (k: number, l: number) => number {
  const terms = termsFor(rate);
  return (k, l) => terms.logSfAt(k, l);
}

function termsFor(rate: NullRate): BinomialTerms {
  let terms = typeof rate === 'number' ? constantRateTerms.get(rate) : functionRateTerms.get(rate);
  if (terms === undefined) {
    terms = new BinomialTerms(rate);
    if (typeof rate === 'number') {
      // A handful of constant rates in practice (γ values); bounded all the same.
      if (constantRateTerms.size >= 64) constantRateTerms.clear();
      constantRateTerms.set(rate, terms);
    } else functionRateTerms.set(rate, terms);
  }
  return terms;
}
