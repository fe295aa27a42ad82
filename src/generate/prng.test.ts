import { describe, expect, it } from 'vitest';
import { Prng } from './prng';

describe('Prng', () => {
  it('is a function of its seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const xs = Array.from({ length: 100 }, () => a.nextUint32());
    expect(Array.from({ length: 100 }, () => b.nextUint32())).toEqual(xs);
    expect(new Prng(43).nextUint32()).not.toBe(xs[0]);
    // The high half of a large seed matters.
    expect(new Prng(2 ** 40 + 42).nextUint32()).not.toBe(xs[0]);
  });

  it('gives uniform-looking floats in [0, 1)', () => {
    const rng = new Prng(7);
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)]++;
      sum += x;
    }
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.01);
    // Each bin expects 2000 with sd ≈ 42: this seed's counts, far inside ±5 sd.
    for (const n of bins) expect(Math.abs(n - 2000)).toBeLessThan(210);
  });

  it('refuses seeds it cannot represent', () => {
    expect(() => new Prng(1.5)).toThrow(RangeError);
    expect(() => new Prng(2 ** 53)).toThrow(RangeError);
  });
});
