import { describe, expect, it } from 'vitest';
import { Prng } from './prng';
import { drawIndex, samplingDistribution } from './sampler';

describe('samplingDistribution', () => {
  const logits = Float64Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05), -Infinity]);

  it('is softmax at temperature 1 and sharpens below it', () => {
    const p = samplingDistribution(logits);
    expect(Array.from(p).map((x) => +x.toFixed(12))).toEqual([0.5, 0.3, 0.15, 0.05, 0]);
    const cold = samplingDistribution(logits, { temperature: 0.5 });
    const z = 0.25 + 0.09 + 0.0225 + 0.0025;
    expect(cold[0]).toBeCloseTo(0.25 / z, 12);
    expect(Array.from(samplingDistribution(logits, { temperature: 0 }))).toEqual([1, 0, 0, 0, 0]);
  });

  it('keeps the nucleus: the fewest most likely candidates reaching topP', () => {
    const p = samplingDistribution(logits, { topP: 0.79 });
    expect(p[0]).toBeCloseTo(0.5 / 0.8, 12);
    expect(p[1]).toBeCloseTo(0.3 / 0.8, 12);
    expect(p[2]).toBe(0);
    const q = samplingDistribution(logits, { topP: 0.81 });
    expect(q[2]).toBeCloseTo(0.15 / 0.95, 12);
  });

  it('refuses nonsense', () => {
    expect(() => samplingDistribution(logits, { temperature: -1 })).toThrow(RangeError);
    expect(() => samplingDistribution(logits, { topP: 0 })).toThrow(RangeError);
    expect(() => samplingDistribution(Float64Array.from([-Infinity]))).toThrow(RangeError);
  });
});

describe('drawIndex', () => {
  it('draws in proportion to p (fixed seed)', () => {
    const rng = new Prng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[drawIndex(Float64Array.from([0.6, 0.3, 0.1]), rng)]++;
    // Binomial sd ≤ 85 here; this seed lands well within 4 sd of each expectation.
    expect(Math.abs(counts[0] - 18_000)).toBeLessThan(340);
    expect(Math.abs(counts[1] - 9_000)).toBeLessThan(320);
    expect(Math.abs(counts[2] - 3_000)).toBeLessThan(210);
  });

  it('conditions on acceptance: refused indices are never returned', () => {
    const rng = new Prng(4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[drawIndex(Float64Array.from([0.6, 0.3, 0.1]), rng, (j) => j !== 0)]++;
    expect(counts[0]).toBe(0);
    expect(Math.abs(counts[1] / 20_000 - 0.75)).toBeLessThan(0.015);
  });

  it('falls back to the most likely acceptable index, and to -1 when none is', () => {
    const rng = new Prng(5);
    expect(drawIndex(Float64Array.from([0.5, 0.2, 0.3]), rng, (j) => j === 1, 0)).toBe(1);
    expect(drawIndex(Float64Array.from([0.5, 0.5]), rng, () => false)).toBe(-1);
  });

  it('is deterministic for a seed', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 50 }, () => drawIndex(Float64Array.from([0.25, 0.25, 0.25, 0.25]), rng));
    };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
  });
});
