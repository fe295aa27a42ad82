// Turning a calibrated p-value into the user-facing verdict, and the page-level correction.
import type { Verdict } from '../detect-types';

export type { Verdict };

function checkLevel(alpha: number, gamma: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(gamma > 0 && gamma < 1)) throw new RangeError(`gamma must be in (0, 1), got ${gamma}`);
}

/**
 * The fewest test units with which a text can reach p ≤ alpha at all: the smallest n with
 * γ^n ≤ α, since an all-green text of n units has exact binomial p = γ^n (as binomialSf gives it).
 */
export function minUnitsForAlpha(alpha: number, gamma: number): number {
  checkLevel(alpha, gamma);
  let n = Math.max(1, Math.ceil(Math.log(alpha) / Math.log(gamma)));
  // The log estimate can be one off either way through rounding; settle it with the exact test.
  while (Math.pow(gamma, n) > alpha) n++;
  while (n > 1 && Math.pow(gamma, n - 1) <= alpha) n--;
  return n;
}

/**
 * 'too-short' when even an all-green text of this many units could not reach alpha (so a high p
 * says nothing), otherwise 'watermarked' iff pValue ≤ alpha.
 */
export function verdictFor(input: { pValue: number; numUnits: number; alpha: number; gamma: number }): Verdict {
  const { pValue, numUnits, alpha, gamma } = input;
  if (numUnits < minUnitsForAlpha(alpha, gamma)) return 'too-short';
  return pValue <= alpha ? 'watermarked' : 'not-detected';
}

/**
 * Holm–Bonferroni step-down at family-wise level alpha: which of the hypotheses to reject, in the
 * input order. Controls the chance of any false alarm on the page at alpha under any dependence.
 * NaN p-values are never rejected and count as tests.
 */
export function holm(pValues: readonly number[], alpha: number): boolean[] {
  const m = pValues.length;
  const order = pValues
    .map((p, i) => ({ p: Number.isNaN(p) ? Infinity : p, i }))
    .sort((a, b) => a.p - b.p || a.i - b.i);
  const reject = new Array<boolean>(m).fill(false);
  for (let rank = 0; rank < m; rank++) {
    if (!(order[rank].p <= alpha / (m - rank))) break;
    reject[order[rank].i] = true;
  }
  return reject;
}
