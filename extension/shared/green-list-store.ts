// Green lists (bitsets) persisted in IndexedDB, so that a restarted browser starts warm for the contexts
// a reader meets every day: the detection Worker saves every list it builds and, when it first uses a
// green-list geometry (V, list size, head or tail), loads the most recently used ones back into the
// core's cache. Bounded (MAX_LISTS, ≈ 6 KB each for V = 50257), evicted by use: loading a list counts as
// a use, and the least recently used go first. A list depends only on its geometry and seed, so it is
// shared by every key and key set with that geometry; the core checks the size of what it is given.
import { done, lazyDatabase, request } from './idb';

export const GREEN_LIST_DB = 'wmlens-green-lists';
const STORE = 'lists';
const BY_USE = 'usedAt';
export const MAX_LISTS = 4096;
/** Loaded at a Worker's first use of a geometry: enough for everyday contexts, quick to read. */
export const PRELOAD_LISTS = 1024;

interface Row {
  id: string;
  geometry: string;
  seed: number;
  bits: ArrayBuffer;
  usedAt: number;
}

const db = lazyDatabase(GREEN_LIST_DB, 1, (d) => {
  const store = d.createObjectStore(STORE, { keyPath: 'id' });
  store.createIndex(BY_USE, 'usedAt');
});

/**
 * Up to `limit` lists of a geometry, most recently used first, marked as used now. Empty when
 * IndexedDB is unavailable: persistence only ever saves time.
 */
export async function loadGreenLists(geometry: string, limit = PRELOAD_LISTS): Promise<Array<{ seed: number; bits: Uint32Array }>> {
  try {
    const tx = (await db()).transaction(STORE, 'readwrite');
    const index = tx.objectStore(STORE).index(BY_USE);
    const rows: Row[] = [];
    await new Promise<void>((resolve, reject) => {
      const cursor = index.openCursor(null, 'prev');
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (c === null || rows.length >= limit) return resolve();
        const row = c.value as Row;
        if (row.geometry === geometry) rows.push(row);
        c.continue();
      };
    });
    const now = Date.now();
    for (const row of rows) tx.objectStore(STORE).put({ ...row, usedAt: now });
    await done(tx);
    return rows.map((r) => ({ seed: r.seed, bits: new Uint32Array(r.bits) }));
  } catch {
    return [];
  }
}

/** Saves lists (best effort), then evicts the least recently used beyond MAX_LISTS. */
export async function saveGreenLists(geometry: string, lists: ReadonlyArray<{ seed: number; bits: Uint32Array }>, maxLists = MAX_LISTS): Promise<void> {
  if (lists.length === 0) return;
  try {
    const tx = (await db()).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const now = Date.now();
    for (const { seed, bits } of lists) {
      const copy = bits.buffer.slice(bits.byteOffset, bits.byteOffset + bits.byteLength) as ArrayBuffer;
      store.put({ id: `${geometry}|${seed}`, geometry, seed, bits: copy, usedAt: now } satisfies Row);
    }
    const excess = (await request(store.count())) - maxLists;
    if (excess > 0) {
      let left = excess;
      await new Promise<void>((resolve, reject) => {
        const cursor = store.index(BY_USE).openCursor();
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (c === null || left-- <= 0) return resolve();
          c.delete();
          c.continue();
        };
      });
    }
    await done(tx);
  } catch {
    // Not saved: the lists are rebuilt when next needed.
  }
}
