import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { hfPValue, zScore } from './z-score';

interface Result {
  error?: string;
  num_tokens_scored: number;
  num_green_tokens: number;
  z_score: number;
  p_value: number;
}
interface Case {
  case_id: string;
  kind: string;
  config: { gamma?: number; greenlist_ratio?: number };
  result: Result;
}

describe('zScore', () => {
  it('is bit-identical to every non-window lm-watermarking case', () => {
    const cases = loadVectors<{ cases: Case[] }>('kgw-lmw.json').cases.filter(
      (c) => !c.result.error && c.kind !== 'mixed_window',
    );
    expect(cases.length).toBeGreaterThan(200);
    for (const c of cases) {
      const r = c.result;
      expect(zScore(r.num_green_tokens, r.num_tokens_scored, c.config.gamma!), c.case_id).toBe(r.z_score);
    }
  });

  it('is bit-identical to every HF case', () => {
    const cases = loadVectors<{ cases: Case[] }>('kgw-hf.json').cases.filter((c) => !c.result.error);
    expect(cases.length).toBe(228);
    for (const c of cases) {
      const r = c.result;
      expect(zScore(r.num_green_tokens, r.num_tokens_scored, c.config.greenlist_ratio!), c.case_id).toBe(
        r.z_score,
      );
    }
  });

  it("reproduces the spec's §4.5 values", () => {
    expect(zScore(41, 47, 0.25)).toBe(9.853177476478272);
    expect(zScore(35, 40, 0.25)).toBe(9.128709291752768);
    expect(zScore(34, 40, 0.25)).toBe(8.763560920082657);
  });
});

describe('hfPValue', () => {
  it('reproduces the p_value of every HF case bit for bit', () => {
    const cases = loadVectors<{ cases: Case[] }>('kgw-hf.json').cases.filter((c) => !c.result.error);
    const mismatches = cases.filter((c) => !Object.is(hfPValue(c.result.z_score), c.result.p_value));
    expect(mismatches.map((c) => c.case_id)).toEqual([]);
  });

  it("shows the approximation's known departures from the normal tail", () => {
    expect(hfPValue(0)).toBe(0.5);
    expect(hfPValue(0.5773502691896257)).toBeCloseTo(0.404, 3);
    expect(hfPValue(2)).toBeCloseTo(0.0392, 4);
    expect(hfPValue(6)).toBeCloseTo(5.57e-11, 12);
    expect(hfPValue(7.7)).toBe(0);
    expect(hfPValue(10)).toBe(0);
    expect(hfPValue(-10)).toBe(1);
  });
});
