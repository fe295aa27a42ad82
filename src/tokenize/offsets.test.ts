import { describe, expect, it } from 'vitest';
import { applyNormalizers } from '../normalize/index';
import { randomNormalizerInput, referenceUnicode } from '../normalize/test-map';
import { ENCODING_NAMES } from './encodings';
import { mapRangeToSource, mapTokenRangesToSource } from './offsets';
import { loadTokenizer } from './tokenizer';

const map = (...entries: number[]) => Int32Array.from(entries);

describe('mapRangeToSource', () => {
  it('is the identity under the identity map', () => {
    const identity = map(0, 1, 2, 3);
    expect(mapRangeToSource([0, 3], identity)).toEqual([0, 3]);
    expect(mapRangeToSource([1, 2], identity)).toEqual([1, 2]);
    expect(mapRangeToSource([2, 2], identity)).toEqual([2, 2]);
  });

  it('widens a composed character to its whole source', () => {
    const composed = map(0, 1, 3, 4); // "xe\u0301y" → "xéy"
    expect(mapRangeToSource([1, 2], composed)).toEqual([1, 3]);
    expect(mapRangeToSource([2, 3], composed)).toEqual([3, 4]);
    expect(mapRangeToSource([0, 3], composed)).toEqual([0, 4]);
  });

  it('gives every unit of a shared source the whole of it', () => {
    const shared = map(0, 1, 1, 1, 4, 5); // "aq\u0307\u0323b" where q and both marks are one group
    expect(mapRangeToSource([1, 2], shared)).toEqual([1, 4]);
    expect(mapRangeToSource([2, 3], shared)).toEqual([1, 4]);
    expect(mapRangeToSource([3, 5], shared)).toEqual([1, 5]);
  });

  it('gives deleted characters to the unit before them', () => {
    const deleted = map(0, 1, 2, 3, 5, 6, 7, 8, 9); // "end.\nNext" → "end.Next"
    expect(mapRangeToSource([0, 4], deleted)).toEqual([0, 5]);
    expect(mapRangeToSource([4, 8], deleted)).toEqual([5, 9]);
  });

  it('rejects ranges outside the text', () => {
    const identity = map(0, 1, 2);
    for (const range of [[-1, 1], [2, 1], [0, 3], [0.5, 1]] as const) {
      expect(() => mapRangeToSource(range, identity)).toThrow(RangeError);
    }
  });
});

/** Widens [start, end) to whole groups of units sharing a source, the unit mapRangeToSource works in. */
function widen(sourceIndex: Int32Array, start: number, end: number): [number, number] {
  while (start > 0 && sourceIndex[start - 1] === sourceIndex[start]) start--;
  while (end < sourceIndex.length - 1 && sourceIndex[end] === sourceIndex[end - 1]) end++;
  return [start, end];
}

describe('normalize → tokenize → original offsets', () => {
  it('puts each token of the spec example back on the original characters', async () => {
    const original = 'Hello\u00a0world.\nNext  line\tTab\u200bZW e\u0301';
    const normalized = applyNormalizers(original, ['unicode']);
    const tokens = (await loadTokenizer('gpt2')).encode(normalized.text);
    const mapped = mapTokenRangesToSource(tokens, normalized.sourceIndex);
    const normalizedTokens = Array.from(tokens.starts, (s, i) => normalized.text.slice(s, tokens.ends[i]));
    const originalTokens = Array.from(mapped.starts, (s, i) => original.slice(s, mapped.ends[i]));
    expect(normalizedTokens).toEqual(['Hello', ' world', '.', 'Next', ' line', 'Tab', ' Z', 'W', ' \u00e9']);
    expect(originalTokens).toEqual(['Hello', '\u00a0world', '.\n', 'Next', '  line\t', 'Tab', '\u200bZ', 'W', ' e\u0301']);
  });

  it.each(ENCODING_NAMES)('maps %s tokens of normalized text to original ranges that normalize to them', async (name) => {
    const tokenizer = await loadTokenizer(name);
    const texts = [
      'Caf\u0065\u0301\u00a0au\nlait — 🙂 done.\r\n東京  は\u3000いい \u1100\u1161\u11a8 x\u0307\u0323 ❤\ufe0f',
      ...randomNormalizerInput(60, 30, 21),
    ];
    for (const original of texts) {
      const normalized = applyNormalizers(original, ['unicode']);
      const tokens = tokenizer.encode(normalized.text);
      const mapped = mapTokenRangesToSource(tokens, normalized.sourceIndex);
      for (let i = 0; i < tokens.ids.length; i++) {
        const [a, b] = widen(normalized.sourceIndex, tokens.starts[i], tokens.ends[i]);
        const source = original.slice(mapped.starts[i], mapped.ends[i]);
        expect(referenceUnicode(source), JSON.stringify(original)).toBe(normalized.text.slice(a, b));
        if (i > 0) expect(mapped.starts[i]).toBeGreaterThanOrEqual(mapped.starts[i - 1]);
      }
      if (tokens.ids.length > 0) expect(mapped.ends[tokens.ids.length - 1]).toBe(original.length);
    }
  });
});
