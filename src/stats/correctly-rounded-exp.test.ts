import { describe, expect, it } from 'vitest';
import { correctlyRoundedExp, exactExp } from './correctly-rounded-exp';
import { mulberry32 } from './seeded-random';

describe('correctlyRoundedExp', () => {
  it('agrees with exact BigInt evaluation on random arguments across the range', () => {
    const rand = mulberry32(12345);
    for (let i = 0; i < 400; i++) {
      const x = (rand() * 2 - 1) * 745;
      expect(correctlyRoundedExp(x)).toBe(exactExp(x));
    }
    for (let i = 0; i < 200; i++) {
      const x = (rand() * 2 - 1) * 2 ** -(rand() * 50);
      expect(correctlyRoundedExp(x)).toBe(exactExp(x));
    }
  });

  it('is within one ulp of Math.exp and exact where the value is known', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      const x = -rand() * 700;
      const a = correctlyRoundedExp(x);
      expect(Math.abs(a - Math.exp(x)) / a).toBeLessThan(2.3e-16);
    }
    expect(correctlyRoundedExp(0)).toBe(1);
    expect(correctlyRoundedExp(1)).toBe(Math.E);
    expect(correctlyRoundedExp(Math.LN2)).toBe(2);
    expect(correctlyRoundedExp(-Math.LN2)).toBe(0.5);
  });

  it('rounds subnormal results and handles the ends of the range', () => {
    // e^-740 ≈ 4.2e-322 lies among subnormals with spacing 4.9e-324.
    expect(correctlyRoundedExp(-740)).toBe(exactExp(-740));
    expect(correctlyRoundedExp(-740)).toBeCloseTo(4.2e-322, 323);
    expect(correctlyRoundedExp(-745)).toBe(5e-324); // 0.57 of the smallest subnormal
    expect(correctlyRoundedExp(-745.14)).toBe(0); // below half of it
    expect(correctlyRoundedExp(-746)).toBe(0);
    expect(correctlyRoundedExp(709.7)).toBe(exactExp(709.7));
    expect(correctlyRoundedExp(710)).toBe(Infinity);
    expect(correctlyRoundedExp(-Infinity)).toBe(0);
    expect(Number.isNaN(correctlyRoundedExp(NaN))).toBe(true);
  });
});
