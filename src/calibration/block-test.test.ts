import { describe, expect, it } from 'vitest';
import { bernoulliSequence, mulberry32 } from '../stats/seeded-random';
import { SPAN_SEARCH_ALPHA_SHARE, decideBlock } from './block-test';
import type { CalibratedUnits } from './calibration';
import { type NullModel, calibratedPValue, nullGreenRate } from './null-model';

const model: NullModel = { gamma: 0.25, safety: 2.5, curve: { units: [15, 200], share: [0.028, 0.018] } };

function unitsOf(green: Uint8Array): CalibratedUnits {
  let g = 0;
  for (const x of green) g += x;
  return {
    numUnits: green.length,
    numGreenUnits: g,
    green,
    position: Int32Array.from(green, (_, i) => i),
    nullGreenRate: 0,
    pValue: calibratedPValue(model, g, green.length),
  };
}

describe('decideBlock', () => {
  it('flags a strong passage inside null text through the span search, where the whole block cannot', () => {
    const rand = mulberry32(5);
    const green = bernoulliSequence(rand, 600, 0.25);
    green.set(bernoulliSequence(rand, 60, 0.85), 300);
    const units = unitsOf(green);
    const d = decideBlock(model, units, 1e-4);
    expect(units.pValue).toBeGreaterThan(1e-4);
    expect(d.verdict).toBe('watermarked');
    expect(d.spans).toHaveLength(1);
    expect(d.spans[0].start).toBeGreaterThanOrEqual(290);
    expect(d.spans[0].end).toBeLessThanOrEqual(370);
    expect(d.pValue).toBe(d.spans[0].pValue / SPAN_SEARCH_ALPHA_SHARE);
    expect(d.blockPValue).toBe(units.pValue);
    // Without the span search the same block is not flagged.
    expect(decideBlock(model, units, 1e-4, 0).verdict).toBe('not-detected');
  });

  it('uses the whole-block test at its share of α when no window stands out', () => {
    const rand = mulberry32(6);
    const units = unitsOf(bernoulliSequence(rand, 300, 0.25));
    const d = decideBlock(model, units, 1e-2);
    expect(d.spans).toEqual([]);
    expect(d.pValue).toBe(Math.min(1, units.pValue / (1 - SPAN_SEARCH_ALPHA_SHARE)));
    expect(decideBlock(model, units, 1e-2, 0).pValue).toBe(units.pValue);
  });

  it('keeps the false-alarm rate of the combined test at or below α on null units', () => {
    // Null units at the calibrated rate itself (the worst case the calibration allows for).
    const alpha = 0.01;
    const trials = 3000;
    const rand = mulberry32(7);
    let alarms = 0;
    for (let i = 0; i < trials; i++) {
      const n = 20 + Math.floor(rand() * 400);
      const units = unitsOf(bernoulliSequence(rand, n, nullGreenRate(model, n)));
      if (decideBlock(model, units, alpha).verdict === 'watermarked') alarms++;
    }
    expect(alarms / trials).toBeLessThanOrEqual(alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / trials));
  });

  it('refuses a share outside [0, 1)', () => {
    const units = unitsOf(new Uint8Array(50));
    expect(() => decideBlock(model, units, 1e-4, 1)).toThrow(RangeError);
    expect(() => decideBlock(model, units, 1e-4, -0.1)).toThrow(RangeError);
  });
});
