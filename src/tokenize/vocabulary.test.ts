import { Tiktoken } from 'js-tiktoken/lite';
import { describe, expect, it } from 'vitest';
import { decodeBase64Into } from './base64';
import { ENCODING_NAMES, loadEncodingRanks } from './encodings';
import { Vocabulary } from './vocabulary';

describe.each(ENCODING_NAMES)('%s vocabulary', (name) => {
  it('holds exactly the bytes js-tiktoken assigns to every rank, and finds each rank by its bytes', async () => {
    const ranks = await loadEncodingRanks(name);
    const vocab = new Vocabulary(ranks.bpe_ranks);
    // js-tiktoken has no public rank → bytes accessor; its internal map is the ground truth here.
    const textMap = (new Tiktoken(ranks) as unknown as { textMap: Map<number, Uint8Array> }).textMap;
    expect(textMap).toBeInstanceOf(Map);
    let assigned = 0;
    const mismatches: number[] = [];
    for (let rank = 0; rank < vocab.size; rank++) {
      const expected = textMap.get(rank);
      const start = vocab.tokenStart[rank];
      const actual = vocab.pool.subarray(start, start + vocab.tokenLength[rank]);
      if (expected === undefined) {
        if (actual.length !== 0) mismatches.push(rank);
        continue;
      }
      assigned++;
      if (actual.length !== expected.length || actual.some((b, i) => b !== expected[i])) mismatches.push(rank);
      else if (vocab.rankOf(actual, 0, actual.length) !== rank) mismatches.push(rank);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(assigned).toBe(textMap.size);
  });
});

describe('Vocabulary lookups', () => {
  it('answers -1 for sequences that are not tokens and for empty ranges', async () => {
    const vocab = new Vocabulary((await loadEncodingRanks('gpt2')).bpe_ranks);
    const bytes = new TextEncoder().encode(' thexqzjvk');
    expect(vocab.rankOf(bytes, 0, 4)).toBeGreaterThanOrEqual(0); // " the"
    expect(vocab.rankOf(bytes, 0, bytes.length)).toBe(-1);
    expect(vocab.rankOf(bytes, 3, 3)).toBe(-1);
  });

  it('keeps the later rank of a byte sequence listed twice, like js-tiktoken', () => {
    const singles = Array.from({ length: 256 }, (_, b) => btoa(String.fromCharCode(b))).join(' ');
    const vocab = new Vocabulary(`! 0 ${singles}\n! 256 ${btoa('abc')} ${btoa('abc')}`);
    expect(vocab.rankOf(new TextEncoder().encode('abc'), 0, 3)).toBe(257);
    expect(vocab.size).toBe(258);
  });

  it('rejects a table without all 256 single bytes', () => {
    expect(() => new Vocabulary(`! 0 ${btoa('a')}`)).toThrow(/all 256/);
  });
});

describe('decodeBase64Into', () => {
  it('decodes padded and unpadded slices', () => {
    const out = new Uint8Array(8);
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', '\u00ff\u0000\u0080']) {
      const encoded = `xx${btoa(text)}yy`;
      const n = decodeBase64Into(encoded, 2, encoded.length - 2, out, 1);
      expect(String.fromCharCode(...out.subarray(1, 1 + n))).toBe(text);
    }
    expect(() => decodeBase64Into('a*b=', 0, 4, out, 0)).toThrow(/Invalid base64/);
  });
});
