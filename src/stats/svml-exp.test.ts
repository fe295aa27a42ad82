import { describe, expect, it } from 'vitest';
import { exactExp } from './correctly-rounded-exp';
import { mulberry32 } from './seeded-random';
import { svmlExp } from './svml-exp';

describe('svmlExp (numpy 1.24 AVX-512 np.exp)', () => {
  it('stays within the kernel’s few-ulp error of the true value', () => {
    const rand = mulberry32(99);
    let worst = 0;
    for (let i = 0; i < 300; i++) {
      const x = (rand() * 2 - 1) * 700;
      const exact = exactExp(x);
      worst = Math.max(worst, Math.abs(svmlExp(x) - exact) / exact);
    }
    expect(worst).toBeLessThan(4 * 2.3e-16);
  });

  it('differs from the correctly rounded value where the reference says it must', () => {
    // From HF case z = 1.1547005383792515: numpy's exp is an ulp below the rounded value.
    const x = (-2 * (1.1547005383792515 * 1.1547005383792515)) / Math.PI;
    expect(svmlExp(x)).toBeLessThan(exactExp(x));
  });

  it('is exact at 0 and leaves the rare range to Math.exp', () => {
    expect(svmlExp(0)).toBe(1);
    expect(svmlExp(-720)).toBe(Math.exp(-720));
    expect(svmlExp(800)).toBe(Infinity);
  });
});
