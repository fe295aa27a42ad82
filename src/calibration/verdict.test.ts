import { describe, expect, it } from 'vitest';
import type { NullModel } from './null-model';
import { calibratedPValue, minUnitsForAlpha } from './null-model';
import { TELLING_GREEN_SHARE, calibratedVerdict, minUnitsToTell } from './verdict';

const model: NullModel = { gamma: 0.25, safety: 2.5, curve: { units: [15, 200], share: [0.028, 0.018] } };

describe('minUnitsToTell', () => {
  it.each([1e-2, 1e-4, 1e-6])('α = %f: half-green text reaches α from there on, not just before', (alpha) => {
    const n = minUnitsToTell(model, alpha);
    for (let k = n; k < n + 20; k++) expect(calibratedPValue(model, Math.ceil(TELLING_GREEN_SHARE * k), k)).toBeLessThanOrEqual(alpha);
    expect(calibratedPValue(model, Math.ceil(TELLING_GREEN_SHARE * (n - 1)), n - 1)).toBeGreaterThan(alpha);
    expect(n).toBeGreaterThan(minUnitsForAlpha(model, alpha));
  });

  it('grows as α shrinks', () => {
    expect(minUnitsToTell(model, 1e-6)).toBeGreaterThan(minUnitsToTell(model, 1e-4));
    expect(minUnitsToTell(model, 1e-4)).toBeGreaterThan(minUnitsToTell(model, 1e-2));
  });
});

describe('calibratedVerdict', () => {
  const alpha = 1e-4;
  const toTell = minUnitsToTell(model, alpha);

  it('is "too short" below the telling length unless the evidence already reached α', () => {
    expect(calibratedVerdict(model, 0.3, toTell - 1, alpha)).toBe('too-short');
    expect(calibratedVerdict(model, 0.3, toTell, alpha)).toBe('not-detected');
    expect(calibratedVerdict(model, 1e-5, toTell - 1, alpha)).toBe('watermarked');
    expect(calibratedVerdict(model, 1e-5, toTell + 50, alpha)).toBe('watermarked');
  });

  it('never flags with fewer units than an all-green text needs', () => {
    expect(calibratedVerdict(model, 1e-9, minUnitsForAlpha(model, alpha) - 1, alpha)).toBe('too-short');
  });

  it('answers for the model as it is now, not as it was when first asked (per-model cache)', () => {
    const changing: NullModel = { ...model, curve: { ...model.curve } };
    const n = minUnitsToTell(model, alpha);
    expect(calibratedVerdict(changing, 0.3, n, alpha)).toBe('not-detected');
    changing.gamma = 0.5;
    const m = minUnitsToTell(changing, alpha);
    expect(m).toBeGreaterThan(n);
    expect(calibratedVerdict(changing, 0.3, n, alpha)).toBe('too-short');
    changing.curve = { units: [15, 200], share: [0.028, 0.018] };
    expect(calibratedVerdict(changing, 0.3, m, alpha)).toBe('not-detected');
  });

  it('rejects a meaningless α', () => {
    expect(() => calibratedVerdict(model, 0.5, 100, 0)).toThrow(RangeError);
    expect(() => calibratedVerdict(model, 0.5, 100, 1)).toThrow(RangeError);
  });
});
