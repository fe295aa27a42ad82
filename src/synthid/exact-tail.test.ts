import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../stats/seeded-random';
import { latticeLaw, latticeSumLogSf, type LatticeLaw } from './exact-tail';
import type { UnitLaw } from './null-law';
import { unitLaw } from './null-law';
import { makeScorer, tableFromSeed } from './params';

/** The U-fold law by direct convolution (positive terms only, so accurate far into the tail). */
function directTails(law: LatticeLaw, units: number): Float64Array {
  let dist = Float64Array.of(1);
  for (let u = 0; u < units; u++) {
    const next = new Float64Array(dist.length + law.pmf.length - 1);
    for (let a = 0; a < dist.length; a++) for (let b = 0; b < law.pmf.length; b++) next[a + b] += dist[a] * law.pmf[b];
    dist = next;
  }
  const sf = new Float64Array(dist.length + 1);
  for (let s = dist.length - 1; s >= 0; s--) sf[s] = sf[s + 1] + dist[s];
  return sf;
}

function randomLaw(seed: number, m: number): LatticeLaw {
  const rand = mulberry32(seed);
  const pmf = Float64Array.from({ length: m + 1 }, () => (rand() < 0.2 ? 0 : rand()));
  pmf[m] ||= 0.01;
  const total = pmf.reduce((a, b) => a + b, 0);
  return { step: 1, pmf: pmf.map((p) => p / total) };
}

describe('latticeSumLogSf', () => {
  it.each([
    [1, 5, 1],
    [2, 9, 3],
    [3, 30, 20],
    [4, 30, 120],
    [5, 3, 400],
  ])('law %i (m = %i), %i units: equals direct convolution at every threshold', (seed, m, units) => {
    const law = randomLaw(seed, m);
    const sf = directTails(law, units);
    for (let k = 0; k <= units * m + 1; k++) {
      const got = latticeSumLogSf(law, k, units);
      const want = Math.log(sf[Math.min(k, sf.length - 1)]);
      if (want === -Infinity) {
        expect(got).toBe(-Infinity);
        continue;
      }
      // Never below the exact tail beyond round-off, and within 1e-9 relative of it.
      expect(got - want, `k = ${k}`).toBeGreaterThan(-1e-12);
      expect(Math.abs(got - want), `k = ${k}, log p ${want}`).toBeLessThan(1e-9);
    }
  });

  it('reads a fractional threshold on the lattice (a step of 1/64)', () => {
    const law: LatticeLaw = { step: 1 / 64, pmf: randomLaw(6, 20).pmf };
    const sf = directTails(law, 10);
    expect(latticeSumLogSf(law, 33 / 64 - 1e-12, 10)).toBeCloseTo(Math.log(sf[33]), 10);
    expect(latticeSumLogSf(law, 32.5 / 64, 10)).toBeCloseTo(Math.log(sf[33]), 10);
    expect(latticeSumLogSf(law, 0, 10)).toBe(0);
    expect(latticeSumLogSf(law, -3, 10)).toBe(0);
  });

  it('is NaN past the FFT limit, so the caller can fall back to a bound', () => {
    const wide: LatticeLaw = { step: 1 / 64, pmf: new Float64Array(4097).fill(1 / 4097) };
    expect(latticeSumLogSf(wide, 20_000 * 40, 20_000)).toBeNaN();
  });

  it('on an enumerated SynthID law (table 1024, 30 layers): matches direct convolution far out', () => {
    const scorer = makeScorer({ variant: 'hf-transformers', ngramLen: 5, keys: Array.from({ length: 30 }, (_, i) => BigInt(i * 7919 + 3)), contextHistorySize: 1024, eosTokenId: null, table: tableFromSeed(1024, 42n) });
    const law = latticeLaw(unitLaw(scorer, new Float64Array(30).fill(1)))!;
    expect(law.step).toBe(1);
    expect(law.pmf.length).toBe(31);
    const sf = directTails(law, 60);
    // Its support is 8…22 of 0…30 (1024 residues): past 60·22 no sum can reach.
    for (const k of [900, 1000, 1100, 1200, 1300, 1319, 1320]) {
      expect(Math.abs(latticeSumLogSf(law, k, 60) - Math.log(sf[k])), `k = ${k}`).toBeLessThan(1e-9);
    }
    expect(sf[1321]).toBe(0);
    expect(latticeSumLogSf(law, 1321, 60)).toBe(-Infinity);
    expect(latticeSumLogSf(law, 1800, 60)).toBe(-Infinity);
  });
});

describe('latticeLaw', () => {
  const base: UnitLaw = { mean: 1, variance: 0.5, max: 2, aboveMeanRate: 0.25, values: Float64Array.of(0, 1, 2), shares: Float64Array.of(0.25, 0.5, 0.25), samples: Infinity };

  it('puts an integer law on the unit lattice', () => {
    expect(latticeLaw(base)).toEqual({ step: 1, pmf: Float64Array.of(0.25, 0.5, 0.25) });
  });

  it('has none for a weighted statistic (values in 1/64ths: the bounds are used)', () => {
    expect(latticeLaw({ ...base, max: 1.5, values: Float64Array.of(0, 0.75, 1.5) })).toBeNull();
  });

  it('has none for a sampled law', () => {
    expect(latticeLaw({ ...base, samples: 32768 })).toBeNull();
  });
});
