// Key-set store: which key sets exist, which are enabled, their last good documents. Bundled defaults
// come from the package (public/keysets/*.json) and are enabled out of the box. Subscriptions by URL or
// file (subscriptions.ts) add records of other source types to the same list. Every write goes through
// one queue, so an update finishing while the user toggles a set cannot undo the toggle.
import browser from 'webextension-polyfill';
import type { KeySetInfo, KeySetPayload } from '../shared/messages';
import { decodeUtf8, refOfText, sha256Hex } from '../shared/bytes';
import { ExpiringMemo } from './expiring-memo';
import {
  ensureBundled,
  expiryTime,
  isUsable,
  readMeta,
  normalizeState,
  statusOf,
  toInfo,
  type CompileStatus,
  type KeySetRecord,
  type StoreState,
} from './keyset-model';

/** Bundled key sets, relative to the extension root. */
export const BUNDLED_KEYSETS: readonly string[] = ['keysets/reference-defaults.json'];

export const KEYSETS_STORAGE_KEY = 'keysets';

interface Loaded {
  document?: string;
  ref?: string;
  loadError?: string;
}

/** Bundled documents, read once per background lifetime. */
const bundledCache = new Map<string, Promise<Loaded>>();
/** What the Worker said about each document hash. */
const compileStatus = new Map<string, CompileStatus>();

async function loadBundled(path: string): Promise<Loaded> {
  let p = bundledCache.get(path);
  if (!p) {
    p = (async () => {
      try {
        const res = await fetch(browser.runtime.getURL(path));
        if (!res.ok) return { loadError: `bundled key set ${path}: HTTP ${res.status}` };
        const bytes = new Uint8Array(await res.arrayBuffer());
        return { document: decodeUtf8(bytes), ref: await sha256Hex(bytes) };
      } catch (e) {
        return { loadError: `bundled key set ${path} could not be read: ${e instanceof Error ? e.message : e}` };
      }
    })();
    bundledCache.set(path, p);
    // A missing file may appear in a later build; don't pin the failure.
    p.then((l) => l.loadError && bundledCache.delete(path));
  }
  return p;
}

async function loadRecord(rec: KeySetRecord): Promise<Loaded> {
  if (rec.source.type === 'bundled') return loadBundled(rec.source.path);
  if (rec.document === undefined) return { loadError: rec.lastError ?? 'no document stored' };
  return { document: rec.document, ref: rec.ref ?? (await refOfText(rec.document)) };
}

export async function readState(): Promise<StoreState> {
  const got = await browser.storage.local.get(KEYSETS_STORAGE_KEY);
  const state = normalizeState(got[KEYSETS_STORAGE_KEY]);
  if (ensureBundled(state, BUNDLED_KEYSETS, Date.now())) await writeState(state);
  return state;
}

async function writeState(state: StoreState): Promise<void> {
  await browser.storage.local.set({ [KEYSETS_STORAGE_KEY]: state });
  // Our own writes count at once; storage.onChanged (writes from other contexts) arrives later.
  activeKeySets.invalidate();
}

let queue: Promise<unknown> = Promise.resolve();

/** Edit the stored state (one edit at a time); returns what `edit` returned. Nothing is written if it throws. */
export function updateState<R>(edit: (s: StoreState) => R | Promise<R>): Promise<R> {
  const run = queue.then(async () => {
    const state = await readState();
    const result = await edit(state);
    await writeState(state);
    return result;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** The key-set id of a record (bundled records are read from the package). */
export async function idOfRecord(rec: KeySetRecord): Promise<string | undefined> {
  if (rec.id !== undefined) return rec.id;
  return readMeta((await loadRecord(rec)).document).id;
}

/** A record's document and its ref, as detection would use them. */
export async function documentOf(rec: KeySetRecord): Promise<{ document?: string; ref?: string; loadError?: string }> {
  return loadRecord(rec);
}

export interface ActiveKeySet extends KeySetPayload {
  key: string;
}

async function evaluate(): Promise<{ rec: KeySetRecord; loaded: Loaded; info: KeySetInfo }[]> {
  const state = await readState();
  const now = Date.now();
  return Promise.all(
    state.records.map(async (rec) => {
      const loaded = await loadRecord(rec);
      const st = statusOf(rec, loaded.document, loaded.ref ? compileStatus.get(loaded.ref) : undefined, loaded.loadError, now);
      return { rec, loaded, info: toInfo(rec, loaded.document, loaded.ref, st) };
    }),
  );
}

export async function listKeySets(): Promise<KeySetInfo[]> {
  return (await evaluate()).map((e) => e.info);
}

/**
 * Key sets detection should use now: enabled, loaded, not expired, not known to fail. Asked for every
 * batch of blocks, so the answer is kept until the store or a compile outcome changes it, or the first
 * of the sets expires.
 */
export function getActiveKeySets(): Promise<ActiveKeySet[]> {
  watchStore();
  return activeKeySets.get();
}

const activeKeySets = new ExpiringMemo<ActiveKeySet[]>(async () => {
  const value: ActiveKeySet[] = [];
  let validUntil = Infinity;
  for (const e of await evaluate()) {
    if (!isUsable(e.info.status) || e.loaded.document === undefined || !e.loaded.ref) continue;
    value.push({ key: e.rec.key, ref: e.loaded.ref, document: e.loaded.document });
    validUntil = Math.min(validUntil, expiryTime(readMeta(e.loaded.document)));
  }
  return { value, validUntil };
});

let watchingStore = false;
function watchStore(): void {
  if (watchingStore) return;
  watchingStore = true;
  browser.storage.onChanged.addListener((changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && KEYSETS_STORAGE_KEY in changes) activeKeySets.invalidate();
  });
}

/** Enabled key sets whose compile status is not known yet (the popup asks the Worker about them). */
export async function getUncheckedKeySets(): Promise<ActiveKeySet[]> {
  const out: ActiveKeySet[] = [];
  for (const e of await evaluate()) {
    if (e.info.status !== 'unchecked' || e.loaded.document === undefined || !e.loaded.ref) continue;
    out.push({ key: e.rec.key, ref: e.loaded.ref, document: e.loaded.document });
  }
  return out;
}

export async function setKeySetEnabled(key: string, enabled: boolean): Promise<boolean> {
  return updateState((s) => {
    const rec = s.records.find((r) => r.key === key);
    if (rec) rec.enabled = enabled;
    return rec !== undefined;
  });
}

export function recordCompileStatus(ref: string, status: CompileStatus): void {
  const wasUsable = compilesUsably(compileStatus.get(ref));
  compileStatus.set(ref, status);
  // Every answered batch confirms its sets again: only a failure appearing or going changes which
  // sets are active (unchecked and ok are both used, an error's wording is not part of the list).
  if (compilesUsably(status) !== wasUsable) activeKeySets.invalidate();
}

/** Not known to fail to compile. */
function compilesUsably(status: CompileStatus | undefined): boolean {
  return status === undefined || status.ok;
}

/** Forget what the Worker said about a document (its tokenizer files were just downloaded again). */
export function forgetCompileStatus(ref: string): void {
  const wasUsable = compilesUsably(compileStatus.get(ref));
  compileStatus.delete(ref);
  if (!wasUsable) activeKeySets.invalidate();
}

/** What detection depends on: which records exist, are enabled, and which document they hold. */
function effectiveSignature(raw: unknown): string {
  const state = normalizeState(raw);
  ensureBundled(state, BUNDLED_KEYSETS, 0);
  return JSON.stringify(state.records.map((r) => [r.key, r.enabled, r.ref ?? null]).sort());
}

/**
 * Calls `cb` when the key sets detection uses change (any context). Writes that change nothing
 * effective — e.g. the bundled records being written on first use after storage was cleared — are
 * not reported, so pages are not re-scanned for nothing.
 */
export function onKeySetsChanged(cb: () => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area !== 'local' || !(KEYSETS_STORAGE_KEY in changes)) return;
    const c = changes[KEYSETS_STORAGE_KEY];
    if (effectiveSignature(c.oldValue) !== effectiveSignature(c.newValue)) cb();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
