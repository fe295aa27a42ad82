// Persisted green lists (fake-indexeddb: the same API in memory) and the core's hooks that use them.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BITSETS_PER_SLAB } from '../../src/rng/bitset-slabs';
import { GreenListSampler } from '../../src/rng/green-list';
import { GreenOracle } from '../../src/score/green-oracle';
import { loadGreenLists, saveGreenLists } from './green-list-store';
import { prebuildStep, unpackLists, type PrebuildJob } from './compute/prebuild';

const list = (seed: number) => ({ seed, bits: Uint32Array.of(seed, seed + 1, seed + 2) });
let now = 1_000;

afterEach(() => vi.restoreAllMocks());

describe('green-list store', () => {
  it('loads the most recently used lists of a geometry, bounded, and evicts the least recently used', async () => {
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    for (const seed of [1, 2, 3]) {
      now += 10;
      await saveGreenLists('g1', [list(seed)], 4);
    }
    now += 10;
    await saveGreenLists('other', [list(99)], 4);
    // Most recent first, only this geometry, at most `limit`; the copies are exact.
    expect(await loadGreenLists('g1', 2)).toEqual([list(3), list(2)]);
    // Loading counted as a use of 3 and 2: seed 1 is now the least recently used and goes first.
    now += 10;
    await saveGreenLists('g1', [list(4)], 4);
    expect((await loadGreenLists('g1', 10)).map((l) => l.seed).sort()).toEqual([2, 3, 4]);
    expect((await loadGreenLists('other', 10)).map((l) => l.seed)).toEqual([99]);
  });
});

describe('green-list store rows', () => {
  it('keeps a save as one row: a seed saved again reads back as its newest copy, eviction counts lists', async () => {
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    now += 10;
    await saveGreenLists('g2', [list(1), list(2), list(3)], 5);
    now += 10;
    const newer = { seed: 2, bits: Uint32Array.of(7, 7, 7) };
    await saveGreenLists('g2', [newer, { seed: 9, bits: Uint32Array.of(1) }], 5); // a wrong size is not stored
    const got = await loadGreenLists('g2', 10);
    expect(got.map((l) => l.seed).sort()).toEqual([1, 2, 3]);
    expect(got.find((l) => l.seed === 2)).toEqual(newer);
    // 3 lists stored (as one row now); 3 more exceed the bound of 5: the least recently used row goes.
    now += 10;
    await saveGreenLists('g2', [list(4), list(5), list(6)], 5);
    expect((await loadGreenLists('g2', 10)).map((l) => l.seed).sort()).toEqual([4, 5, 6]);
  });
});

describe('GreenOracle persistence hooks', () => {
  it('reports every bitset it builds, and answers from bitsets primed from elsewhere', () => {
    const built: number[] = [];
    const oracle = new GreenOracle(50257, 0.25, true);
    oracle.onBitset = (seed) => built.push(seed);
    oracle.isGreen(7, 100, true); // one-token contexts recur: a bitset at once
    expect(built).toEqual([7]);
    expect(oracle.geometry).toBe('50257:12564:head');

    const restarted = new GreenOracle(50257, 0.25, true);
    const persisted = new GreenListSampler(50257, 0.25, true).greenBitset(8);
    restarted.primeBitset(8, persisted);
    restarted.primeBitset(9, new Uint32Array(3)); // the wrong size: ignored
    restarted.onBitset = (seed) => built.push(seed);
    const js = new GreenListSampler(50257, 0.25, true, { wasm: false });
    for (const target of [0, 5, 262, 50000]) expect(restarted.isGreen(8, target, true)).toBe(js.isGreen(8, target));
    expect(built).toEqual([7]); // answered from the primed list, nothing rebuilt
    expect(restarted.cached(9, 1)).toBe(false);
  });
});

describe('prebuilt lists in the store', () => {
  it('read back from a save equal lists built afresh by the plain-JavaScript sampler, and prime an oracle to the same answers', async () => {
    const V = 3000;
    const builder = new GreenOracle(V, 0.25, true);
    const job: PrebuildJob = { oracle: builder, bitsets: [41, 42, 43], answers: [], next: 0 };
    const step = prebuildStep(job, 10, 10)!;
    // The Worker saves views into the step's buffer, as unpackLists gives them.
    await saveGreenLists(builder.geometry, unpackLists(step));
    const loaded = await loadGreenLists(builder.geometry);
    const reference = new GreenListSampler(V, 0.25, true, { wasm: false });
    expect(loaded.map((l) => l.seed).sort()).toEqual([41, 42, 43]);
    for (const { seed, bits } of loaded) expect(bits).toEqual(reference.greenBitset(seed));
    const restarted = new GreenOracle(V, 0.25, true);
    for (const { seed, bits } of loaded) restarted.primeBitset(seed, bits);
    for (const seed of [41, 42, 43]) for (const target of [0, 17, 2999]) expect(restarted.isGreen(seed, target, true)).toBe(reference.isGreen(seed, target));
  });
});

describe('lists read from the store', () => {
  it('gives lists that keep no more than a slab of BITSETS_PER_SLAB alive, not the stored row they were read from', async () => {
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    now += 10;
    const lists = Array.from({ length: 10 }, (_, i) => list(100 + i));
    await saveGreenLists('g3', lists);
    const loaded = await loadGreenLists('g3', 10);
    expect(loaded.map((l) => l.seed).sort()).toEqual(lists.map((l) => l.seed));
    for (const l of loaded) {
      expect([...l.bits]).toEqual([l.seed, l.seed + 1, l.seed + 2]);
      expect(l.bits.buffer.byteLength).toBeLessThanOrEqual(BITSETS_PER_SLAB * l.bits.byteLength);
    }
    // Each slab holds the lists it was cut for and nothing of another's.
    expect(new Set(loaded.map((l) => l.bits.buffer)).size).toBe(Math.ceil(10 / BITSETS_PER_SLAB));
  });
});
