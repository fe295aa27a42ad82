import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { cumulativeZScoresF32, parseWindowSize, winMax } from './winmax';

interface Case {
  case_id: string;
  kind: string;
  config: { gamma: number; ignore_repeated_ngrams: boolean; window_size?: string };
  result: {
    error?: string;
    num_tokens_scored: number;
    num_green_tokens: number;
    green_fraction: number;
    z_score: number;
    p_value: number;
    green_mask: string;
    first_scored_index: number;
    repeat_positions?: number[];
    z_score_at_T: number[];
  };
}

/** The counted 0/1 vector and, per scored position, the index of its counted unit. */
function countedVector(c: Case): { counted: number[]; offsets: number[] } {
  const r = c.result;
  const repeats = new Set(c.config.ignore_repeated_ngrams ? (r.repeat_positions ?? []) : []);
  const counted: number[] = [];
  const offsets: number[] = [];
  for (let t = r.first_scored_index; t < r.green_mask.length; t++) {
    if (!repeats.has(t)) counted.push(r.green_mask[t] === '1' ? 1 : 0);
    offsets.push(counted.length - 1);
  }
  return { counted, offsets };
}

const cases = loadVectors<{ cases: Case[] }>('kgw-lmw.json').cases;
const windowCases = cases.filter((c) => c.kind === 'mixed_window');
const mixedCases = cases.filter((c) => c.kind === 'mixed');

describe('winMax (lm-watermarking _score_sequence_window)', () => {
  it('has the window cases to check', () => {
    expect(windowCases.length).toBe(48);
  });

  it.each(windowCases.map((c) => [c.case_id, c] as const))('%s', (_id, c) => {
    const { counted, offsets } = countedVector(c);
    const r = c.result;
    const got = winMax(counted, c.config.gamma, parseWindowSize(c.config.window_size!));
    expect(got.zScore).toBe(r.z_score);
    expect(got.numTokensScored).toBe(r.num_tokens_scored);
    expect(got.numGreenTokens).toBe(r.num_green_tokens);
    expect(got.greenFraction).toBe(r.green_fraction);
    expect(got.pValueNormal).toBe(r.p_value);
    expect(offsets.map((o) => got.zScoreAtT[o])).toEqual(r.z_score_at_T);
  });

  it('reproduces the spec §6.5 "10,20,40" result from the §4.5 lefthash units', () => {
    // Spec §6.5 prefixes 30 random tokens (ids not given); its best window is the 40 deduplicated
    // units of the §4.5 lefthash mask, which alone give the same float32 z.
    const tail = '1111111111101111111111010111111101111110'.split('').map(Number); // 40 units, 35 green
    const got = winMax(tail, 0.25, [10, 20, 40]);
    expect(got.numTokensScored).toBe(40);
    expect(got.numGreenTokens).toBe(35);
    expect(got.zScore).toBe(9.128708839416504);
  });

  it('follows the reference on sizes that do not fit', () => {
    expect(() => winMax([1], 0.25, 'max')).toThrow(RangeError);
    expect(() => winMax([1, 0, 1], 0.25, [4, 5])).toThrow(RangeError);
    // All fitting windows below 0: the unfitting size's initial 0 wins, as in the reference.
    const got = winMax([0, 0, 0, 0], 0.25, [2, 9]);
    expect(got.zScore).toBe(0);
    expect(got.numTokensScored).toBe(9);
    expect(() => winMax([1, 1], 0.25, [0])).toThrow(RangeError);
  });

  it('parses window_size strings like the reference', () => {
    expect(parseWindowSize('max')).toBe('max');
    expect(parseWindowSize('25,50,100')).toEqual([25, 50, 100]);
    expect(parseWindowSize('10,,20,')).toEqual([10, 20]);
    expect(() => parseWindowSize('max,10')).toThrow(RangeError);
  });
});

describe('cumulativeZScoresF32 (non-window z_score_at_T)', () => {
  it('has the mixed cases to check', () => {
    expect(mixedCases.length).toBe(32);
  });

  it.each(mixedCases.map((c) => [c.case_id, c] as const))('%s', (_id, c) => {
    const { counted, offsets } = countedVector(c);
    const zs = cumulativeZScoresF32(counted, c.config.gamma);
    expect(offsets.map((o) => zs[o])).toEqual(c.result.z_score_at_T);
    expect(counted.length).toBe(c.result.num_tokens_scored);
  });
});
