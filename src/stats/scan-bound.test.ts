import { describe, expect, it } from 'vitest';
import { binomialLogSf } from './binomial-tail';
import { logScanBound } from './scan-bound';

/** Exact P(some window of length l has ≥ k ones) over all 2^n sequences, Bernoulli(p). */
function exactScanTail(n: number, l: number, k: number, p: number): number {
  let total = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let ones = 0;
    for (let i = 0; i < n; i++) ones += (mask >> i) & 1;
    let count = 0;
    for (let i = 0; i < l; i++) count += (mask >> i) & 1;
    let max = count;
    for (let s = 1; s + l <= n; s++) {
      count += ((mask >> (s + l - 1)) & 1) - ((mask >> (s - 1)) & 1);
      if (count > max) max = count;
    }
    if (max >= k) total += p ** ones * (1 - p) ** (n - ones);
  }
  return total;
}

describe('logScanBound', () => {
  it('bounds the exact scan tail, and is much tighter than Bonferroni', () => {
    for (const p of [0.25, 0.5]) {
      for (const [n, l] of [[12, 4], [14, 6], [14, 9], [10, 1], [13, 13]] as const) {
        for (let k = 1; k <= l; k++) {
          const exact = exactScanTail(n, l, k, p);
          const bound = Math.exp(logScanBound(k, l, n, p));
          expect(exact, `n=${n} l=${l} k=${k} p=${p}`).toBeLessThanOrEqual(bound * (1 + 1e-12));
          const bonferroni = (n - l + 1) * Math.exp(binomialLogSf(k, l, p));
          expect(bound).toBeLessThanOrEqual(bonferroni * (1 + 1e-12));
        }
      }
    }
    // The bound is close to exact (1.13×) where Bonferroni is 2.4× over.
    const exact = exactScanTail(16, 8, 5, 0.25);
    expect(Math.exp(logScanBound(5, 8, 16, 0.25)) / exact).toBeLessThan(1.15);
    expect((9 * Math.exp(binomialLogSf(5, 8, 0.25))) / exact).toBeGreaterThan(2.4);
  });

  it('is the plain tail when the window is the whole block', () => {
    expect(logScanBound(30, 40, 40, 0.25)).toBe(binomialLogSf(30, 40, 0.25));
  });
});
