import { describe, expect, it } from 'vitest';
import { emptyState, ensureBundled, isUsable, normalizeState, readMeta, shortFingerprint, statusOf, type KeySetRecord } from './keyset-model';

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
});
