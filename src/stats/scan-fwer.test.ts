import { describe, expect, it } from 'vitest';
import { estimateScanFwer, type ScanThresholds } from './scan-fwer';
import { mulberry32 } from './seeded-random';

/** Exact P(some window passes) over all 2^n sequences of Bernoulli(p) units (one rate for every length). */
function exactFwer(plan: ScanThresholds, p: number): number {
  const n = plan.numUnits;
  let total = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let ones = 0;
    for (let i = 0; i < n; i++) ones += (mask >> i) & 1;
    let hit = false;
    plan.lengths.forEach((l, j) => {
      for (let s = 0; s + l <= n && !hit; s++) {
        let c = 0;
        for (let i = s; i < s + l; i++) c += (mask >> i) & 1;
        if (c >= plan.minGreen[j]) hit = true;
      }
    });
    if (hit) total += p ** ones * (1 - p) ** (n - ones);
  }
  return total;
}

/** Plain simulation of the coupled null the estimator assumes: unit i is green for length L when U_i < rate(L). */
function simulatedFwer(plan: ScanThresholds, rate: (l: number) => number, runs: number, seed: number): number {
  const rand = mulberry32(seed);
  const u = new Float64Array(plan.numUnits);
  let hits = 0;
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < u.length; i++) u[i] = rand();
    let hit = false;
    plan.lengths.forEach((l, j) => {
      const p = rate(l);
      for (let s = 0; s + l <= u.length && !hit; s++) {
        let c = 0;
        for (let i = s; i < s + l; i++) if (u[i] < p) c++;
        if (c >= plan.minGreen[j]) hit = true;
      }
    });
    if (hit) hits++;
  }
  return hits / runs;
}

describe('estimateScanFwer', () => {
  it('matches the exact rate of a small plan (one rate), within its standard error', () => {
    for (const [plan, p] of [
      [{ numUnits: 14, rate: 0.25, lengths: [3, 6, 14], minGreen: [3, 5, 9] }, 0.25],
      [{ numUnits: 12, rate: 0.5, lengths: [2, 4, 8], minGreen: [2, 4, 7] }, 0.5],
    ] as const) {
      const exact = exactFwer(plan, p);
      const est = estimateScanFwer(plan, 4000, mulberry32(7));
      expect(Math.abs(est.estimate - exact), `exact ${exact}, estimate ${est.estimate} ± ${est.standardError}`).toBeLessThanOrEqual(4 * est.standardError);
      // The union is far below Bonferroni over windows here: overlapping windows pass together.
      expect(est.bonferroni).toBeGreaterThan(1.5 * exact);
      expect(est.standardError).toBeLessThan(0.05 * exact);
    }
  });

  it('matches plain simulation when each length has its own rate', () => {
    const rate = (l: number): number => 0.25 + 0.1 / Math.sqrt(l);
    const plan = { numUnits: 60, rate, lengths: [4, 6, 8, 11, 16, 23, 32, 45, 60], minGreen: [4, 5, 6, 7, 9, 11, 14, 18, 23] };
    const plain = simulatedFwer(plan, rate, 20_000, 3);
    const est = estimateScanFwer(plan, 3000, mulberry32(11));
    const plainSe = Math.sqrt((plain * (1 - plain)) / 20_000);
    expect(plain).toBeGreaterThan(0.02);
    expect(Math.abs(est.estimate - plain)).toBeLessThanOrEqual(4 * Math.hypot(est.standardError, plainSe));
  });

  it('is zero when no window can pass', () => {
    expect(estimateScanFwer({ numUnits: 10, rate: 0.25, lengths: [5], minGreen: [Infinity] }, 10, mulberry32(1)).estimate).toBe(0);
  });
});
