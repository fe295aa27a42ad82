// The reference layer's z-score and HF's p-value, evaluated in the reference's exact float order
// so that results are bit-identical to lm-watermarking / transformers.
import { svmlExp } from './svml-exp';

/**
 * (G − γT) / sqrt(TγV(1−γ)) as lm-watermarking `_compute_z_score` (and HF, with numpy) evaluate it:
 * numer = G − (γ·T), denom = sqrt((T·γ)·(1−γ)). T = 0 gives NaN, as in the reference.
 */
export function zScore(numGreen: number, numScored: number, gamma: number): number {
  const numer = numGreen - gamma * numScored;
  const denom = Math.sqrt(numScored * gamma * (1 - gamma));
  return numer / denom;
}

/**
 * transformers' `WatermarkDetector._compute_pval`:
 * `1 - 0.5 * (1 + np.sign(z) * (1 - np.exp(-2 * z**2 / np.pi)))`.
 * A crude stand-in for the normal tail (no square root): z = 0.577 gives 0.404, not 0.282, and
 * it is exactly 0 beyond z ≈ 7.6. Shown only for parity; np.exp is replayed as numpy 1.24 ran it.
 */
export function hfPValue(z: number): number {
  const e = svmlExp((-2 * (z * z)) / Math.PI);
  return 1 - 0.5 * (1 + Math.sign(z) * (1 - e));
}
