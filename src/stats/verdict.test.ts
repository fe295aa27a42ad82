import { describe, expect, it } from 'vitest';
import { binomialSf } from './binomial-tail';
import { holm, minUnitsForAlpha, verdictFor } from './verdict';

describe('minUnitsForAlpha', () => {
  it('is the smallest n whose all-green text reaches alpha under the exact binomial', () => {
    for (const gamma of [0.25, 0.5, 0.1, 0.9]) {
      for (const alpha of [0.1, 0.05, 0.01, 1e-3, 1e-4, 1e-6, 1e-12]) {
        const n = minUnitsForAlpha(alpha, gamma);
        expect(binomialSf(n, n, gamma)).toBeLessThanOrEqual(alpha);
        if (n > 1) expect(binomialSf(n - 1, n - 1, gamma)).toBeGreaterThan(alpha);
      }
    }
    expect(minUnitsForAlpha(1e-4, 0.25)).toBe(7); // 0.25^7 = 6.1e-5, 0.25^6 = 2.4e-4
    expect(minUnitsForAlpha(1e-4, 0.5)).toBe(14);
    expect(minUnitsForAlpha(0.25, 0.25)).toBe(1); // boundary: γ^1 = α exactly
    expect(minUnitsForAlpha(0.0625, 0.25)).toBe(2);
  });

  it('rejects levels outside (0, 1)', () => {
    expect(() => minUnitsForAlpha(0, 0.25)).toThrow(RangeError);
    expect(() => minUnitsForAlpha(0.01, 1)).toThrow(RangeError);
  });
});

describe('verdictFor', () => {
  it('says too-short, never not-detected, when the length cannot reach alpha', () => {
    expect(verdictFor({ pValue: 0.25 ** 6, numUnits: 6, alpha: 1e-4, gamma: 0.25 })).toBe('too-short');
    expect(verdictFor({ pValue: 1, numUnits: 0, alpha: 1e-4, gamma: 0.25 })).toBe('too-short');
  });

  it('decides on p ≤ alpha once the length suffices', () => {
    expect(verdictFor({ pValue: 0.25 ** 7, numUnits: 7, alpha: 1e-4, gamma: 0.25 })).toBe('watermarked');
    expect(verdictFor({ pValue: 1e-4, numUnits: 200, alpha: 1e-4, gamma: 0.25 })).toBe('watermarked');
    expect(verdictFor({ pValue: 1.01e-4, numUnits: 200, alpha: 1e-4, gamma: 0.25 })).toBe('not-detected');
    expect(verdictFor({ pValue: 0.3, numUnits: 7, alpha: 1e-4, gamma: 0.25 })).toBe('not-detected');
  });
});

describe('holm', () => {
  it('steps down and stops at the first non-rejection', () => {
    // m = 4: thresholds 0.0125, 0.0167, 0.025, 0.05 against sorted p's.
    expect(holm([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
    expect(holm([0.01, 0.015, 0.02, 0.04], 0.05)).toEqual([true, true, true, true]);
    expect(holm([0.02, 0.001], 0.05)).toEqual([true, true]);
    expect(holm([0.06, 0.001], 0.05)).toEqual([false, true]);
    expect(holm([0.03, 0.001], 0.05)).toEqual([true, true]); // second step is at alpha/1
  });

  it('handles ties, NaN and empty input', () => {
    expect(holm([0.02, 0.02], 0.05)).toEqual([true, true]);
    expect(holm([NaN, 0.001], 0.01)).toEqual([false, true]);
    expect(holm([], 0.05)).toEqual([]);
  });

  it('rejects at least what Bonferroni rejects and nothing above alpha', () => {
    const ps = [1e-6, 2e-3, 0.004, 0.2, 0.011, 0.9];
    const h = holm(ps, 0.05);
    ps.forEach((p, i) => {
      if (p <= 0.05 / ps.length) expect(h[i]).toBe(true);
      if (p > 0.05) expect(h[i]).toBe(false);
    });
  });
});
