// False-alarm rates with their sampling error: how many of N null windows have p ≤ α, and whether
// that count is compatible with a true rate ≤ α.
import { binomialSf } from '../../src/stats/binomial-tail';

export const ALPHAS = [1e-2, 1e-3, 1e-4] as const;

export interface Rate {
  alpha: number;
  windows: number;
  alarms: number;
  rate: number;
  /**
   * P(at least this many alarms | true rate = α): small values mean the observed rate is above α
   * by more than sampling error.
   */
  excessP: number;
}

export function falseAlarmRate(pValues: ArrayLike<number>, alpha: number): Rate {
  let alarms = 0;
  for (let i = 0; i < pValues.length; i++) if (pValues[i] <= alpha) alarms++;
  const windows = pValues.length;
  return { alpha, windows, alarms, rate: windows === 0 ? NaN : alarms / windows, excessP: binomialSf(alarms, windows, alpha) };
}

/** One-sided upper confidence bound (Clopper–Pearson) on a rate from `alarms` of `windows`. */
export function upperBound(alarms: number, windows: number, confidence = 0.95): number {
  if (windows === 0) return 1;
  if (alarms >= windows) return 1;
  let lo = alarms / windows;
  let hi = 1;
  // P(X ≤ alarms | p) decreases in p: find p with it equal to 1 − confidence.
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const cdf = 1 - binomialSf(alarms + 1, windows, mid);
    if (cdf > 1 - confidence) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** "12/4000 (0.30%)" */
export function formatRate(r: Rate): string {
  const pct = r.windows === 0 ? 'n/a' : `${(100 * r.rate).toFixed(r.rate < 0.001 ? 3 : 2)}%`;
  return `${r.alarms}/${r.windows} (${pct})`;
}
