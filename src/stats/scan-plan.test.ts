import { describe, expect, it } from 'vitest';
import { geometricLengths, planScan } from './scan-plan';

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
