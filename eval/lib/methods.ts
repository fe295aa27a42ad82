// Candidate p-values compared by the evaluation, all computed from the same per-window data (unit
// identities and colours), so they differ only in the method:
//   units            exact binomial over every independent unit (no correction)
//   exclude          … over the units not frequent in the reference sample
//   exclude+raise    … at a null rate raised by the held-out-genre allowance (the shipped method)
//   raise            allowance only, no exclusion
//   exclude+betabin  beta-binomial null whose overdispersion is the fitted per-key shift variance
import { Calibration } from '../../src/calibration/calibration';
import { type NullModel, calibratedPValue, shareAt } from '../../src/calibration/null-model';
import { binomialSf } from '../../src/stats/binomial-tail';

export interface MethodResult {
  pValue: number;
  numUnits: number;
  numGreenUnits: number;
}

export interface Method {
  name: string;
  score(unitIds: Float64Array, green: Uint8Array, gamma: number): MethodResult;
}

function kept(calibration: Calibration | null, unitIds: Float64Array, green: Uint8Array): { n: number; g: number } {
  let n = 0;
  let g = 0;
  for (let u = 0; u < unitIds.length; u++) {
    if (calibration?.isExcluded(unitIds[u])) continue;
    n++;
    g += green[u];
  }
  return { n, g };
}

export function unitsMethod(): Method {
  return {
    name: 'units',
    score: (ids, green, gamma) => {
      const { n, g } = kept(null, ids, green);
      return { pValue: binomialSf(g, n, gamma), numUnits: n, numGreenUnits: g };
    },
  };
}

/** Exclusion and/or raised null, as the shipped Calibration computes them. */
export function calibrationMethod(name: string, calibration: Calibration): Method {
  return {
    name,
    score: (ids, green, gamma) => {
      const { n, g } = kept(calibration, ids, green);
      return { pValue: calibratedPValue(calibration.nullModel(gamma), g, n), numUnits: n, numGreenUnits: g };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Beta-binomial tail, for the comparison only: X | p ~ Binomial(n, p), p ~ Beta(a, b) with mean γ and
// sd τ(n). Summed in log space from the threshold upwards.

function lgamma(x: number): number {
  // Lanczos (g = 7, n = 9); relative error ~1e-15 for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

export function betaBinomialSf(g: number, n: number, mean: number, sd: number): number {
  if (g <= 0) return 1;
  if (g > n) return 0;
  const v = sd * sd;
  if (v <= 0) return binomialSf(g, n, mean);
  const s = (mean * (1 - mean)) / v - 1;
  const a = mean * s;
  const b = (1 - mean) * s;
  const logPmf = (k: number) => lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + lbeta(k + a, n - k + b) - lbeta(a, b);
  let max = -Infinity;
  const terms: number[] = [];
  for (let k = g; k <= n; k++) {
    const t = logPmf(k);
    terms.push(t);
    if (t > max) max = t;
    if (t < max - 50) break;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/** Exclusion, then a beta-binomial whose sd is one fitted shift sd (safety is ignored). */
export function betaBinomialMethod(name: string, calibration: Calibration): Method {
  return {
    name,
    score: (ids, green, gamma) => {
      const { n, g } = kept(calibration, ids, green);
      const model: NullModel = calibration.nullModel(gamma);
      const tau = Math.sqrt(gamma * (1 - gamma)) * shareAt(model.curve, n);
      return { pValue: n === 0 ? 1 : betaBinomialSf(g, n, gamma, tau), numUnits: n, numGreenUnits: g };
    },
  };
}
