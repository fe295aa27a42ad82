// Parity with gptwm.py on every unigram.json case (and a held-back set via WMLENS_VECTORS_DIR):
// green mask per id, detect z, unidetect z, and the dynamic threshold (τ to 1e-12 relative, flag exact).
import { describe, expect, it } from 'vitest';
import { type UnigramGreenMask, unigramGreenMask } from './green-mask';
import { scoreUnigram, unigramDynamicThreshold } from './score';
import { loadUnigramCases } from './unigram-vectors.test-util';

const cases = loadUnigramCases();
const masks = new Map<string, Promise<UnigramGreenMask>>();

function relClose(actual: number, expected: number): void {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(1e-12);
}

describe('Unigram scores (gptwm.py detect / unidetect / dynamic_threshold)', () => {
  it('has cases to check', () => expect(cases.length).toBeGreaterThan(0));

  for (const c of cases) {
    it(c.name, async () => {
      const { fraction, vocabSize, watermarkKey } = c.config;
      const k = `${watermarkKey}/${fraction}/${vocabSize}`;
      if (!masks.has(k)) masks.set(k, unigramGreenMask({ watermarkKey: BigInt(watermarkKey), fraction, vocabSize }));
      const score = scoreUnigram(await masks.get(k)!, fraction, c.ids);
      expect(Array.from(score.greenMask).join('')).toBe(c.expected.greenMask);
      expect(score.numTokensScored).toBe(c.ids.length);
      // z-scores are computed in the reference's float order, so they agree exactly.
      expect(score.zScore).toBe(c.expected.zScore);
      expect(score.uniqueZScore).toBe(c.expected.uniqueZScore);
      const { flag, tau } = unigramDynamicThreshold(score, vocabSize, c.expected.alpha);
      relClose(tau, c.expected.tau);
      expect(flag).toBe(c.expected.dynamicFlag);
    });
  }
});
