import { describe, expect, it } from 'vitest';
import { GreenListSampler } from '../rng/green-list';
import { GreenOracle } from './green-oracle';

const V = 1000;
const BITSET_BYTES = Math.ceil(V / 32) * 4;

describe('GreenOracle', () => {
  it('answers exactly as the sampler, whichever way it takes', () => {
    const oracle = new GreenOracle(V, 0.25, true, 3 * BITSET_BYTES);
    const sampler = new GreenListSampler(V, 0.25, true);
    for (let seed = 1; seed <= 12; seed++) {
      for (const target of [0, 7, 123, 999, 7]) {
        for (const recur of [true, false]) expect(oracle.isGreen(seed * 7919, target, recur)).toBe(sampler.isGreen(seed * 7919, target));
      }
    }
  });

  it('can share a sampler of its geometry (its own caches all the same) and refuses another geometry', () => {
    const sampler = new GreenListSampler(V, 0.25, true);
    const a = new GreenOracle(V, 0.25, true, 3 * BITSET_BYTES, sampler);
    const b = new GreenOracle(V, 0.25, true, 3 * BITSET_BYTES, sampler);
    const fresh = new GreenListSampler(V, 0.25, true);
    for (let seed = 1; seed <= 8; seed++) {
      for (const target of [3, 500, 998]) {
        expect(a.isGreen(seed * 104729, target, true)).toBe(fresh.isGreen(seed * 104729, target));
        expect(b.isGreen(seed * 104729, target, false)).toBe(fresh.isGreen(seed * 104729, target));
      }
    }
    expect(b.bitsets.size).toBeGreaterThan(0);
    a.clear();
    expect(a.empty).toBe(true);
    expect(b.bitsets.size).toBeGreaterThan(0);
    expect(() => new GreenOracle(V, 0.5, true, BITSET_BYTES, sampler)).toThrow(RangeError);
    expect(() => new GreenOracle(V, 0.25, false, BITSET_BYTES, sampler)).toThrow(RangeError);
  });

  it('builds recurring contexts’ bitsets at once while the cache has room, then admits only seeds seen before', () => {
    const oracle = new GreenOracle(V, 0.25, true, 2 * BITSET_BYTES);
    oracle.isGreen(1, 5, true);
    oracle.isGreen(2, 5, true);
    expect(oracle.bitsets.size).toBe(2);
    // Full: a new context gets a single answer, no bitset (and evicts nothing)…
    oracle.isGreen(3, 5, true);
    expect(oracle.bitsets.size).toBe(2);
    expect(oracle.bitsets.get(3)).toBeUndefined();
    expect(oracle.bitsets.get(1)).toBeDefined();
    // …and earns one when it comes back with another target.
    oracle.isGreen(3, 6, true);
    expect(oracle.bitsets.get(3)).toBeDefined();
  });

  it('makes a one-off context wait for its second target even with room (self-salted schemes)', () => {
    const oracle = new GreenOracle(V, 0.25, true, 10 * BITSET_BYTES);
    oracle.isGreen(9, 1, false);
    expect(oracle.bitsets.size).toBe(0);
    oracle.isGreen(9, 1, false); // the same pair: the cached answer
    expect(oracle.bitsets.size).toBe(0);
    oracle.isGreen(9, 2, false);
    expect(oracle.bitsets.size).toBe(1);
  });

  it('reports every single answer it computes, and only those (not cached ones, not bitset reads)', () => {
    const oracle = new GreenOracle(V, 0.25, true);
    const sampler = new GreenListSampler(V, 0.25, true);
    const seen: Array<[number, number, boolean]> = [];
    oracle.onAnswer = (seed, target, green) => seen.push([seed, target, green]);
    oracle.isGreen(9, 1, false);
    oracle.isGreen(9, 1, false);
    oracle.isGreen(9, 2, false); // builds the bitset
    oracle.isGreen(10, 3, true); // eager bitset
    expect(seen).toEqual([[9, 1, sampler.isGreen(9, 1)]]);
  });
});
