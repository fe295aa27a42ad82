import { describe, expect, it } from 'vitest';
import { logScanBound } from './scan-bound';
import { geometricLengths, nullRateAt, planScan } from './scan-plan';

describe('geometricLengths', () => {
  it('grows by about √2 and ends at N', () => {
    expect(geometricLengths(10, 600)).toEqual([10, 14, 20, 28, 40, 57, 81, 115, 163, 231, 327, 462, 600]);
    expect(geometricLengths(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(geometricLengths(7, 7)).toEqual([7]);
    expect(geometricLengths(8, 7)).toEqual([]);
  });
});

describe('planScan', () => {
  it('sets each threshold to the smallest passing green count', () => {
    const plan = planScan(600, 0.25, 1e-4);
    const logAlpha = Math.log(1e-4);
    plan.lengths.forEach((l, i) => {
      const k = plan.minGreen[i];
      expect(plan.logCorrectedP(l, k)).toBeLessThanOrEqual(logAlpha);
      if (k > Math.floor(l * 0.25) + 1) expect(plan.logCorrectedP(l, k - 1)).toBeGreaterThan(logAlpha);
    });
    // The shortest length is the first where an all-green window could pass.
    const first = plan.lengths[0];
    expect(plan.minGreen[0]).toBe(first);
  });

  it('searches nothing when no window could pass, and honours minLength', () => {
    expect(planScan(5, 0.25, 1e-4).lengths).toEqual([]);
    expect(planScan(0, 0.25, 1e-4).lengths).toEqual([]);
    expect(planScan(600, 0.25, 1e-4, 50).lengths[0]).toBe(50);
    expect(() => planScan(100, 0.25, 0.7)).toThrow(RangeError);
  });
});

describe('planScan with a rate per window length', () => {
  // Like a calibrated null: short windows are allowed a higher green rate than long ones.
  const rate = (l: number): number => 0.25 + 0.04 / Math.sqrt(l);

  it('tests each length at its own rate', () => {
    const plan = planScan(600, rate, 1e-4);
    const logK = Math.log(plan.lengths.length);
    const logAlpha = Math.log(1e-4);
    plan.lengths.forEach((l, i) => {
      const k = plan.minGreen[i];
      expect(plan.logCorrectedP(l, k)).toBe(Math.min(0, logK + logScanBound(k, l, 600, rate(l))));
      expect(plan.logCorrectedP(l, k)).toBeLessThanOrEqual(logAlpha);
      if (k > Math.floor(l * rate(l)) + 1) expect(plan.logCorrectedP(l, k - 1)).toBeGreaterThan(logAlpha);
    });
  });

  it('needs fewer greens than testing every length at the shortest length’s rate, never more', () => {
    const perLength = planScan(600, rate, 1e-4);
    const worstCase = planScan(600, rate(1), 1e-4);
    perLength.lengths.forEach((l, i) => {
      const j = worstCase.lengths.indexOf(l);
      if (j >= 0) expect(perLength.minGreen[i]).toBeLessThanOrEqual(worstCase.minGreen[j]);
    });
    const last = perLength.lengths.length - 1;
    expect(perLength.minGreen[last]).toBeLessThan(worstCase.minGreen[worstCase.lengths.length - 1]);
  });

  it('refuses a rate outside (0, 1)', () => {
    expect(() => planScan(100, () => 1, 1e-4)).toThrow(/null green rate/);
    expect(() => planScan(100, 0, 1e-4)).toThrow(RangeError);
    expect(() => nullRateAt(() => Number.NaN, 10)).toThrow(RangeError);
  });
});
