import { describe, expect, it } from 'vitest';
import { logScanBound } from './scan-bound';
import { estimateScanFwer } from './scan-fwer';
import { geometricLengths, nullRateAt, planScan, searchRelief, SEARCH_RELIEF } from './scan-plan';
import { mulberry32 } from './seeded-random';

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
    const logK = Math.log(plan.lengths.length) - Math.log(searchRelief(plan.lengths.length));
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

  it('gives every size the same plan whether or not other sizes were planned first (shared binomial terms)', () => {
    // Its own rate function, so nothing cached by another test is shared.
    const own = (l: number): number => 0.25 + 0.05 / Math.sqrt(l);
    const sizes = [37, 600, 90, 91, 250, 600, 12, 1000];
    const after = sizes.map((n) => planScan(n, own, 2.5e-5));
    sizes.forEach((n, j) => {
      const plan = after[j];
      const logK = Math.log(plan.lengths.length) - Math.log(searchRelief(plan.lengths.length));
      plan.lengths.forEach((l, i) => {
        for (const k of [plan.minGreen[i], plan.minGreen[i] - 1, l]) {
          if (!Number.isFinite(k) || k < 0) continue;
          expect(plan.logCorrectedP(l, k), `n=${n} l=${l} k=${k}`).toBe(Math.min(0, logK + logScanBound(k, l, n, own(l))));
        }
      });
      // A fresh rate function (nothing shared yet) plans the same.
      const fresh = planScan(n, (l: number): number => own(l), 2.5e-5);
      expect(fresh.lengths).toEqual(plan.lengths);
      expect(fresh.minGreen).toEqual(plan.minGreen);
    });
  });

  it('refuses a rate outside (0, 1)', () => {
    expect(() => planScan(100, () => 1, 1e-4)).toThrow(/null green rate/);
    expect(() => planScan(100, 0, 1e-4)).toThrow(RangeError);
    expect(() => nullRateAt(() => Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('the search relief', () => {
  const calibratedLike = (l: number): number => (l <= 15 ? 0.295 : l >= 200 ? 0.274 : 0.295 - (0.021 * Math.log(l / 15)) / Math.log(200 / 15));

  it('is none for one or two lengths, and SEARCH_RELIEF from four on', () => {
    expect(searchRelief(1)).toBe(1);
    expect(searchRelief(2)).toBe(1);
    expect(searchRelief(3)).toBe(Math.min(SEARCH_RELIEF, 1.5));
    expect(searchRelief(12)).toBe(SEARCH_RELIEF);
  });

  // The promise behind it: the relieved plan's false-alarm rate on null units, estimated by
  // simulation, stays ≤ α (cases include the worst of eval/scan-relief.ts's 500).
  for (const [n, rate, alpha] of [
    [40, 0.5, 1e-5],
    [16, 0.25, 1e-3],
    [540, calibratedLike, 2.5e-5],
    [1300, calibratedLike, 1e-6],
    [200, 0.25, 1e-4],
  ] as const) {
    it(`keeps the search at α: ${n} units, α = ${alpha}`, () => {
      const plan = planScan(n, rate, alpha);
      const est = estimateScanFwer(plan, 300, mulberry32(n + Math.round(1 / alpha)));
      expect(est.estimate + 3 * est.standardError).toBeLessThanOrEqual(alpha);
    });
  }

  it('passes windows Bonferroni across lengths would not', () => {
    const relieved = planScan(540, calibratedLike, 2.5e-5);
    const bonferroni = planScan(540, calibratedLike, 2.5e-5 / SEARCH_RELIEF);
    expect(relieved.lengths).toEqual(bonferroni.lengths);
    relieved.minGreen.forEach((k, i) => expect(k).toBeLessThanOrEqual(bonferroni.minGreen[i]));
    expect(relieved.minGreen.some((k, i) => k < bonferroni.minGreen[i])).toBe(true);
  });
});
