import { describe, expect, it } from 'vitest';
import { binomialSf } from '../stats/binomial-tail';
import { minUnitsForAlpha as plainMinUnits } from '../stats/verdict';
import { type NullModel, calibratedLogPValue, calibratedPValue, minUnitsForAlpha, nullGreenRate, shareAt } from './null-model';

const curve = { units: [10, 40, 160], share: [0.04, 0.03, 0.02] };
const model: NullModel = { gamma: 0.25, safety: 2.5, curve };

describe('shareAt', () => {
  it('is constant outside the knots and linear in log n between them', () => {
    expect(shareAt(curve, 1)).toBe(0.04);
    expect(shareAt(curve, 10)).toBe(0.04);
    expect(shareAt(curve, 160)).toBe(0.02);
    expect(shareAt(curve, 5000)).toBe(0.02);
    expect(shareAt(curve, 20)).toBeCloseTo(0.035, 12); // halfway from 10 to 40 in log n
    expect(shareAt({ units: [], share: [] }, 50)).toBe(0);
  });
});

describe('nullGreenRate', () => {
  it('raises γ by safety · √(γ(1 − γ)) · share(n)', () => {
    expect(nullGreenRate(model, 160)).toBeCloseTo(0.25 + 2.5 * Math.sqrt(0.1875) * 0.02, 15);
  });

  it('is γ itself with no allowance, and never reaches 1', () => {
    expect(nullGreenRate({ ...model, safety: 0 }, 30)).toBe(0.25);
    expect(nullGreenRate({ gamma: 0.999, safety: 100, curve }, 10)).toBeLessThan(1);
  });
});

describe('calibratedPValue', () => {
  it('is the exact binomial tail at the raised rate, and 1 without units', () => {
    for (const [g, n] of [[3, 10], [40, 100], [90, 200], [200, 200]]) {
      expect(calibratedPValue(model, g, n)).toBe(binomialSf(g, n, nullGreenRate(model, n)));
    }
    expect(calibratedPValue(model, 0, 0)).toBe(1);
  });

  it('is never smaller than the plain binomial p-value (the allowance only ever costs evidence)', () => {
    for (let n = 1; n <= 300; n += 7) {
      for (let g = 0; g <= n; g += 3) expect(calibratedPValue(model, g, n)).toBeGreaterThanOrEqual(binomialSf(g, n, 0.25));
    }
  });

  it('keeps strong evidence exact down to 1e-300, and finite in log space below that', () => {
    const p = calibratedPValue(model, 600, 1000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-100);
    expect(Math.log(p)).toBeCloseTo(calibratedLogPValue(model, 600, 1000), 9);
    const logP = calibratedLogPValue(model, 900, 1000);
    expect(Number.isFinite(logP)).toBe(true);
    expect(logP).toBeLessThan(Math.log(1e-300));
  });
});

describe('minUnitsForAlpha', () => {
  it('is the fewest units whose all-green p reaches alpha, and at least the plain rule', () => {
    for (const alpha of [1e-2, 1e-3, 1e-4, 1e-6]) {
      const n = minUnitsForAlpha(model, alpha);
      expect(calibratedPValue(model, n, n)).toBeLessThanOrEqual(alpha);
      expect(calibratedPValue(model, n - 1, n - 1)).toBeGreaterThan(alpha);
      expect(n).toBeGreaterThanOrEqual(plainMinUnits(alpha, 0.25));
    }
  });
});
