import { describe, expect, it } from 'vitest';
import { checkTestVectors, type ScoreIds } from './test-vectors';
import type { KeySet, KeySpec, TestVector } from './types';

function key(kid: string, testVectors: TestVector[]): KeySpec {
  return {
    kid,
    scheme: 'kgw',
    implementation: 'hf-transformers',
    seeding: 'lefthash',
    contextWidth: 1,
    hashKey: 15485863n,
    gamma: 0.25,
    vocabSize: 50257,
    selectGreenTokens: true,
    rng: 'torch-cpu',
    tokenizer: { encoding: 'gpt2' },
    bosTokenId: null,
    detection: { ignoreRepeatedNgrams: false, normalizers: [] },
    testVectors,
  };
}

function keySet(keys: KeySpec[]): KeySet {
  return { id: 'test', name: 'Test', publisher: { name: 'T' }, version: 1, issued: '2026-01-01T00:00:00Z', keys };
}

// Stand-in scorer: every position after the first is scored, and even ids are green.
const fakeScorer: ScoreIds = (_key, ids) => {
  if (ids.length < 2) throw new Error('need at least 2 tokens');
  const scored = ids.slice(1);
  return { numTokensScored: scored.length, numGreenTokens: scored.filter((id) => id % 2 === 0).length };
};

describe('checkTestVectors', () => {
  it('returns no issues when every vector is reproduced', () => {
    const set = keySet([
      key('a', [{ ids: [1, 2, 3, 4], numTokensScored: 3, numGreenTokens: 2 }]),
      key('b', [{ ids: [5, 7], numTokensScored: 1, numGreenTokens: 0 }]),
    ]);
    expect(checkTestVectors(set, fakeScorer)).toEqual([]);
  });

  it('names the key and vector of every mismatch and what differs', () => {
    const set = keySet([
      key('a', [{ ids: [1, 2, 3, 4], numTokensScored: 3, numGreenTokens: 2 }]),
      key('b', [
        { ids: [5, 7], numTokensScored: 1, numGreenTokens: 0 },
        { ids: [1, 2, 4], numTokensScored: 2, numGreenTokens: 1 },
        { ids: [1, 2, 4], numTokensScored: 3, numGreenTokens: 5 },
      ]),
    ]);
    expect(checkTestVectors(set, fakeScorer)).toEqual([
      { path: 'keys[1].testVectors[1]', message: 'expected numGreenTokens 1, got 2' },
      {
        path: 'keys[1].testVectors[2]',
        message: 'expected numTokensScored 3, got 2; expected numGreenTokens 5, got 2',
      },
    ]);
  });

  it('reports a scorer error on its vector and goes on with the rest', () => {
    const set = keySet([
      key('a', [
        { ids: [9], numTokensScored: 0, numGreenTokens: 0 },
        { ids: [1, 2], numTokensScored: 1, numGreenTokens: 0 },
      ]),
    ]);
    expect(checkTestVectors(set, fakeScorer)).toEqual([
      { path: 'keys[0].testVectors[0]', message: 'scoring failed: need at least 2 tokens' },
      { path: 'keys[0].testVectors[1]', message: 'expected numGreenTokens 0, got 1' },
    ]);
  });

  it('hands the scorer the key the vector belongs to', () => {
    const seen: string[] = [];
    const set = keySet([
      key('a', [{ ids: [1, 2], numTokensScored: 1, numGreenTokens: 1 }]),
      key('b', [{ ids: [1, 2], numTokensScored: 1, numGreenTokens: 1 }]),
    ]);
    checkTestVectors(set, (k, ids) => {
      seen.push(k.kid);
      return fakeScorer(k, ids);
    });
    expect(seen).toEqual(['a', 'b']);
  });
});
