// Pure parts of the key-set store: record shapes, metadata read from a document, status, listing,
// remove/undo and reset. (No extension APIs here, so they are unit-tested beside it.)
import { shortFingerprint as coreShortFingerprint } from '../../src/keyset/fingerprint';
import type { DuplicateInfo, KeySetInfo, KeySetStatus } from '../shared/messages';

export type KeySetSource =
  | { type: 'bundled'; path: string }
  | { type: 'url'; url: string }
  | { type: 'file'; name: string };

export type LastOutcome = 'updated' | 'unchanged' | 'failed';

/** What storage.local keeps per key set. */
export interface KeySetRecord {
  key: string;
  source: KeySetSource;
  enabled: boolean;
  /** Last good document (not stored for bundled sets: those are read from the package). */
  document?: string;
  /** SHA-256 hex of the document's bytes. */
  ref?: string;
  /** `id` and `version` of `document`, read when it was stored (the update rules compare them). */
  id?: string;
  version?: number;
  addedAt: number;
  /** Last time the source was asked, whatever the answer. */
  lastCheck?: number;
  /** When an update last replaced the document. */
  lastUpdated?: number;
  /** Version the last applied update replaced. */
  previousVersion?: number;
  lastOutcome?: LastOutcome;
  /** Why the last check did not apply (the document above is still the one in use). */
  lastError?: string;
  /** Validators of the stored document's response, for conditional requests. */
  etag?: string;
  lastModified?: string;
}

export interface RemovedRecord {
  record: KeySetRecord;
  /** Position in the list it had, so undo puts it back where it was. */
  index: number;
  removedAt: number;
}

export interface StoreState {
  version: 1;
  records: KeySetRecord[];
  /** Recently removed records, kept for undo. */
  removed: RemovedRecord[];
}

/** How long a removed key set can be brought back (the popup offers undo for 10 s of it). */
export const UNDO_WINDOW_MS = 60_000;

/** Fields read straight from the JSON for display; validation proper happens before anything is stored. */
export interface KeySetMeta {
  id?: string;
  name?: string;
  publisher?: string;
  version?: number;
  issued?: string;
  expires?: string;
  numKeys?: number;
}

export function keyForSource(source: KeySetSource, id?: string): string {
  switch (source.type) {
    case 'bundled':
      return `bundled:${source.path}`;
    case 'url':
      return `url:${source.url}`;
    case 'file':
      // File names are not unique; ids are (the store refuses a second record with the same id).
      return `file:${id ?? source.name}`;
  }
}

export function emptyState(): StoreState {
  return { version: 1, records: [], removed: [] };
}

function isRecord(r: unknown): r is KeySetRecord {
  if (!r || typeof r !== 'object') return false;
  const rec = r as KeySetRecord;
  return typeof rec.key === 'string' && !!rec.source && typeof rec.source === 'object' && typeof rec.enabled === 'boolean';
}

/** Accept what storage holds, dropping malformed records. */
export function normalizeState(raw: unknown): StoreState {
  const state = emptyState();
  if (!raw || typeof raw !== 'object') return state;
  const recs = (raw as { records?: unknown }).records;
  if (Array.isArray(recs)) for (const r of recs) if (isRecord(r)) state.records.push(r);
  const removed = (raw as { removed?: unknown }).removed;
  if (Array.isArray(removed)) {
    for (const r of removed) {
      if (r && typeof r === 'object' && isRecord((r as RemovedRecord).record) && typeof (r as RemovedRecord).removedAt === 'number') {
        state.removed.push(r as RemovedRecord);
      }
    }
  }
  return state;
}

/** Make sure every bundled set has a record (enabled on first sight). Returns whether anything changed. */
export function ensureBundled(state: StoreState, bundledPaths: readonly string[], now: number): boolean {
  let changed = false;
  for (const path of bundledPaths) {
    const source: KeySetSource = { type: 'bundled', path };
    const key = keyForSource(source);
    if (!state.records.some((r) => r.key === key)) {
      state.records.push({ key, source, enabled: true, addedAt: now });
      changed = true;
    }
  }
  return changed;
}

/** "Reset to defaults": every bundled set present and enabled. Subscriptions are left as they are. */
export function resetBundled(state: StoreState, bundledPaths: readonly string[], now: number): boolean {
  let changed = ensureBundled(state, bundledPaths, now);
  for (const r of state.records) {
    if (r.source.type === 'bundled' && !r.enabled) {
      r.enabled = true;
      changed = true;
    }
  }
  return changed;
}

function pruneRemoved(state: StoreState, now: number): void {
  state.removed = state.removed.filter((r) => now - r.removedAt < UNDO_WINDOW_MS);
}

/** Remove a subscription (bundled sets can only be disabled). Returns the removed record. */
export function removeRecord(state: StoreState, key: string, now: number): KeySetRecord | undefined {
  const index = state.records.findIndex((r) => r.key === key);
  if (index < 0 || state.records[index].source.type === 'bundled') return undefined;
  const [record] = state.records.splice(index, 1);
  pruneRemoved(state, now);
  state.removed = state.removed.filter((r) => r.record.key !== key);
  state.removed.push({ record, index, removedAt: now });
  return record;
}

/**
 * Bring back a record removed less than UNDO_WINDOW_MS ago, unless something with its key or id was
 * added since. Returns the restored record.
 */
export function restoreRecord(state: StoreState, key: string, now: number): KeySetRecord | undefined {
  pruneRemoved(state, now);
  const at = state.removed.findIndex((r) => r.record.key === key);
  if (at < 0) return undefined;
  const { record, index } = state.removed[at];
  if (state.records.some((r) => r.key === record.key || (record.id !== undefined && r.id === record.id))) return undefined;
  state.removed.splice(at, 1);
  state.records.splice(Math.min(index, state.records.length), 0, record);
  return record;
}

/**
 * The record a new key set would collide with: the same store key, or the same key-set id (`idOf`
 * reads the id of records that do not keep it, i.e. bundled ones).
 */
export function findDuplicate(
  state: StoreState,
  key: string,
  id: string,
  idOf: (r: KeySetRecord) => string | undefined,
): KeySetRecord | undefined {
  return state.records.find((r) => r.key === key) ?? state.records.find((r) => idOf(r) === id);
}

/** What the popup may offer instead of adding a duplicate. */
export function duplicateOffer(existing: KeySetRecord, newSourceType: 'url' | 'file'): DuplicateInfo['offer'] {
  if (existing.source.type === 'url') return 'update';
  if (existing.source.type === 'file' && newSourceType === 'file') return 'replace';
  return 'none';
}

export function readMeta(document: string | undefined): KeySetMeta {
  if (document === undefined) return {};
  try {
    const j = JSON.parse(document.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const pub = j.publisher as Record<string, unknown> | undefined;
    return {
      id: typeof j.id === 'string' ? j.id : undefined,
      name: typeof j.name === 'string' ? j.name : undefined,
      publisher: pub && typeof pub.name === 'string' ? pub.name : undefined,
      version: typeof j.version === 'number' ? j.version : undefined,
      issued: typeof j.issued === 'string' ? j.issued : undefined,
      expires: typeof j.expires === 'string' ? j.expires : undefined,
      numKeys: Array.isArray(j.keys) ? j.keys.length : undefined,
    };
  } catch {
    return {};
  }
}

export function isExpired(meta: KeySetMeta, now: number): boolean {
  return expiryTime(meta) <= now;
}

/** When a set expires, in ms since the epoch: Infinity without an expiry date. */
export function expiryTime(meta: KeySetMeta): number {
  if (!meta.expires) return Infinity;
  const t = Date.parse(meta.expires);
  // The parser refuses unreadable dates, so NaN only comes from a hand-edited store: treat as expired.
  return Number.isFinite(t) ? t : -Infinity;
}

/** Compile outcome known for a document hash (from the Worker). */
export type CompileStatus = { ok: true } | { ok: false; error: string };

export function statusOf(
  rec: KeySetRecord,
  document: string | undefined,
  compile: CompileStatus | undefined,
  loadError: string | undefined,
  now: number,
): { status: KeySetStatus; error?: string } {
  if (!rec.enabled) return { status: 'disabled', error: rec.lastError };
  if (loadError) return { status: 'error', error: loadError };
  if (document === undefined) return { status: 'error', error: rec.lastError ?? 'no document' };
  if (isExpired(readMeta(document), now)) return { status: 'expired' };
  if (compile && !compile.ok) return { status: 'error', error: compile.error };
  // A failed update keeps the last good copy in use; the reason is shown beside it.
  if (rec.lastError) return { status: 'update-failed', error: rec.lastError };
  if (rec.lastOutcome === 'updated') return { status: 'updated' };
  return { status: compile ? 'ok' : 'unchecked' };
}

/** Whether detection should use a set with this status. */
export function isUsable(status: KeySetStatus): boolean {
  return status === 'ok' || status === 'unchecked' || status === 'updated' || status === 'update-failed';
}

/** The core's short form (src/keyset/fingerprint.ts), the one the CLI prints too. */
export function shortFingerprint(ref: string | undefined): string | undefined {
  return ref ? coreShortFingerprint(ref) : undefined;
}

export function toInfo(
  rec: KeySetRecord,
  document: string | undefined,
  ref: string | undefined,
  st: { status: KeySetStatus; error?: string },
): KeySetInfo {
  const meta = readMeta(document);
  const fallbackName =
    rec.source.type === 'bundled' ? rec.source.path : rec.source.type === 'url' ? rec.source.url : rec.source.name;
  return {
    key: rec.key,
    source: rec.source.type,
    url: rec.source.type === 'url' ? rec.source.url : undefined,
    fileName: rec.source.type === 'file' ? rec.source.name : undefined,
    id: meta.id,
    name: meta.name ?? fallbackName,
    publisher: meta.publisher,
    version: meta.version,
    issued: meta.issued,
    expires: meta.expires,
    numKeys: meta.numKeys,
    fingerprint: shortFingerprint(ref),
    enabled: rec.enabled,
    status: st.status,
    error: st.error,
    lastCheck: rec.lastCheck,
    lastUpdated: rec.lastUpdated,
    previousVersion: rec.previousVersion,
    usable: isUsable(st.status),
  };
}
