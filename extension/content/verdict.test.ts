import { describe, expect, it } from 'vitest';
import type { KgwKeyDetection as KeyDetection } from '../../src/detect-types';
import { blockVerdict, excerpt, flaggedRanges, matchingKeys, mergeRanges } from './verdict';

function det(verdict: KeyDetection['verdict'], more: Partial<KeyDetection> = {}): KeyDetection {
  return {
    keySetId: 'org.example', keySetName: 'Example', kid: 'k1',
    numTokensScored: 100, numGreenTokens: 50, greenFraction: 0.5, zScore: 5, pValueNormal: 1e-7,
    pValue: 1e-6, numUnits: 90, numGreenUnits: 45, verdict, spans: [], ...more,
  };
}

describe('blockVerdict', () => {
  it('follows the strongest statement any key makes', () => {
    expect(blockVerdict([det('too-short'), det('not-detected'), det('watermarked')])).toBe('watermarked');
    expect(blockVerdict([det('too-short'), det('not-detected')])).toBe('not-detected');
    expect(blockVerdict([det('too-short'), det('too-short')])).toBe('too-short');
    expect(blockVerdict([])).toBeNull();
  });
});

describe('matchingKeys', () => {
  it('keeps watermarked keys, strongest first', () => {
    const a = det('watermarked', { kid: 'a', pValue: 1e-5 });
    const b = det('watermarked', { kid: 'b', pValue: 1e-9 });
    expect(matchingKeys([a, det('not-detected'), b]).map((d) => d.kid)).toEqual(['b', 'a']);
  });
});

describe('mergeRanges', () => {
  it('unions overlapping and touching ranges', () => {
    expect(mergeRanges([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 15, end: 30 }, { start: 30, end: 31 }, { start: 40, end: 40 }])).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 31 },
    ]);
  });
});

describe('flaggedRanges', () => {
  it('merges spans across keys and labels each with its strongest span', () => {
    const a = det('watermarked', { kid: 'a', spans: [{ start: 100, end: 200, zScore: 6, pValue: 1e-8 }, { start: 400, end: 450, zScore: 4, pValue: 1e-5 }] });
    const b = det('watermarked', { kid: 'b', spans: [{ start: 150, end: 260, zScore: 9, pValue: 1e-12 }] });
    const human = det('not-detected', { kid: 'c', spans: [{ start: 0, end: 50, zScore: 1, pValue: 0.3 }] });
    expect(flaggedRanges([a, b, human], 500)).toEqual([
      expect.objectContaining({ start: 100, end: 260, kid: 'b', pValue: 1e-12 }),
      expect.objectContaining({ start: 400, end: 450, kid: 'a', pValue: 1e-5 }),
    ]);
  });

  it('flags the whole text when a matching key gives no span, and clips to the text', () => {
    expect(flaggedRanges([det('watermarked')], 80)).toEqual([expect.objectContaining({ start: 0, end: 80 })]);
    const d = det('watermarked', { spans: [{ start: 70, end: 120, zScore: 5, pValue: 1e-6 }] });
    expect(flaggedRanges([d], 80)).toEqual([expect.objectContaining({ start: 70, end: 80 })]);
  });

  it('is empty when nothing matched', () => {
    expect(flaggedRanges([det('not-detected')], 80)).toEqual([]);
  });
});

describe('excerpt', () => {
  it('folds whitespace and cuts at a word', () => {
    expect(excerpt('a\n\nb  c', 0, 7)).toBe('a b c');
    const long = 'word '.repeat(100);
    const e = excerpt(long, 0, long.length, 40);
    expect(e.length).toBeLessThanOrEqual(40);
    expect(e.endsWith('word…')).toBe(true);
  });
});
