import { describe, expect, it } from 'vitest';
import { nfcWithSourceIndex } from './nfc';
import { BACKWARD_COMBINING_STARTERS, isNfcBoundaryBefore, isNfcUnchangedAlone } from './nfc-boundary';
import { randomNormalizerInput, sourceMapProblems } from './test-map';

const nfc = (s: string) => s.normalize('NFC');

function check(text: string) {
  const result = nfcWithSourceIndex(text);
  expect(result.text, JSON.stringify(text)).toBe(nfc(text));
  expect(sourceMapProblems(text, result, nfc), JSON.stringify(text)).toEqual([]);
  return result;
}

describe('nfcWithSourceIndex', () => {
  it('returns the identity map for text already in NFC', () => {
    const result = check('plain ASCII, café, 東京, 🙂');
    expect([...result.sourceIndex]).toEqual(Array.from({ length: result.text.length + 1 }, (_, i) => i));
  });

  it('maps a composed character back to its whole combining sequence', () => {
    expect([...check('e\u0301').sourceIndex]).toEqual([0, 2]);
    expect([...check('xe\u0301y').sourceIndex]).toEqual([0, 1, 3, 4]);
    // ǖ from u + diaeresis + macron: three code points become one.
    expect([...check('u\u0308\u0304!').sourceIndex]).toEqual([0, 3, 4]);
  });

  it('keeps reordered marks together, apart from a base they do not compose with', () => {
    // No precomposed form; NFC only reorders the marks (dot below, ccc 220, before dot above, 230).
    const result = check('aq\u0307\u0323b');
    expect(result.text).toBe('aq\u0323\u0307b');
    expect([...result.sourceIndex]).toEqual([0, 1, 2, 2, 4, 5]);
    // Which acute composed is NFC's business; the one left over keeps its own place.
    expect([...check('e\u0301\u0301').sourceIndex]).toEqual([0, 2, 3]);
  });

  it('composes Hangul jamo, including a trailing consonant added to a precomposed syllable', () => {
    expect([...check('\u1100\u1161\u11a8').sourceIndex]).toEqual([0, 3]);
    expect([...check('x\uac00\u11a8y').sourceIndex]).toEqual([0, 1, 3, 4]);
    expect(check('\u1100\u1100\u1161').text).toBe('\u1100\uac00');
    expect(check('\u1161\u11a8').text).toBe('\u1161\u11a8');
  });

  it('handles long runs of combining marks and marks with no base', () => {
    const zalgo = 'Z' + '\u0351\u0323\u0300\u0301\u0345\u0358\u0334\u0327'.repeat(12) + 'a\u0301\u0323';
    check(zalgo);
    check('\u0301\u0323abc');
    check('\u0345\u0301 \u0f73\u0f75\u0f81');
  });

  it('handles singletons, exclusions and expansions', () => {
    check('\u212b \u2126 \u0958 \u0344 \u{1d15e} \ufa6c \u2000');
    expect(check('\ufa6c').text.length).toBe(2); // a BMP compatibility ideograph whose NFC is astral
  });

  it('handles scripts whose vowel signs compose with the sign before them', () => {
    check('\u0b47\u0b3e \u0bc6\u0bd7 \u0dd9\u0dcf\u0dca');
    // U+0B3E cannot be cut from what precedes it, but NFC only changes the U+2000 before it.
    expect([...check('a\u2000\u0b3e').sourceIndex]).toEqual([0, 1, 2, 3]);
    // Tulu-Tigalari (Unicode 16): a composite whose decomposition starts with a sign that composes backwards.
    check('\u{113c2}\u{113c5}');
    check('\u{113c2}\u{113c2}\u{113c2}');
  });

  it('agrees with whole-text NFC on random strings', () => {
    for (const text of randomNormalizerInput(400, 25, 11)) check(text);
  });

  it('recomposes every primary composite from its decomposition, in context', () => {
    const failures: string[] = [];
    for (let cp = 0xc0; cp < 0x20000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const composite = String.fromCodePoint(cp);
      const decomposed = composite.normalize('NFD');
      if (decomposed === composite || nfc(composite) !== composite) continue;
      const text = `a${decomposed}b`;
      const result = nfcWithSourceIndex(text);
      const units = composite.length;
      const ok =
        result.text === `a${composite}b` &&
        result.sourceIndex.subarray(1, 1 + units).every((v) => v === 1) &&
        result.sourceIndex[1 + units] === 1 + decomposed.length;
      if (!ok) failures.push(cp.toString(16));
    }
    expect(failures).toEqual([]);
  });

  it('stays correct when the cut rule is wrong for this text', () => {
    const cutEverywhere = () => true;
    for (const text of ['xe\u0301 y', '\u1100\u1161', 'Ω\u0301\u0345']) {
      const result = nfcWithSourceIndex(text, cutEverywhere);
      expect(result.text).toBe(nfc(text));
      expect(sourceMapProblems(text, result, nfc)).toEqual([]);
    }
  });
});

describe('isNfcBoundaryBefore', () => {
  it('allows cuts before ordinary starters and forbids them before marks and backward-composing signs', () => {
    for (const c of ['a', ' ', '\n', 'é', 'Ω', '東', '\uac00', '\u1100', '🙂']) expect(isNfcBoundaryBefore(c.codePointAt(0)!), c).toBe(true);
    // Å (U+212B) changes under NFC, but into A + ring, so nothing before it can join it.
    expect(isNfcBoundaryBefore(0x212b)).toBe(true);
    expect(isNfcUnchangedAlone(0x212b)).toBe(false);
    expect(isNfcUnchangedAlone(0x1161)).toBe(true);
    for (const cp of [0x301, 0x345, 0x334, 0x1161, 0x11a8, 0x0b3e, 0x0f73, 0x0344, 0x113c5]) {
      expect(isNfcBoundaryBefore(cp), cp.toString(16)).toBe(false);
    }
  });

  it('lists exactly the starters that this runtime composes with a preceding character', () => {
    const found = new Set<number>();
    const isStarter = (s: string) => s !== '\u0345' && ('\u0345' + s).normalize('NFD') === '\u0345' + s.normalize('NFD');
    for (let cp = 0xc0; cp < 0x20000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const composite = String.fromCodePoint(cp);
      const decomposed = [...composite.normalize('NFD')];
      if (decomposed.length < 2 || nfc(composite) !== composite) continue;
      const last = decomposed[decomposed.length - 1];
      if (isStarter(last)) found.add(last.codePointAt(0)!);
    }
    expect([...found].sort((a, b) => a - b)).toEqual([...BACKWARD_COMBINING_STARTERS].sort((a, b) => a - b));
  });
});
