import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { normalCdf, normalSf } from './normal-tail';

interface Case {
  case_id: string;
  result: { error?: string; z_score: number; p_value: number; p_value_exact_normal_sf?: number };
}

function referencePairs(): Array<[id: string, z: number, p: number]> {
  const out: Array<[string, number, number]> = [];
  for (const c of loadVectors<{ cases: Case[] }>('kgw-lmw.json').cases) {
    if (!c.result.error) out.push([c.case_id, c.result.z_score, c.result.p_value]);
  }
  for (const c of loadVectors<{ cases: Case[] }>('kgw-hf.json').cases) {
    if (!c.result.error) out.push([c.case_id, c.result.z_score, c.result.p_value_exact_normal_sf!]);
  }
  return out;
}

describe('normalSf (scipy.stats.norm.sf, cephes ndtr)', () => {
  it('reproduces every reference normal p-value bit for bit', () => {
    const pairs = referencePairs();
    expect(pairs.length).toBe(520);
    const mismatches = pairs.filter(([, z, p]) => !Object.is(normalSf(z), p));
    expect(mismatches).toEqual([]);
  });

  it("matches the spec's scipy values", () => {
    expect(normalSf(2)).toBe(0.022750131948179195);
    expect(normalSf(3)).toBe(0.0013498980316300933);
    expect(normalSf(4)).toBe(3.167124183311986e-5);
    expect(normalSf(6)).toBe(9.865876450376946e-10);
    expect(normalSf(10)).toBe(7.61985302416047e-24);
    expect(normalSf(37)).toBe(5.7255712225239266e-300);
  });

  it('goes subnormal near 37.6 and reaches exactly 0 from about 37.7 on', () => {
    const sub = normalSf(37.6);
    expect(sub).toBeGreaterThan(0);
    expect(sub).toBeLessThan(2.2250738585072014e-308);
    expect(normalSf(37.7)).toBe(0);
    expect(normalSf(37.8)).toBe(0);
    expect(normalSf(Infinity)).toBe(0);
  });

  it('is the symmetric complement in the body and handles the edges', () => {
    expect(normalSf(0)).toBe(0.5);
    expect(normalSf(-Infinity)).toBe(1);
    expect(Number.isNaN(normalSf(NaN))).toBe(true);
    for (const z of [0.1, 0.5, 0.9, 1.3, 2.2]) {
      expect(normalSf(z) + normalCdf(z)).toBeCloseTo(1, 15);
      expect(normalSf(-z)).toBe(normalCdf(z));
    }
  });

  it('is monotone decreasing across the branch points', () => {
    const rises: number[] = [];
    let prev = normalSf(-10);
    for (let z = -10; z <= 37.7; z += 0.002) {
      const p = normalSf(z);
      if (p > prev) rises.push(z);
      prev = p;
    }
    expect(rises).toEqual([]);
  });
});
