import { describe, expect, it } from 'vitest';
import { binomialSf } from '../stats/binomial-tail';
import { bennettLogSf, chernoffLogSf, type UnitLaw, unitLaw } from './null-law';

/** The exact law of 30 fair independent coins, as if sampled without error. */
function coinsLaw(): UnitLaw {
  const values = Float64Array.from({ length: 31 }, (_, k) => k);
  const shares = Float64Array.from(values, (k) => binomialSf(k, 30, 0.5) - binomialSf(k + 1, 30, 0.5));
  return { mean: 15, variance: 7.5, max: 30, aboveMeanRate: 0.5, values, shares, samples: 1e300 };
}
import { makeScorer, tableFromSeed } from './params';

const KEYS = [654, 400, 836, 123, 340, 443, 597, 160, 57, 29].map(BigInt);

describe('unit law', () => {
  it('has the exact null mean and at least the independent-layers variance', () => {
    const scorer = makeScorer({ variant: 'synthid-text', ngramLen: 5, keys: KEYS, contextHistorySize: 1024, eosTokenId: null });
    const law = unitLaw(scorer, new Float64Array(10).fill(1));
    expect(law.mean).toBe(5);
    expect(law.max).toBe(10);
    expect(law.variance).toBeGreaterThanOrEqual(2.5);
    // Sum of 10 coins > 5: about (1 − P(X = 5)) / 2 ≈ 0.377, plus its margin.
    expect(law.aboveMeanRate).toBeGreaterThan(0.36);
    expect(law.aboveMeanRate).toBeLessThan(0.41);
  });

  it('sees a repeated layer key as perfectly correlated layers (variance of 2·coin, not of two coins)', () => {
    const scorer = makeScorer({ variant: 'synthid-text', ngramLen: 5, keys: [7n, 7n], contextHistorySize: 1024, eosTokenId: null });
    const law = unitLaw(scorer, new Float64Array(2).fill(1));
    // Var(2·B(½)) = 1, against 0.5 for two independent coins.
    expect(law.variance).toBeGreaterThan(0.97);
  });

  it('uses the table’s share of ones as the null rate', () => {
    const table = tableFromSeed(1024, 42n);
    const scorer = makeScorer({ variant: 'hf-transformers', ngramLen: 3, keys: KEYS, contextHistorySize: 1024, eosTokenId: null, table });
    expect(unitLaw(scorer, new Float64Array(10).fill(1)).mean).toBeCloseTo((10 * table.ones) / 1024, 12);
  });
});

describe('Bennett bound', () => {
  it('is never below the exact binomial tail for independent coins', () => {
    const law = coinsLaw();
    for (const units of [1, 10, 100, 300]) {
      for (let k = units * 15; k <= units * 30; k += Math.max(1, Math.floor(units / 2))) {
        const exact = binomialSf(k, units * 30, 0.5);
        expect(Math.exp(bennettLogSf(k, units, law))).toBeGreaterThanOrEqual(exact);
      }
    }
  });

  it('Chernoff with the unit law is never below the exact binomial tail, and far out much tighter than Bennett', () => {
    const law = coinsLaw();
    for (const units of [1, 10, 100, 300]) {
      for (let k = units * 15; k <= units * 30; k += Math.max(1, Math.floor(units / 2))) {
        expect(Math.exp(chernoffLogSf(k, units, law)) * (1 + 1e-9)).toBeGreaterThanOrEqual(binomialSf(k, units * 30, 0.5));
      }
    }
    // 200 units, z = 6: the exact tail is ~1e-9.
    const k = 3000 + 6 * Math.sqrt(7.5 * 200);
    expect(chernoffLogSf(k, 200, law)).toBeLessThan(bennettLogSf(k, 200, law) - 5);
  });

  it('is 1 at or below the mean and 0 above the maximum', () => {
    const law = coinsLaw();
    expect(bennettLogSf(1500, 100, law)).toBe(0);
    expect(bennettLogSf(3001, 100, law)).toBe(-Infinity);
    expect(bennettLogSf(3000, 100, law)).toBeLessThan(-100);
  });
});
