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

  it('counts a buffer shared by several lists once, for as long as any of them is cached', () => {
    // Four 16-byte lists cut from each 64-byte slab, as greenBitset() cuts them.
    const slabs = [new Uint32Array(16), new Uint32Array(16), new Uint32Array(16)];
    const cut = (slab: Uint32Array, i: number) => slab.subarray(4 * i, 4 * i + 4);
    const cache = new BitsetCache(2 * 64);
    for (let i = 0; i < 4; i++) cache.set(i, cut(slabs[0], i));
    expect(cache.byteSize).toBe(64);
    for (let i = 0; i < 4; i++) cache.set(10 + i, cut(slabs[1], i));
    expect(cache.byteSize).toBe(128);
    expect(cache.size).toBe(8);
    // A third slab's first list: the oldest slab must go whole before the bytes fit again.
    cache.set(20, cut(slabs[2], 0));
    expect(cache.byteSize).toBe(64 + 16);
    expect([0, 1, 2, 3].map((s) => cache.peek(s))).toEqual([false, false, false, false]);
    expect(cache.size).toBe(5);
  });

  it('keeps the memory its lists hold alive within its bytes when one list of every slab stays in use', () => {
    const cache = new BitsetCache(4 * 64);
    // The memory the cached lists keep alive: every slab of which any list is still cached.
    const slabsAlive = (slabs: number) => Array.from({ length: slabs }, (_, slab) => [0, 1, 2, 3].some((i) => cache.peek(slab * 4 + i))).filter(Boolean).length;
    for (let slab = 0; slab < 40; slab++) {
      const s = new Uint32Array(16);
      for (let i = 0; i < 4; i++) {
        cache.set(slab * 4 + i, s.subarray(4 * i, 4 * i + 4));
        // The first list of every slab is looked up again and again; the other three never.
        for (let back = 0; back <= slab; back++) cache.get(back * 4);
        expect(cache.byteSize).toBeLessThanOrEqual(4 * 64);
        // Alive beyond what is counted: only the newest slab's slots not cut yet.
        expect(slabsAlive(slab + 1) * 64 - cache.byteSize).toBe((3 - i) * 16);
      }
    }
  });

  it('replacing a list frees its buffer only when no other cached list uses it', () => {
    const slab = new Uint32Array(8);
    const cache = new BitsetCache(1024);
    cache.set(1, slab.subarray(0, 4));
    cache.set(2, slab.subarray(4, 8));
    cache.set(1, new Uint32Array(4));
    expect(cache.byteSize).toBe(32 + 16);
    cache.set(2, new Uint32Array(4));
    expect(cache.byteSize).toBe(32);
  });
});
