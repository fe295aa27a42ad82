// Fitted calibrations kept in IndexedDB (the detection Workers have IndexedDB but no extension storage
// API), by calibrationKeyOf(spec): a key set added or updated is fitted once, when the Worker first
// compiles it, and every later Worker start reuses the fit instead of refitting (~0.2 s per key; SynthID
// keys with the exact tail store their n-gram allowance the same way, by ngramAllowanceKeyOf). A
// stored fit is only used by the core when it was made on the bundled reference sample with the current
// options (src/calibration/reference-sample.ts), so a stale entry is simply refitted and overwritten.
import { lazyDatabase, request } from './idb';
import type { CompiledKeySet } from '../../src/detect';
import { calibrationKeyOf } from '../../src/calibration/reference-sample';
import { ngramAllowanceKeyOf } from '../../src/synthid/ngram-allowance';

export const CALIBRATION_DB = 'wmlens-calibrations';
const STORE = 'fits';
// One entry per distinct unit-identity configuration: far fewer than this in practice.
const MAX_ENTRIES = 256;

interface Row {
  key: string;
  fit: unknown;
  /** ms since epoch: the oldest entries go first when the store is full. */
  storedAt: number;
}

const db = lazyDatabase(CALIBRATION_DB, 1, (d) => {
  if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { keyPath: 'key' });
});

/** Every stored fit, for compileKeySet's storedCalibrations; empty when IndexedDB is unavailable. */
export async function readStoredCalibrations(): Promise<Record<string, unknown>> {
  try {
    const rows = (await request((await db()).transaction(STORE, 'readonly').objectStore(STORE).getAll())) as Row[];
    return Object.fromEntries(rows.map((r) => [r.key, r.fit]));
  } catch {
    return {};
  }
}

/** Stores the fits of a compiled key set that are not stored yet (best effort: a failure only costs a refit later). */
export async function storeCalibrations(set: CompiledKeySet, stored: Readonly<Record<string, unknown>>): Promise<void> {
  const fits = [
    ...set.keys.map((k) => ({ key: calibrationKeyOf(k.spec), fit: k.calibration.toJSON() as unknown })),
    // SynthID keys with the exact tail: their n-gram allowance (~0.3 s to fit, with the sample's tokenizing).
    ...set.synthidKeys.flatMap((k) => (k.allowance === undefined ? [] : [{ key: ngramAllowanceKeyOf(k.spec), fit: k.allowance as unknown }])),
  ];
  const fresh = fits.filter((f) => !(f.key in stored));
  if (fresh.length === 0) return;
  try {
    const store = (await db()).transaction(STORE, 'readwrite').objectStore(STORE);
    const rows = (await request(store.getAll())) as Row[];
    // Bounded: the oldest go first (the store holds a handful of entries in practice).
    const excess = rows.length + fresh.length - MAX_ENTRIES;
    if (excess > 0) for (const r of rows.sort((a, b) => a.storedAt - b.storedAt).slice(0, excess)) store.delete(r.key);
    for (const f of fresh) store.put({ key: f.key, fit: f.fit, storedAt: Date.now() } satisfies Row);
    await new Promise<void>((resolve, reject) => {
      store.transaction.oncomplete = () => resolve();
      store.transaction.onerror = () => reject(store.transaction.error);
      store.transaction.onabort = () => reject(store.transaction.error);
    });
  } catch {
    // Not stored: the next Worker fits again.
  }
}
