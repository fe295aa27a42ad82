import { describe, expect, it } from 'vitest';
import { LazyRandperm } from './lazy-randperm';
import { randperm } from './randperm';
import { mulberry32 } from '../stats/seeded-random';

describe('LazyRandperm', () => {
  it.each([
    [1, 7],
    [2, 0],
    [10, 42],
    [1000, 5489],
    [50257, 2971215073],
  ])('n = %i, seed %i: every entry as randperm has it, read in order', (n, seed) => {
    const lazy = new LazyRandperm(n, seed);
    const full = randperm(n, seed);
    expect(Array.from({ length: n }, (_, p) => lazy.at(p))).toEqual(Array.from(full));
    expect(Array.from(lazy.all())).toEqual(Array.from(full));
  });

  it('gives the same entries read in any order, and across the switch to a plain array', () => {
    const n = 20_000;
    const seed = 1234567;
    const full = randperm(n, seed);
    const rand = mulberry32(9);
    for (const [denseAfter, chunk] of [[n + 1, 1000], [5000, 1000], [5000, 1 << 16], [1, 1000], [n + 1, 7]]) {
      const lazy = new LazyRandperm(n, seed, { denseAfter, chunk });
      // Mostly early entries (the sparse path), now and then one further on (the dense switch for 5000).
      const asked = Array.from({ length: 3000 }, (_, k) => (k % 500 === 499 ? Math.floor(rand() * n) : Math.floor(rand() * 4000)));
      expect(asked.map((p) => lazy.at(p))).toEqual(asked.map((p) => full[p]));
      expect(Array.from(lazy.all())).toEqual(Array.from(full));
    }
  });

  it('hands the shuffle over to a plain array at any step (200 seeds)', () => {
    const n = 3000;
    const rand = mulberry32(17);
    for (let seed = 0; seed < 200; seed++) {
      const full = randperm(n, seed);
      const denseAfter = 1 + Math.floor(rand() * n);
      const lazy = new LazyRandperm(n, seed, { denseAfter, chunk: 1 + Math.floor(rand() * 200) });
      const p = Math.floor(rand() * denseAfter);
      expect(lazy.at(p)).toBe(full[p]);
      expect(Array.from(lazy.all())).toEqual(Array.from(full));
    }
  });

  it('refuses entries outside the permutation', () => {
    const lazy = new LazyRandperm(10, 1);
    expect(() => lazy.at(10)).toThrow(RangeError);
    expect(() => lazy.at(-1)).toThrow(RangeError);
    expect(() => lazy.at(1.5)).toThrow(RangeError);
    expect(() => new LazyRandperm(0, 1).at(0)).toThrow(RangeError);
    expect(new LazyRandperm(0, 1).all().length).toBe(0);
  });
});
