// The calibrated null: an exact binomial tail over the units kept after exclusion, at a green rate
// raised from γ by an allowance ε(n) for the bias a fixed key can still have on some kind of text.
//
// Why a raised rate and not a wider (beta-binomial) spread: on a given corpus, a fixed key's bias is
// a fixed shift of the green rate (its frequent units carry colours the key fixed), and the windows
// of that corpus scatter around the shifted rate no wider than binomially (measured: z sd ≈ 1.0 within
// a corpus). The false-alarm rate of a (corpus, key) stays ≤ α for every α exactly when the test's
// null rate is at least the corpus's shifted rate; a variance allowance fitted to the average shift
// would only cover it on average over corpora and keys, not for each of them.
import { binomialLogSf, binomialSf } from '../stats/binomial-tail';

/** Knots of share(n): the shared-unit statistic against the number of units in a window. */
export interface ShareCurve {
  /** Mean units per window, strictly ascending. */
  units: number[];
  /** √(Σ π_u²) / n̄ at those sizes (see shared-units.ts). */
  share: number[];
}

export interface NullModel {
  gamma: number;
  /** Allowance in standard deviations of the per-key shift: ε(n) = safety · √(γ(1 − γ)) · share(n). */
  safety: number;
  curve: ShareCurve;
}

/** Linear in log n between knots, constant beyond the first and last (share falls with n). */
export function shareAt(curve: ShareCurve, n: number): number {
  const { units, share } = curve;
  if (units.length === 0) return 0;
  if (n <= units[0]) return share[0];
  const last = units.length - 1;
  if (n >= units[last]) return share[last];
  let i = 1;
  while (units[i] < n) i++;
  const f = (Math.log(n) - Math.log(units[i - 1])) / (Math.log(units[i]) - Math.log(units[i - 1]));
  return share[i - 1] + f * (share[i] - share[i - 1]);
}

// The null rate never reaches 1: a key whose γ is close to 1 still gets a usable test.
const MAX_RATE_GAP = 1e-3;

/** The null green rate for a text of n kept units. */
export function nullGreenRate(model: NullModel, n: number): number {
  const { gamma, safety, curve } = model;
  const epsilon = safety * Math.sqrt(gamma * (1 - gamma)) * shareAt(curve, n);
  return Math.min(gamma + epsilon, Math.max(gamma, 1 - MAX_RATE_GAP));
}

/** P(X ≥ g), X ~ Binomial(n, nullGreenRate(n)): the calibrated p-value (exact, to 1e-300 and in log space below). */
export function calibratedPValue(model: NullModel, numGreen: number, numUnits: number): number {
  if (numUnits === 0) return 1;
  return binomialSf(numGreen, numUnits, nullGreenRate(model, numUnits));
}

/** log of calibratedPValue, finite far below the smallest double (for "1 in 10^400" wording). */
export function calibratedLogPValue(model: NullModel, numGreen: number, numUnits: number): number {
  if (numUnits === 0) return 0;
  return binomialLogSf(numGreen, numUnits, nullGreenRate(model, numUnits));
}

/**
 * The fewest kept units with which a text can reach p ≤ alpha at all (an all-green text of n units has
 * p = rate(n)^n). Never fewer than the plain binomial needs at γ, since rate(n) ≥ γ.
 */
export function minUnitsForAlpha(model: NullModel, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  for (let n = 1; n < 100_000; n++) if (n * Math.log(nullGreenRate(model, n)) <= Math.log(alpha)) return n;
  return Infinity;
}
