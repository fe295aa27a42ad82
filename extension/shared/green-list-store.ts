// Green lists (bitsets) persisted in IndexedDB, so that a restarted browser starts warm for the contexts
// a reader meets every day: the detection Worker saves the lists it builds and, when it first uses a
// green-list geometry (V, list size, head or tail), loads the most recently used ones back into the
// core's cache. Bounded (MAX_LISTS, ≈ 6 KB each for V = 50257), evicted by use: loading lists counts as
// a use, and the least recently used go first. A list depends only on its geometry and seed, so it is
// shared by every key and key set with that geometry; the core checks the size of what it is given.
//
// The lists of one save (or one preload) are one row: seeds and bitsets each in a single buffer. Stored
// one list per row, a page's ≈ 1,700 lists cost ≈ 1 s of the browser's CPU to write (thousands of small
// values through the database's log), several times what building them again costs with the
// WebAssembly kernel (≈ 0.16 ms a list); one large value is written and read as a whole.
import { BitsetSlabs } from '../../src/rng/bitset-slabs';
import { done, lazyDatabase, request } from './idb';

export const GREEN_LIST_DB = 'wmlens-green-lists';
const STORE = 'chunks';
export const MAX_LISTS = 4096;
/** Loaded at a Worker's first use of a geometry: enough for everyday contexts, quick to read. */
export const PRELOAD_LISTS = 1024;

/**
 * Row key: [usedAt, geometry, list count, nonce]. Keys sort by last use, and a key cursor reads the
 * counts that eviction needs without reading the lists themselves.
 */
type ChunkKey = [number, string, number, string];

interface Chunk {
  seeds: ArrayBuffer;
  /** `seeds.length` bitsets of equal length, back to back. */
  bits: ArrayBuffer;
}

const db = lazyDatabase(GREEN_LIST_DB, 2, (d) => {
  // Version 1 kept one list per row: dropped (it is a cache; lists are rebuilt when needed).
  if (d.objectStoreNames.contains('lists')) d.deleteObjectStore('lists');
  if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE);
});

function nonce(): string {
  return Math.random().toString(36).slice(2, 10);
}

function pack(lists: ReadonlyArray<{ seed: number; bits: Uint32Array }>): Chunk | undefined {
  const words = lists[0]?.bits.length ?? 0;
  // Lists of one geometry have one size; anything else is not stored (the core would refuse it).
  const same = lists.filter((l) => l.bits.length === words);
  if (same.length === 0 || words === 0) return undefined;
  const seeds = new Uint32Array(same.length);
  const bits = new Uint32Array(same.length * words);
  same.forEach((l, i) => {
    seeds[i] = l.seed;
    bits.set(l.bits, i * words);
  });
  return { seeds: seeds.buffer, bits: bits.buffer };
}

function unpack(chunk: Chunk): Array<{ seed: number; bits: Uint32Array }> {
  const seeds = new Uint32Array(chunk.seeds);
  if (seeds.length === 0) return [];
  const words = chunk.bits.byteLength / 4 / seeds.length;
  return Array.from(seeds, (seed, i) => ({ seed, bits: new Uint32Array(chunk.bits, i * words * 4, words) }));
}

/**
 * Copies of `lists` in slabs of several (bitset-slabs.ts), as the core cuts the lists it builds. A view
 * into a stored row would keep the whole row (up to MAX_LISTS lists) alive while any one of its lists is
 * cached, and the core's cache counts the memory its lists keep alive: a row larger than the cache would
 * leave room for one list. (Lists of one geometry are all one size.)
 */
function inSlabs(lists: ReadonlyArray<{ seed: number; bits: Uint32Array }>): Array<{ seed: number; bits: Uint32Array }> {
  const slabs = new BitsetSlabs(lists[0]?.bits.length ?? 0);
  return lists.map(({ seed, bits }) => {
    const copy = slabs.next();
    copy.set(bits);
    return { seed, bits: copy };
  });
}

/** Deletes the least recently used rows while more than `maxLists` lists are stored. */
async function evict(store: IDBObjectStore, maxLists: number): Promise<void> {
  const keys = (await request(store.getAllKeys())) as unknown as ChunkKey[];
  let total = keys.reduce((a, k) => a + k[2], 0);
  for (const k of keys) {
    if (total <= maxLists) break;
    store.delete(k);
    total -= k[2];
  }
}

/**
 * Up to `limit` lists of a geometry, most recently used first, marked as used now. Empty when
 * IndexedDB is unavailable: persistence only ever saves time.
 */
export async function loadGreenLists(geometry: string, limit = PRELOAD_LISTS): Promise<Array<{ seed: number; bits: Uint32Array }>> {
  try {
    const tx = (await db()).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const keys = ((await request(store.getAllKeys())) as unknown as ChunkKey[]).filter((k) => k[1] === geometry).reverse();
    const out: Array<{ seed: number; bits: Uint32Array }> = [];
    const seen = new Set<number>();
    const read: ChunkKey[] = [];
    for (const key of keys) {
      if (out.length >= limit) break;
      read.push(key);
      const chunk = (await request(store.get(key))) as Chunk | undefined;
      if (!chunk) continue;
      // A seed saved again later is the same list: the newest row's copy is taken.
      for (const l of unpack(chunk)) {
        if (out.length >= limit) break;
        if (seen.has(l.seed)) continue;
        seen.add(l.seed);
        out.push(l);
      }
    }
    // Marking them used: the lists read become one row used now (rows read and not kept are dropped).
    for (const k of read) store.delete(k);
    const chunk = pack(out);
    if (chunk) store.put(chunk, [Date.now(), geometry, out.length, nonce()] satisfies ChunkKey);
    await done(tx);
    return inSlabs(out);
  } catch {
    return [];
  }
}

/** Saves lists (best effort) as one row, then evicts the least recently used beyond `maxLists`. */
export async function saveGreenLists(geometry: string, lists: ReadonlyArray<{ seed: number; bits: Uint32Array }>, maxLists = MAX_LISTS): Promise<void> {
  const chunk = pack(lists);
  if (!chunk) return;
  try {
    const tx = (await db()).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const n = new Uint32Array(chunk.seeds).length;
    store.put(chunk, [Date.now(), geometry, n, nonce()] satisfies ChunkKey);
    await evict(store, maxLists);
    await done(tx);
  } catch {
    // Not saved: the lists are rebuilt when next needed.
  }
}
