// Pure parts of the key-set store: record shapes, metadata read from a document, status, listing.
// (No extension APIs here, so the update policy of issue 4 can be unit-tested beside it.)
import type { KeySetInfo, KeySetStatus } from '../shared/messages';

export type KeySetSource =
  | { type: 'bundled'; path: string }
  | { type: 'url'; url: string }
  | { type: 'file'; name: string };

/** What storage.local keeps per key set. */
export interface KeySetRecord {
  key: string;
  source: KeySetSource;
  enabled: boolean;
  /** Last good document (not stored for bundled sets: those are read from the package). */
  document?: string;
  /** SHA-256 hex of the document's bytes. */
  ref?: string;
  addedAt: number;
  lastCheck?: number;
  lastError?: string;
}

export interface StoreState {
  version: 1;
  records: KeySetRecord[];
}

/** Fields read straight from the JSON for display; validation proper is compileKeySet's job. */
export interface KeySetMeta {
  id?: string;
  name?: string;
  publisher?: string;
  version?: number;
  issued?: string;
  expires?: string;
  numKeys?: number;
}

export function keyForSource(source: KeySetSource): string {
  switch (source.type) {
    case 'bundled':
      return `bundled:${source.path}`;
    case 'url':
      return `url:${source.url}`;
    case 'file':
      return `file:${source.name}`;
  }
}

export function emptyState(): StoreState {
  return { version: 1, records: [] };
}

/** Accept what storage holds, dropping malformed records. */
export function normalizeState(raw: unknown): StoreState {
  const state = emptyState();
  if (!raw || typeof raw !== 'object') return state;
  const recs = (raw as { records?: unknown }).records;
  if (!Array.isArray(recs)) return state;
  for (const r of recs) {
    if (!r || typeof r !== 'object') continue;
    const rec = r as KeySetRecord;
    if (typeof rec.key !== 'string' || !rec.source || typeof rec.source !== 'object') continue;
    if (typeof rec.enabled !== 'boolean') continue;
    state.records.push(rec);
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

export function readMeta(document: string | undefined): KeySetMeta {
  if (document === undefined) return {};
  try {
    const j = JSON.parse(document) as Record<string, unknown>;
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
  if (!meta.expires) return false;
  const t = Date.parse(meta.expires);
  return Number.isFinite(t) && t <= now;
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
  if (!rec.enabled) return { status: 'disabled' };
  if (loadError) return { status: 'error', error: loadError };
  if (document === undefined) return { status: 'error', error: rec.lastError ?? 'no document' };
  if (isExpired(readMeta(document), now)) return { status: 'expired' };
  if (compile && !compile.ok) return { status: 'error', error: compile.error };
  if (rec.lastError) return { status: 'error', error: rec.lastError };
  return { status: compile ? 'ok' : 'unchecked' };
}

/** Whether detection should use this set now. */
export function isUsable(status: KeySetStatus): boolean {
  return status === 'ok' || status === 'unchecked';
}

export function shortFingerprint(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  return ref.slice(0, 16).replace(/(.{4})(?!$)/g, '$1:');
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
  };
}
