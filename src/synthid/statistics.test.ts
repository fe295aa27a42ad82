// The block test's two paths: the exact tail with the fixed-key allowance (enumerated laws) and the
// bounds (sampled laws, or past the FFT's reach).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareAt } from '../calibration/null-model';
import { compileKeySet } from '../detect';
import { mulberry32 } from '../stats/seeded-random';
import { latticeSumLogSf } from './exact-tail';
import { bennettLogSf, chernoffLogSf } from './null-law';
import { bestBlockPValue, blockPValue, EXACT_TAIL_MIN_UNITS, synthIdTest, type SynthIdTest } from './statistics';
import type { SynthIdUnits } from './units';

const example = readFileSync(join(resolve(__dirname, '../..'), 'public/keysets/synthid-docs-example.json'), 'utf8');
const keySet = await compileKeySet(example);
const hf = keySet.synthidKeys.find((k) => k.spec.kid === 'synthid-hf-docs')!;
const hash = keySet.synthidKeys.find((k) => k.spec.kid === 'synthid-text-docs')!;

/** U units drawn from the key's own law, each raised by `lift` layers with probability `rate`. */
function unitsFrom(test: SynthIdTest, numUnits: number, seed: number, lift = 0, rate = 0): SynthIdUnits {
  const rand = mulberry32(seed);
  const { values, shares } = test.law;
  const value = new Float64Array(numUnits);
  for (let u = 0; u < numUnits; u++) {
    let r = rand();
    let i = 0;
    while (i < values.length - 1 && r >= shares[i]) r -= shares[i++];
    value[u] = Math.min(test.law.max, values[i] + (rand() < rate ? lift : 0));
  }
  return { numUnits, position: Int32Array.from({ length: numUnits }, (_, i) => i), value };
}

const total = (u: SynthIdUnits) => u.value.reduce((a, b) => a + b, 0);

describe('compiled SynthID keys', () => {
  it('the hf-transformers key (table 65536) gets the exact tail with an allowance; the hash variant keeps the bounds', () => {
    expect(hf.test.exact).toBeDefined();
    expect(hf.test.exact!.safety).toBe(2.5);
    expect(hf.test.exact!.allowance.share[0]).toBeGreaterThan(0);
    expect(hash.test.exact).toBeUndefined();
  });
});

describe('blockPValue, exact path', () => {
  it('is the exact tail at the threshold lowered by U · safety · σ · share(U)', () => {
    const { exact, law } = hf.test;
    for (const [numUnits, seed, lift] of [[EXACT_TAIL_MIN_UNITS, 1, 0], [120, 2, 3], [400, 3, 2]] as const) {
      const units = unitsFrom(hf.test, numUnits, seed, lift, 0.5);
      const shift = exact!.safety * Math.sqrt(law.variance) * shareAt(exact!.allowance, numUnits);
      const want = Math.exp(latticeSumLogSf(exact!.lattice, total(units) - numUnits * shift, numUnits));
      expect(blockPValue(hf.test, units)).toBe(want);
    }
  });

  it('without an allowance it is never above the bounds, and tighter far out', () => {
    const bare: SynthIdTest = { ...hf.test, exact: { ...hf.test.exact!, safety: 0 } };
    for (let seed = 1; seed <= 20; seed++) {
      const units = unitsFrom(bare, 200, seed, 4, 0.4);
      const exact = blockPValue(bare, units);
      const bound = Math.exp(Math.min(bennettLogSf(total(units), 200, bare.law), chernoffLogSf(total(units), 200, bare.law)));
      expect(exact).toBeLessThanOrEqual(bound * (1 + 1e-9));
      if (bound < 1e-6) expect(exact).toBeLessThan(bound / 3);
    }
  });

  it('the allowance only raises p', () => {
    const bare: SynthIdTest = { ...hf.test, exact: { ...hf.test.exact!, safety: 0 } };
    for (let seed = 1; seed <= 10; seed++) {
      const units = unitsFrom(hf.test, 150, seed, 3, 0.3);
      expect(blockPValue(hf.test, units)).toBeGreaterThanOrEqual(blockPValue(bare, units));
    }
  });

  it('keeps the bounds below EXACT_TAIL_MIN_UNITS units', () => {
    const numUnits = EXACT_TAIL_MIN_UNITS - 1;
    const units = unitsFrom(hf.test, numUnits, 4, 3, 0.5);
    const bound = Math.exp(Math.min(bennettLogSf(total(units), numUnits, hf.test.law), chernoffLogSf(total(units), numUnits, hf.test.law)));
    expect(blockPValue(hf.test, units)).toBe(bound);
  });

  it('falls back to the bounds past the FFT limit', () => {
    // Two points 64 apart on a 1/64 lattice: thousands of units spread the sum past the largest FFT.
    const pmf = new Float64Array(4097);
    pmf[0] = 0.9;
    pmf[4096] = 0.1;
    const wide: SynthIdTest = { ...hf.test, exact: { ...hf.test.exact!, lattice: { step: 1 / 64, pmf } } };
    const units = unitsFrom(hf.test, 2000, 9, 2, 0.5);
    const bound = Math.exp(Math.min(bennettLogSf(total(units), 2000, hf.test.law), chernoffLogSf(total(units), 2000, hf.test.law)));
    expect(blockPValue(wide, units)).toBe(bound);
  });
});

describe('bestBlockPValue', () => {
  it('exact path: every unit at the largest value the law allows, which is below the layers’ count', () => {
    const top = hf.test.law.values[hf.test.law.values.length - 1];
    expect(top).toBeLessThan(hf.test.law.max);
    const best = bestBlockPValue(hf.test, 10);
    expect(best).toBeGreaterThan(0);
    expect(best).toBe(blockPValue(hf.test, { numUnits: 10, position: new Int32Array(10), value: new Float64Array(10).fill(top) }));
  });

  it('bounds path: every g-value 1', () => {
    const t = 10 * hash.test.law.max;
    expect(bestBlockPValue(hash.test, 10)).toBe(Math.exp(Math.min(bennettLogSf(t, 10, hash.test.law), chernoffLogSf(t, 10, hash.test.law))));
  });

  it('synthIdTest without an allowance keeps the bounds for an enumerated law too, and so does a weighted mean', () => {
    expect(synthIdTest(hf.scorer, 'mean').exact).toBeUndefined();
    expect(synthIdTest(hf.scorer, 'weighted-mean', hf.test.exact!.allowance).exact).toBeUndefined();
    expect(synthIdTest(hf.scorer, 'mean', hf.test.exact!.allowance).exact).toBeDefined();
  });
});
