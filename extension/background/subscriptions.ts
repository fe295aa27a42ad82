// Subscriptions: preview, add, update, remove (with undo), reset and export of key sets. Every document
// is validated in full (keyset-validate.ts, test vectors by the compute host) before anything is
// stored; updates follow the pure policy in keyset-update.ts.
import browser from 'webextension-polyfill';
import { MAX_DOCUMENT_BYTES } from '../../src/keyset/decode';
import { base64MaxBytes, base64ToBytes } from '../shared/base64';
import { sha256Hex } from '../shared/bytes';
import type {
  AddKeySetReply,
  DuplicateInfo,
  ExportKeySetReply,
  HostCompileReply,
  KeySetAck,
  KeySetCandidate,
  KeySetPayload,
  KeySetSourceRequest,
  PreviewKeySetReply,
  UpdateKeySetReply,
} from '../shared/messages';
import { fetchKeySet, FETCH_TIMEOUT_MS, type FetchResult } from './keyset-fetch';
import {
  duplicateOffer,
  findDuplicate,
  keyForSource,
  readMeta,
  removeRecord,
  resetBundled,
  restoreRecord,
  type KeySetRecord,
  type KeySetSource,
  type StoreState,
} from './keyset-model';
import { applyUpdate, type FetchSummary, type ValidationOutcome } from './keyset-update';
import { checkKeySetUrl, originPattern } from '../shared/keyset-url';
import { inspectBytes, inspectText, validate, type Inspected, type Validated } from './keyset-validate';
import { collectUnusedTokenizerFiles, ensureTokenizerFiles, tokenizerNeeds } from './tokenizer-files';
import { parseKeySetDocument } from '../../src/keyset/parse';
import type { KeySet } from '../../src/keyset/types';
import { BUNDLED_KEYSETS, documentOf, forgetCompileStatus, idOfRecord, readState, updateState } from './keysets';

export type Compile = (keySet: KeySetPayload) => Promise<HostCompileReply>;

/** How often subscriptions are checked (chrome.alarms period). */
export const UPDATE_PERIOD_MINUTES = 24 * 60;
/** The scheduled check skips sets checked more recently than this (e.g. by "Update now"). */
const SCHEDULED_MIN_AGE_MS = 20 * 60 * 60 * 1000;

let fetchTimeoutMs = FETCH_TIMEOUT_MS;
/** e2e tests shorten the timeout instead of waiting 15 s. */
export function setFetchTimeoutMs(ms: number): void {
  fetchTimeoutMs = ms > 0 ? ms : FETCH_TIMEOUT_MS;
}

/**
 * Full validation; the compute host records the vectors' outcome for the document's hash itself.
 * Tokenizer files the keys name are downloaded (and verified, and stored by hash) first, because the
 * Worker's compile reads them from the store; a file that cannot be had refuses the document.
 */
async function validateWith(compile: Compile, inspected: Inspected): Promise<Validated> {
  if (!inspected.ok) return inspected;
  const files = await ensureTokenizerFiles(inspected.keySet, { hasPermission: hasOriginPermission, timeoutMs: tokenizerTimeoutMs });
  if (!files.ok) return { ok: false, error: files.error };
  const v = await validate(inspected, compile);
  if (v.ok && files.needs.length > 0) v.preview.tokenizerFiles = files.needs;
  return v;
}

let tokenizerTimeoutMs: number | undefined;
/** e2e tests shorten the tokenizer download timeout too. */
export function setTokenizerTimeoutMs(ms: number | undefined): void {
  tokenizerTimeoutMs = ms;
}

/** Tokenizer files of `keySet` that are not stored and whose origin the extension may not read yet. */
async function tokenizerPermissionsMissing(keySet: KeySet) {
  const needs = await tokenizerNeeds(keySet, hasOriginPermission);
  return needs.some((n) => !n.stored && n.origin !== undefined && !n.permitted) ? needs : undefined;
}

async function hasOriginPermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(url)] });
  } catch {
    return false;
  }
}

function noPermission(url: string): string {
  return `Watermark Lens has no permission to read from ${new URL(url).origin}`;
}

async function duplicateOf(state: StoreState, key: string, id: string, sourceType: 'url' | 'file'): Promise<DuplicateInfo | undefined> {
  const ids = new Map<KeySetRecord, string | undefined>();
  for (const r of state.records) ids.set(r, await idOfRecord(r));
  const dup = findDuplicate(state, key, id, (r) => ids.get(r));
  if (!dup) return undefined;
  const meta = readMeta((await documentOf(dup)).document);
  return { key: dup.key, name: meta.name ?? dup.key, source: dup.source.type, version: meta.version, offer: duplicateOffer(dup, sourceType) };
}

function sourceLabel(d: DuplicateInfo): string {
  return d.source === 'bundled' ? 'bundled with the extension' : d.source === 'url' ? 'subscribed from an address' : 'added from a file';
}

export function duplicateMessage(d: DuplicateInfo): string {
  return `“${d.name}” (version ${d.version ?? '?'}) is already installed (${sourceLabel(d)}).`;
}

// ---- preview --------------------------------------------------------------------------------------

/** Fetch or decode, validate completely, and describe; stores nothing. */
export async function previewKeySet(req: KeySetSourceRequest, compile: Compile): Promise<PreviewKeySetReply> {
  let bytes: Uint8Array;
  let candidateSource: KeySetCandidate['source'];
  let validators: { etag?: string; lastModified?: string } = {};
  if (req?.type === 'url') {
    const u = checkKeySetUrl(String(req.url ?? ''));
    if (!u.ok) return { ok: false, error: u.error };
    if (!(await hasOriginPermission(u.url))) return { ok: false, error: `${noPermission(u.url)}.` };
    const got = await fetchKeySet(u.url, { timeoutMs: fetchTimeoutMs });
    if (got.kind !== 'fetched') return { ok: false, error: `Not added: ${got.kind === 'failed' ? got.reason : 'unexpected 304'}.` };
    bytes = got.bytes;
    candidateSource = { type: 'url', url: u.url };
    validators = { etag: got.etag, lastModified: got.lastModified };
  } else if (req?.type === 'file' && typeof req.base64 === 'string') {
    // Decoding a huge string would cost what the limit is there to prevent.
    if (base64MaxBytes(req.base64.length) > MAX_DOCUMENT_BYTES + 3) {
      return { ok: false, error: 'Not added: the file is larger than 1 MiB; a key set may be at most 1 MiB.' };
    }
    try {
      bytes = base64ToBytes(req.base64);
    } catch {
      return { ok: false, error: 'Not added: the file could not be read.' };
    }
    candidateSource = { type: 'file', name: String(req.name ?? 'key set').slice(0, 200) };
  } else {
    return { ok: false, error: 'bad request' };
  }
  const inspected = await inspectBytes(bytes, Date.now());
  if (inspected.ok) {
    // Asked for during the user's click in the popup, like the key set's own origin; then previewed again.
    const needs = await tokenizerPermissionsMissing(inspected.keySet);
    if (needs) {
      const hosts = [...new Set(needs.filter((n) => !n.stored && !n.permitted).map((n) => n.host))].join(', ');
      const names = needs.filter((n) => !n.stored && !n.permitted).map((n) => n.name).join(', ');
      return { ok: false, error: `This key set needs the ${names} tokenizer from ${hosts}; allow Watermark Lens to download it to continue.`, tokenizerPermission: needs };
    }
  }
  const v = await validateWith(compile, inspected);
  if (!v.ok) return { ok: false, error: `Not added: ${v.error}` };
  const key = keyForSource(candidateSource, v.keySet.id);
  const duplicate = await duplicateOf(await readState(), key, v.keySet.id, candidateSource.type);
  return {
    ok: true,
    preview: v.preview,
    candidate: { source: candidateSource, document: v.document, ...validators },
    ...(duplicate ? { duplicate } : {}),
  };
}

// ---- add ------------------------------------------------------------------------------------------

/** ETag / Last-Modified as the popup hands them back: only short strings are kept. */
function validator(v: unknown): string | undefined {
  return typeof v === 'string' && v.length <= 512 ? v : undefined;
}

/** Store a previewed document, validated again here (the popup is not trusted to have done it). */
export async function addKeySet(candidate: KeySetCandidate, replaceKey: string | undefined, compile: Compile): Promise<AddKeySetReply> {
  if (!candidate || typeof candidate.document !== 'string' || !candidate.source) return { ok: false, error: 'bad request' };
  let source: KeySetSource;
  if (candidate.source.type === 'url') {
    const u = checkKeySetUrl(String(candidate.source.url ?? ''));
    if (!u.ok) return { ok: false, error: u.error };
    source = { type: 'url', url: u.url };
  } else if (candidate.source.type === 'file') {
    source = { type: 'file', name: String(candidate.source.name ?? 'key set').slice(0, 200) };
  } else {
    return { ok: false, error: 'bad request' };
  }
  const v = await validateWith(compile, await inspectText(candidate.document, Date.now()));
  if (!v.ok) return { ok: false, error: `Not added: ${v.error}` };
  const { keySet, document, ref } = v;
  const now = Date.now();

  if (replaceKey !== undefined) {
    // "Replace with this version": the new document goes through the same rules as an update.
    return updateState<AddKeySetReply>((s) => {
      const i = s.records.findIndex((r) => r.key === replaceKey);
      if (i < 0) return { ok: false, error: 'That key set is no longer installed.' };
      if (s.records[i].source.type !== 'file') return { ok: false, error: 'Only key sets added from a file can be replaced by a file.' };
      const d = applyUpdate(s.records[i], { kind: 'fetched', ref, document }, { ok: true, id: keySet.id, version: keySet.version }, now);
      if (d.outcome === 'updated') d.record.source = source;
      s.records[i] = d.record;
      return d.outcome === 'failed' ? { ok: false, error: d.message } : { ok: true, key: replaceKey, message: d.message };
    });
  }

  const key = keyForSource(source, keySet.id);
  const duplicate = await duplicateOf(await readState(), key, keySet.id, source.type);
  if (duplicate) return { ok: false, error: duplicateMessage(duplicate), duplicate };
  const added = await updateState<AddKeySetReply>(async (s) => {
    // Checked again inside the queue: two adds of the same set may race.
    if (s.records.some((r) => r.key === key || r.id === keySet.id)) return { ok: false, error: 'That key set is already installed.' };
    s.records.push({
      key,
      source,
      enabled: true,
      document,
      ref,
      id: keySet.id,
      version: keySet.version,
      addedAt: now,
      ...(source.type === 'url' ? { lastCheck: now, etag: validator(candidate.etag), lastModified: validator(candidate.lastModified) } : {}),
    });
    return { ok: true, key, message: `Added “${keySet.name}” (version ${keySet.version}).` };
  });
  void collectTokenizerGarbage();
  return added;
}

// ---- update ---------------------------------------------------------------------------------------

const inFlight = new Map<string, Promise<UpdateKeySetReply>>();

/** Check one subscription now (its URL, conditionally) and apply the update policy. */
export function updateKeySet(key: string, compile: Compile): Promise<UpdateKeySetReply> {
  let p = inFlight.get(key);
  if (!p) {
    p = runUpdate(key, compile).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}

async function summarize(got: FetchResult, current: KeySetRecord, compile: Compile): Promise<{ summary: FetchSummary; validation?: ValidationOutcome }> {
  if (got.kind !== 'fetched') return { summary: got };
  const ref = await sha256Hex(got.bytes);
  if (ref === current.ref) return { summary: { kind: 'fetched', ref, document: current.document ?? '', etag: got.etag, lastModified: got.lastModified } };
  const v = await validateWith(compile, await inspectBytes(got.bytes, Date.now()));
  return {
    summary: { kind: 'fetched', ref, document: v.ok ? v.document : '', etag: got.etag, lastModified: got.lastModified },
    validation: v.ok ? { ok: true, id: v.keySet.id, version: v.keySet.version } : { ok: false, reason: v.error },
  };
}

async function runUpdate(key: string, compile: Compile): Promise<UpdateKeySetReply> {
  const rec = (await readState()).records.find((r) => r.key === key);
  if (!rec) return { ok: false, error: 'That key set is no longer installed.' };
  if (rec.source.type !== 'url') {
    return { ok: false, error: rec.source.type === 'bundled' ? 'Bundled key sets are updated with the extension.' : 'A key set added from a file is updated by adding the new file.' };
  }
  const url = rec.source.url;
  const got: FetchResult = (await hasOriginPermission(url))
    ? await fetchKeySet(url, { etag: rec.etag, lastModified: rec.lastModified, timeoutMs: fetchTimeoutMs })
    : { kind: 'failed', reason: noPermission(url) };
  const { summary, validation } = await summarize(got, rec, compile);
  return updateState<UpdateKeySetReply>((s) => {
    const i = s.records.findIndex((r) => r.key === key);
    if (i < 0) return { ok: false, error: 'That key set was removed during the update.' };
    const d = applyUpdate(s.records[i], summary, validation, Date.now());
    s.records[i] = d.record;
    return { ok: true, outcome: d.outcome, message: d.message };
  });
}

/** The scheduled check: every subscription by URL not checked in the last 20 hours (or all, if `force`). */
export async function updateAll(compile: Compile, force = false): Promise<Record<string, UpdateKeySetReply>> {
  const now = Date.now();
  const out: Record<string, UpdateKeySetReply> = {};
  for (const r of (await readState()).records) {
    if (r.source.type !== 'url') continue;
    if (!force && r.lastCheck !== undefined && now - r.lastCheck < SCHEDULED_MIN_AGE_MS) continue;
    // One at a time: nobody is waiting, and parallel downloads would only compete.
    out[r.key] = await updateKeySet(r.key, compile);
  }
  await collectTokenizerGarbage();
  return out;
}

// ---- tokenizer files ------------------------------------------------------------------------------

/** The parsed documents of every record, and of those removed but still undoable. */
async function allKeySets(): Promise<KeySet[]> {
  const state = await readState();
  const out: KeySet[] = [];
  for (const rec of [...state.records, ...state.removed.map((r) => r.record)]) {
    const { document } = await documentOf(rec);
    if (document === undefined) continue;
    try {
      out.push(parseKeySetDocument(document));
    } catch {
      // A stored document that no longer parses names no files to keep.
    }
  }
  return out;
}

/** Drops stored tokenizer files that no key set (nor an undoable removal) names any more. */
export async function collectTokenizerGarbage(): Promise<string[]> {
  try {
    return await collectUnusedTokenizerFiles(await allKeySets(), Date.now());
  } catch {
    // Garbage collection is housekeeping: a failure costs disk space, never detection.
    return [];
  }
}

/**
 * Enabling a key set whose tokenizer files are missing (storage cleared, a file never downloaded)
 * downloads them; the reply says what failed, and the set shows the error until it works.
 */
export async function ensureKeySetTokenizers(key: string): Promise<KeySetAck> {
  const rec = (await readState()).records.find((r) => r.key === key);
  if (!rec) return { ok: false, error: 'That key set is no longer installed.' };
  const { document, ref } = await documentOf(rec);
  if (document === undefined) return { ok: true };
  let keySet: KeySet;
  try {
    keySet = parseKeySetDocument(document);
  } catch {
    return { ok: true };
  }
  const r = await ensureTokenizerFiles(keySet, { hasPermission: hasOriginPermission, timeoutMs: tokenizerTimeoutMs });
  if (!r.ok) return { ok: false, error: r.error };
  // A compile that failed for want of the file is not final: the set is checked again on next use.
  if (ref !== undefined && r.needs.length > 0) forgetCompileStatus(ref);
  return { ok: true };
}

// ---- remove, undo, reset, export ------------------------------------------------------------------

export function removeKeySet(key: string): Promise<KeySetAck> {
  return updateState((s) => {
    const rec = s.records.find((r) => r.key === key);
    if (!rec) return { ok: false, error: 'That key set is no longer installed.' };
    if (rec.source.type === 'bundled') return { ok: false, error: 'Bundled key sets can be turned off but not removed.' };
    removeRecord(s, key, Date.now());
    return { ok: true };
  });
}

export function undoRemoveKeySet(key: string): Promise<KeySetAck> {
  return updateState((s) =>
    restoreRecord(s, key, Date.now()) ? { ok: true } : { ok: false, error: 'It can no longer be brought back; add it again.' },
  );
}

export function resetKeySets(): Promise<KeySetAck> {
  return updateState((s) => {
    resetBundled(s, BUNDLED_KEYSETS, Date.now());
    return { ok: true };
  });
}

export async function exportKeySet(key: string): Promise<ExportKeySetReply> {
  const rec = (await readState()).records.find((r) => r.key === key);
  if (!rec) return { ok: false, error: 'That key set is no longer installed.' };
  const { document, loadError } = await documentOf(rec);
  if (document === undefined) return { ok: false, error: loadError ?? 'No document stored.' };
  const meta = readMeta(document);
  const base = (meta.id ?? 'keyset').replace(/[^a-z0-9.-]/gi, '_');
  return { ok: true, fileName: `${base}-v${meta.version ?? 0}.json`, document };
}

// ---- schedule -------------------------------------------------------------------------------------

export const UPDATE_ALARM = 'wmlens-keyset-update';

/**
 * Create the daily alarm unless it exists (re-creating it would push the next check back). The first
 * run comes soon, because browsers may drop alarms on restart; sets checked within the last 20 hours
 * are skipped then.
 */
export async function ensureUpdateAlarm(): Promise<void> {
  if (await browser.alarms.get(UPDATE_ALARM)) return;
  await browser.alarms.create(UPDATE_ALARM, { delayInMinutes: 1, periodInMinutes: UPDATE_PERIOD_MINUTES });
}
