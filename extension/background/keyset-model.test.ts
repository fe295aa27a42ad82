import { describe, expect, it } from 'vitest';
import {
  duplicateOffer,
  emptyState,
  ensureBundled,
  expiryTime,
  isExpired,
  findDuplicate,
  isUsable,
  keyForSource,
  normalizeState,
  readMeta,
  removeRecord,
  resetBundled,
  restoreRecord,
  shortFingerprint,
  statusOf,
  toInfo,
  UNDO_WINDOW_MS,
  type KeySetRecord,
  type StoreState,
} from './keyset-model';

const doc = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'watermark-keyset', formatVersion: 1, id: 'org.x', name: 'X', publisher: { name: 'Pub' }, version: 2, keys: [{}, {}], ...over });

describe('key-set model', () => {
  it('adds bundled records once, enabled', () => {
    const s = emptyState();
    expect(ensureBundled(s, ['keysets/a.json'], 1)).toBe(true);
    expect(ensureBundled(s, ['keysets/a.json'], 2)).toBe(false);
    expect(s.records).toEqual([{ key: 'bundled:keysets/a.json', source: { type: 'bundled', path: 'keysets/a.json' }, enabled: true, addedAt: 1 }]);
  });

  it('keeps a disabled bundled set disabled', () => {
    const s = emptyState();
    ensureBundled(s, ['keysets/a.json'], 1);
    s.records[0].enabled = false;
    const again = normalizeState(JSON.parse(JSON.stringify(s)));
    ensureBundled(again, ['keysets/a.json'], 2);
    expect(again.records[0].enabled).toBe(false);
  });

  it('drops malformed stored records', () => {
    expect(normalizeState({ records: [null, { key: 1 }, { key: 'k', source: { type: 'file', name: 'f' }, enabled: true }] }).records).toHaveLength(1);
    expect(normalizeState('garbage').records).toEqual([]);
  });

  it('reads display metadata tolerantly', () => {
    expect(readMeta(doc())).toEqual({ id: 'org.x', name: 'X', publisher: 'Pub', version: 2, issued: undefined, expires: undefined, numKeys: 2 });
    expect(readMeta('not json')).toEqual({});
  });

  it('derives status: disabled, expired, error, unchecked, ok', () => {
    const rec: KeySetRecord = { key: 'k', source: { type: 'bundled', path: 'p' }, enabled: true, addedAt: 0 };
    const now = Date.parse('2027-01-01T00:00:00Z');
    expect(statusOf({ ...rec, enabled: false }, doc(), undefined, undefined, now).status).toBe('disabled');
    expect(statusOf(rec, doc({ expires: '2026-01-01T00:00:00Z' }), undefined, undefined, now).status).toBe('expired');
    expect(statusOf(rec, doc(), { ok: false, error: 'vector 1 failed' }, undefined, now)).toEqual({ status: 'error', error: 'vector 1 failed' });
    expect(statusOf(rec, undefined, undefined, 'HTTP 404', now)).toEqual({ status: 'error', error: 'HTTP 404' });
    expect(statusOf(rec, doc(), undefined, undefined, now).status).toBe('unchecked');
    expect(statusOf(rec, doc(), { ok: true }, undefined, now).status).toBe('ok');
    expect(isUsable('unchecked') && isUsable('ok') && !isUsable('expired') && !isUsable('error')).toBe(true);
  });

  it('shortens fingerprints', () => {
    expect(shortFingerprint('0123456789abcdef0123')).toBe('0123:4567:89ab:cdef');
  });

  it('reads metadata of a document with a byte-order mark', () => {
    expect(readMeta('\uFEFF' + doc()).id).toBe('org.x');
  });

  it('an update failure keeps the set usable; a compile failure does not', () => {
    const rec: KeySetRecord = { key: 'k', source: { type: 'url', url: 'https://a.example/k.json' }, enabled: true, addedAt: 0, lastError: 'Update failed: HTTP 500' };
    expect(statusOf(rec, doc(), { ok: true }, undefined, 0)).toEqual({ status: 'update-failed', error: 'Update failed: HTTP 500' });
    expect(statusOf({ ...rec, lastError: undefined, lastOutcome: 'updated' }, doc(), { ok: true }, undefined, 0).status).toBe('updated');
    expect(isUsable('update-failed') && isUsable('updated')).toBe(true);
    // A disabled set still shows why its last update failed.
    expect(statusOf({ ...rec, enabled: false }, doc(), undefined, undefined, 0)).toEqual({ status: 'disabled', error: 'Update failed: HTTP 500' });
  });

  it('lists a record with its source, times and usability', () => {
    const rec: KeySetRecord = { key: 'file:org.x', source: { type: 'file', name: 'x.json' }, enabled: true, addedAt: 0, lastCheck: 5, lastUpdated: 4, previousVersion: 1 };
    const info = toInfo(rec, doc(), 'abcdef0123456789ff', { status: 'ok' });
    expect(info).toMatchObject({ key: 'file:org.x', source: 'file', fileName: 'x.json', name: 'X', version: 2, numKeys: 2, fingerprint: 'abcd:ef01:2345:6789', lastCheck: 5, lastUpdated: 4, previousVersion: 1, usable: true });
  });
});

describe('key-set store edits', () => {
  const url = (u: string, id: string): KeySetRecord => ({ key: keyForSource({ type: 'url', url: u }), source: { type: 'url', url: u }, enabled: true, addedAt: 0, id, document: doc({ id }) });
  function state(): StoreState {
    const s = emptyState();
    ensureBundled(s, ['keysets/a.json'], 0);
    s.records.push(url('https://a.example/1.json', 'org.one'), url('https://a.example/2.json', 'org.two'));
    return s;
  }

  it('file records are keyed by key-set id, not by file name', () => {
    expect(keyForSource({ type: 'file', name: 'keys.json' }, 'org.x')).toBe('file:org.x');
    expect(keyForSource({ type: 'url', url: 'https://a.example/k.json' })).toBe('url:https://a.example/k.json');
  });

  it('removes a subscription and undoes the removal in place', () => {
    const s = state();
    const removed = removeRecord(s, 'url:https://a.example/1.json', 1000);
    expect(removed?.id).toBe('org.one');
    expect(s.records.map((r) => r.key)).toEqual(['bundled:keysets/a.json', 'url:https://a.example/2.json']);
    const again = normalizeState(JSON.parse(JSON.stringify(s)));
    expect(restoreRecord(again, 'url:https://a.example/1.json', 5000)?.id).toBe('org.one');
    expect(again.records.map((r) => r.key)).toEqual(['bundled:keysets/a.json', 'url:https://a.example/1.json', 'url:https://a.example/2.json']);
    expect(again.removed).toEqual([]);
    // Only once.
    expect(restoreRecord(again, 'url:https://a.example/1.json', 5000)).toBeUndefined();
  });

  it('bundled sets cannot be removed (only disabled)', () => {
    const s = state();
    expect(removeRecord(s, 'bundled:keysets/a.json', 0)).toBeUndefined();
    expect(s.records).toHaveLength(3);
  });

  it('undo expires, and does not bring back a set whose id was added again meanwhile', () => {
    const s = state();
    removeRecord(s, 'url:https://a.example/1.json', 0);
    expect(restoreRecord(structuredClone(s), 'url:https://a.example/1.json', UNDO_WINDOW_MS)).toBeUndefined();
    s.records.push(url('https://mirror.example/1.json', 'org.one'));
    expect(restoreRecord(s, 'url:https://a.example/1.json', 10)).toBeUndefined();
  });

  it('reset brings the bundled sets back enabled and keeps subscriptions', () => {
    const s = state();
    s.records[0].enabled = false;
    s.records[2].enabled = false;
    expect(resetBundled(s, ['keysets/a.json'], 0)).toBe(true);
    expect(s.records.map((r) => r.enabled)).toEqual([true, true, false]);
    expect(resetBundled(s, ['keysets/a.json'], 0)).toBe(false);
    const empty = emptyState();
    expect(resetBundled(empty, ['keysets/a.json'], 0)).toBe(true);
    expect(empty.records[0].enabled).toBe(true);
  });

  it('finds a duplicate by store key or by key-set id, and says what to offer', () => {
    const s = state();
    const idOf = (r: KeySetRecord) => (r.source.type === 'bundled' ? 'org.bundled' : r.id);
    expect(findDuplicate(s, 'url:https://a.example/1.json', 'org.new', idOf)?.id).toBe('org.one');
    expect(findDuplicate(s, 'url:https://b.example/x.json', 'org.two', idOf)?.key).toBe('url:https://a.example/2.json');
    expect(findDuplicate(s, 'file:org.bundled', 'org.bundled', idOf)?.key).toBe('bundled:keysets/a.json');
    expect(findDuplicate(s, 'url:https://b.example/x.json', 'org.new', idOf)).toBeUndefined();
    expect(duplicateOffer(s.records[1], 'url')).toBe('update');
    expect(duplicateOffer(s.records[0], 'file')).toBe('none');
    expect(duplicateOffer({ ...s.records[1], source: { type: 'file', name: 'f' } }, 'file')).toBe('replace');
    expect(duplicateOffer({ ...s.records[1], source: { type: 'file', name: 'f' } }, 'url')).toBe('none');
  });

  it('keeps removed records through storage but drops malformed ones', () => {
    const s = normalizeState({ records: [], removed: [{ record: { key: 'k', source: { type: 'file', name: 'f' }, enabled: true }, index: 0, removedAt: 1 }, { record: null }, 3] });
    expect(s.removed).toHaveLength(1);
  });
});

describe('expiryTime', () => {
  it('is the expiry date, Infinity without one, and already past for an unreadable one', () => {
    expect(expiryTime({ expires: '2027-01-01T00:00:00Z' })).toBe(Date.parse('2027-01-01T00:00:00Z'));
    expect(expiryTime({})).toBe(Infinity);
    expect(expiryTime({ expires: 'soon' })).toBe(-Infinity);
    expect(isExpired({ expires: 'soon' }, 0)).toBe(true);
    expect(isExpired({}, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
