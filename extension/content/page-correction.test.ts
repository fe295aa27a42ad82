import { describe, expect, it } from 'vitest';
import type { KeyDetection } from '../../src/detect-types';
import { holm } from '../../src/stats/verdict';
import { correctedDetections, holmSurvivors, sameRanges, shownResult, testsPerText } from './page-correction';
import { flaggedRanges, type FlaggedRange } from './verdict';

function detection(pValue: number, alpha = 1e-4, kid = 'k'): KeyDetection {
  return {
    keySetName: 'Set',
    kid,
    numTokensScored: 100,
    numGreenTokens: 50,
    greenFraction: 0.5,
    zScore: 5,
    pValue,
    pValueNormal: pValue,
    numUnits: 90,
    numGreenUnits: 45,
    verdict: pValue <= alpha ? 'watermarked' : 'not-detected',
    spans: pValue <= alpha ? [{ start: 0, end: 10, zScore: 5, pValue }] : [],
  } as KeyDetection;
}

describe('holmSurvivors', () => {
  it('keeps a match only when Holm over every test on the page rejects it', () => {
    // 20 tests at α = 1e-4: thresholds 5e-6, 5.26e-6, … for the smallest p-values.
    const strong = detection(1e-9);
    const next = detection(4e-6);
    const borderline = detection(8e-5); // a match at α per test, not after 20 tests
    const rest = Array.from({ length: 17 }, () => detection(0.3));
    const tests = [[strong, rest[0]], [borderline], [next], ...rest.slice(1).map((d) => [d])];
    const survivors = holmSurvivors(tests, 1e-4);
    expect([...survivors]).toEqual([strong, next]);
    // The same decisions as the core's holm() over the flat list.
    const flat = tests.flat();
    const reject = holm(flat.map((d) => d.pValue), 1e-4);
    expect(flat.filter((_, i) => reject[i])).toEqual([strong, next]);
  });

  it('step-down stops at the first test that fails, whatever comes after', () => {
    const a = detection(4e-5); // above α/3: Holm stops here…
    const b = detection(4.5e-5); // …so this one (below α/2) is not rejected either
    const c = detection(6e-5);
    expect(holmSurvivors([[a], [b], [c]], 1e-4).size).toBe(0);
    expect(holmSurvivors([[a]], 1e-4)).toEqual(new Set([a]));
  });

  it('never promotes a test the block-level verdict did not flag', () => {
    const tooShort = { ...detection(1e-6), verdict: 'too-short' as const, spans: [] };
    expect(holmSurvivors([[tooShort]], 1e-4).size).toBe(0);
  });
});

describe('correctedDetections', () => {
  it('turns withdrawn matches into "not detected" without spans and leaves the rest alone', () => {
    const kept = detection(1e-9, 1e-4, 'a');
    const withdrawn = detection(5e-5, 1e-4, 'b');
    const human = detection(0.4, 1e-4, 'c');
    const out = correctedDetections([kept, withdrawn, human], new Set([kept]));
    expect(out[0]).toBe(kept);
    expect(out[1]).toMatchObject({ kid: 'b', verdict: 'not-detected', spans: [], pValue: 5e-5 });
    expect(out[2]).toBe(human);
    expect(withdrawn.verdict).toBe('watermarked'); // the input is not mutated
  });
});

describe('testsPerText', () => {
  it('counts the same text shown twice as one test per key', () => {
    const a = [detection(1e-9, 1e-4, 'x'), detection(0.2, 1e-4, 'y')];
    const b = [detection(0.5)];
    const tests = testsPerText([
      { hash: 'h1', detections: a },
      { hash: 'h2', detections: b },
      { hash: 'h1', detections: a },
    ]);
    expect(tests).toEqual([a, b]);
    expect(testsPerText([])).toEqual([]);
  });
});

describe('shownResult', () => {
  const strong = detection(1e-9, 1e-4, 'a');
  // Apart from the strong match's span, so its range is not merged into it.
  const weak = { ...detection(5e-5, 1e-4, 'b'), spans: [{ start: 20, end: 30, zScore: 4, pValue: 5e-5 }] };
  const human = detection(0.4, 1e-4, 'c');

  it('shows the detections as they came when the correction is off', () => {
    const out = shownResult([strong, weak, human], null, 100);
    expect(out.verdict).toBe('watermarked');
    expect(out.ranges).toEqual(flaggedRanges([strong, weak, human], 100));
    expect(out.ranges.map((r) => r.kid).sort()).toEqual(['a', 'b']);
  });

  it('highlights only surviving matches, and a block with none left is not detected', () => {
    const out = shownResult([strong, weak, human], new Set([strong]), 100);
    expect(out.verdict).toBe('watermarked');
    expect(out.ranges.map((r) => r.kid)).toEqual(['a']);
    expect(shownResult([weak, human], new Set([strong]), 100)).toEqual({ verdict: 'not-detected', ranges: [] });
  });

  it('has no verdict without tests and no ranges unless watermarked', () => {
    expect(shownResult([], null, 100)).toEqual({ verdict: null, ranges: [] });
    const tooShort = { ...detection(0.5), verdict: 'too-short' as const };
    expect(shownResult([tooShort], null, 100)).toEqual({ verdict: 'too-short', ranges: [] });
  });
});

describe('sameRanges', () => {
  const base: FlaggedRange = { start: 0, end: 10, kid: 'k', keySetName: 'Set', zScore: 6, pValue: 1e-9 };
  it('is equal only when every range has the same place, key and evidence', () => {
    const a = [{ ...base }];
    expect(sameRanges(a, [{ ...base }])).toBe(true);
    expect(sameRanges([], [])).toBe(true);
    expect(sameRanges(a, [])).toBe(false);
    for (const change of [{ start: 1 }, { end: 9 }, { kid: 'j' }, { keySetName: 'Other' }, { pValue: 2e-9 }]) {
      expect(sameRanges(a, [{ ...base, ...change }])).toBe(false);
    }
  });
});
