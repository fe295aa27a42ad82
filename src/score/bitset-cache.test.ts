import { describe, expect, it } from 'vitest';
import { BitsetCache } from './bitset-cache';

describe('BitsetCache', () => {
  it('evicts the least recently used entries once over budget', () => {
    const cache = new BitsetCache(3 * 16);
    for (const seed of [1, 2, 3]) cache.set(seed, new Uint32Array(4).fill(seed));
    expect(cache.get(1)?.[0]).toBe(1); // 1 is now the most recent
    cache.set(4, new Uint32Array(4).fill(4));
    expect(cache.get(2)).toBeUndefined();
    expect([1, 3, 4].map((s) => cache.get(s)?.[0])).toEqual([1, 3, 4]);
    expect(cache.byteSize).toBe(48);
  });

  it('keeps an entry that is hit again and again while others come and go', () => {
    const cache = new BitsetCache(8 * 16);
    cache.set(0, new Uint32Array(4));
    for (let seed = 1; seed < 1000; seed++) {
      cache.set(seed, new Uint32Array(4).fill(seed));
      expect(cache.get(0), `after ${seed} others`).toBeDefined();
    }
    expect(cache.size).toBe(8);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(999)?.[0]).toBe(999);
  });

  it('keeps a single entry larger than the budget until the next one arrives', () => {
    const cache = new BitsetCache(8);
    cache.set(7, new Uint32Array(4));
    expect(cache.size).toBe(1);
    cache.set(8, new Uint32Array(4));
    expect(cache.get(7)).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('replacing an entry does not double-count its bytes', () => {
    const cache = new BitsetCache(1024);
    cache.set(1, new Uint32Array(4));
    cache.set(1, new Uint32Array(8));
    expect(cache.byteSize).toBe(32);
  });
});
