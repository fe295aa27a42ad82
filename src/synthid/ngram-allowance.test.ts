import { describe, expect, it } from 'vitest';
import { loadReferenceSample } from '../calibration/reference-sample';
import { loadTokenizer } from '../tokenize/tokenizer';
import { ngramIdentities, ngramShareCurve } from './ngram-allowance';

describe('ngramIdentities', () => {
  it('names each n-gram by its tokens alone', () => {
    const ids = ngramIdentities([5, 6, 7, 8, 5, 6, 7, 8, 5, 6, 7, 9], 4);
    expect(Number.isNaN(ids[0]) && Number.isNaN(ids[1]) && Number.isNaN(ids[2])).toBe(true);
    expect(ids[7]).toBe(ids[3]); // 5 6 7 8 again
    expect(ids[11]).not.toBe(ids[3]); // 5 6 7 9
    expect(new Set([ids[3], ids[4], ids[5], ids[6]]).size).toBe(4);
    for (const id of ids.slice(3)) expect(Number.isSafeInteger(id)).toBe(true);
  });

  it('tells apart n-grams that differ only in order', () => {
    const [a, b] = [ngramIdentities([1, 2, 3], 3)[2], ngramIdentities([3, 2, 1], 3)[2]];
    expect(a).not.toBe(b);
  });
});

describe('ngramShareCurve on the bundled sample', () => {
  it('rises in units and falls in share, and longer n-grams share less', async () => {
    const sample = await loadReferenceSample();
    const tokenizer = await loadTokenizer('gpt2');
    const five = ngramShareCurve(sample, tokenizer, ['unicode'], 5);
    const two = ngramShareCurve(sample, tokenizer, ['unicode'], 2);
    expect(five.units.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < five.units.length; i++) {
      expect(five.units[i]).toBeGreaterThan(five.units[i - 1]);
      expect(five.share[i]).toBeLessThanOrEqual(five.share[i - 1]);
    }
    expect(five.share[0]).toBeGreaterThan(0);
    // Bigrams recur across texts far more than 5-grams.
    expect(two.share[0]).toBeGreaterThan(2 * five.share[0]);
    expect(ngramShareCurve(sample, tokenizer, ['unicode'], 5)).toBe(five);
  });
});
