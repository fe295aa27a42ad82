import { describe, expect, it } from 'vitest';
import { normalCdf, normalPpf } from './normal-quantile';
import { normalSf } from './normal-tail';

describe('normalPpf', () => {
  it('matches scipy norm.ppf at the usual levels', () => {
    // scipy.stats.norm.ppf(1 - alpha) for alpha = 1e-2, 1e-3, 1e-4, and ppf(0.975).
    expect(normalPpf(1 - 0.01)).toBeCloseTo(2.3263478740408408, 14);
    expect(normalPpf(1 - 0.001)).toBeCloseTo(3.090232306167813, 14);
    expect(normalPpf(1 - 0.0001)).toBeCloseTo(3.719016485455709, 14);
    expect(normalPpf(0.975)).toBeCloseTo(1.959963984540054, 14);
  });

  it('inverts the tail functions across the range, both sides', () => {
    for (const q of [1e-300, 1e-50, 1e-10, 1e-3, 0.1, 0.3, 0.49]) {
      const x = normalPpf(q);
      // Relative error of the tail grows as x²·ulp far out (x ≈ 37 at 1e-300): 1e-12 is the honest bound.
      expect(Math.abs(normalCdf(x) - q) / q).toBeLessThan(1e-12);
      // The upper side at the probability 1 − q actually rounds to.
      const qUp = 1 - (1 - q);
      if (qUp > 0) expect(Math.abs(normalSf(normalPpf(1 - q)) - qUp) / qUp).toBeLessThan(1e-13);
    }
  });

  it('handles the edges', () => {
    expect(normalPpf(0.5)).toBe(0);
    expect(normalPpf(0)).toBe(-Infinity);
    expect(normalPpf(1)).toBe(Infinity);
    expect(normalPpf(1.5)).toBeNaN();
  });
});
