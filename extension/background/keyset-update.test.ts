import { describe, expect, it } from 'vitest';
import { isUsable, statusOf, type KeySetRecord } from './keyset-model';
import { applyUpdate, type FetchSummary, type ValidationOutcome } from './keyset-update';

const T0 = Date.parse('2027-03-01T00:00:00Z');
const NOW = T0 + 86_400_000;

const doc = (version: number, id = 'org.acme.keys') => JSON.stringify({ format: 'watermark-keyset', id, name: 'Acme', version, keys: [{}] });

const old: KeySetRecord = Object.freeze({
  key: 'url:https://acme.example/keys.json',
  source: { type: 'url', url: 'https://acme.example/keys.json' },
  enabled: true,
  document: doc(2),
  ref: 'aaaa',
  id: 'org.acme.keys',
  version: 2,
  addedAt: T0,
  lastCheck: T0,
  etag: '"v2"',
  lastModified: 'Mon, 01 Mar 2027 00:00:00 GMT',
}) as KeySetRecord;

const fetched = (version: number, ref = `ref-v${version}`, id?: string): FetchSummary => ({
  kind: 'fetched',
  ref,
  document: doc(version, id),
  etag: `"v${version}"`,
  lastModified: 'Tue, 02 Mar 2027 00:00:00 GMT',
});
const valid = (version: number, id = 'org.acme.keys'): ValidationOutcome => ({ ok: true, id, version });

/** The parts of a record that make up "the copy in use". */
const copyOf = (r: KeySetRecord) => ({ document: r.document, ref: r.ref, id: r.id, version: r.version, etag: r.etag, lastModified: r.lastModified });

describe('applyUpdate (update policy)', () => {
  it('applies a valid higher version: new document, validators, times, previous version', () => {
    const d = applyUpdate(old, fetched(3), valid(3), NOW);
    expect(d.outcome).toBe('updated');
    expect(d.record).toMatchObject({
      document: doc(3),
      ref: 'ref-v3',
      id: 'org.acme.keys',
      version: 3,
      etag: '"v3"',
      lastModified: 'Tue, 02 Mar 2027 00:00:00 GMT',
      lastCheck: NOW,
      lastUpdated: NOW,
      previousVersion: 2,
      lastOutcome: 'updated',
      enabled: true,
      addedAt: T0,
    });
    expect(d.record.lastError).toBeUndefined();
    expect(d.message).toBe('Updated from version 2 to version 3.');
  });

  it('a successful update clears the reason a previous one failed', () => {
    const failedBefore = { ...old, lastError: 'Update failed: HTTP 500', lastOutcome: 'failed' as const };
    expect(applyUpdate(failedBefore, fetched(3), valid(3), NOW).record.lastError).toBeUndefined();
  });

  it('304 Not Modified keeps the copy and records the check time', () => {
    const d = applyUpdate({ ...old, lastError: 'Update failed: timeout', lastOutcome: 'failed' }, { kind: 'not-modified' }, undefined, NOW);
    expect(d.outcome).toBe('unchanged');
    expect(copyOf(d.record)).toEqual(copyOf(old));
    expect(d.record.lastCheck).toBe(NOW);
    expect(d.record.lastOutcome).toBe('unchanged');
    expect(d.record.lastError).toBeUndefined();
    expect(d.record.lastUpdated).toBeUndefined();
  });

  it('the same bytes again are "unchanged" (validation not needed) and refresh the validators', () => {
    const d = applyUpdate(old, { kind: 'fetched', ref: 'aaaa', document: doc(2), etag: '"new-etag"' }, undefined, NOW);
    expect(d.outcome).toBe('unchanged');
    expect(d.record.document).toBe(old.document);
    expect(d.record.etag).toBe('"new-etag"');
    expect(d.record.lastModified).toBeUndefined();
    expect(d.message).toBe('Up to date (version 2).');
  });

  const refusals: [string, FetchSummary, ValidationOutcome | undefined, RegExp][] = [
    ['a lower version', fetched(1), valid(1), /^Update refused: version 1 is lower than version 2 in use$/],
    ['the same version with different bytes', fetched(2, 'other-bytes'), valid(2), /^Update refused: version 2 again but with different content/],
    ['a changed id', fetched(3, 'ref-x', 'org.evil.keys'), valid(3, 'org.evil.keys'), /^Update refused: the document's id changed from "org.acme.keys" to "org.evil.keys"$/],
    ['a failing test vector', fetched(3), { ok: false, reason: 'keys[0].testVectors[1]: expected numGreenTokens 56, got 55' }, /^Update refused: keys\[0\]\.testVectors\[1\]: expected numGreenTokens 56, got 55$/],
    ['a schema error', fetched(3), { ok: false, reason: 'keys: required' }, /^Update refused: keys: required$/],
    ['a document nobody validated', fetched(3), undefined, /^Update refused: the new document was not validated$/],
    ['a network error', { kind: 'failed', reason: 'could not reach acme.example: Failed to fetch' }, undefined, /^Update failed: could not reach acme\.example/],
    ['a timeout', { kind: 'failed', reason: 'no complete answer within 15 s (timed out)' }, undefined, /^Update failed: no complete answer within 15 s \(timed out\)$/],
    ['an HTTP error', { kind: 'failed', reason: 'the server answered HTTP 500 (Internal Server Error)' }, undefined, /^Update failed: the server answered HTTP 500/],
    ['an oversized document', { kind: 'failed', reason: 'the document is larger than 1 MiB' }, undefined, /^Update failed: the document is larger than 1 MiB$/],
  ];
  for (const [what, f, v, reason] of refusals) {
    it(`keeps the last good copy on ${what}, and records the reason and the check time`, () => {
      const d = applyUpdate(old, f, v, NOW);
      expect(d.outcome).toBe('failed');
      expect(copyOf(d.record)).toEqual(copyOf(old));
      expect(d.record.lastError).toMatch(reason);
      expect(d.record.lastCheck).toBe(NOW);
      expect(d.record.lastOutcome).toBe('failed');
      expect(d.record.lastUpdated).toBeUndefined();
      expect(d.message).toMatch(/Still using version 2\.$/);
      // Still used for detection, with the reason shown beside it.
      const st = statusOf(d.record, d.record.document, { ok: true }, undefined, NOW);
      expect(st).toEqual({ status: 'update-failed', error: d.record.lastError });
      expect(isUsable(st.status)).toBe(true);
    });
  }

  it('keeps the validators of the kept copy after a refusal, so the next check downloads again', () => {
    const d = applyUpdate(old, fetched(1), valid(1), NOW);
    expect(d.record.etag).toBe('"v2"');
    expect(d.record.lastModified).toBe(old.lastModified);
  });

  it('does not modify the record it was given', () => {
    const before = JSON.stringify(old);
    applyUpdate(old, fetched(3), valid(3), NOW);
    applyUpdate(old, fetched(1), valid(1), NOW);
    expect(JSON.stringify(old)).toBe(before);
  });

  it('reads id and version from the stored document when the record predates those fields', () => {
    const legacy: KeySetRecord = { ...old, id: undefined, version: undefined };
    expect(applyUpdate(legacy, fetched(1), valid(1), NOW).outcome).toBe('failed');
    expect(applyUpdate(legacy, fetched(3, 'r', 'org.other'), valid(3, 'org.other'), NOW).record.lastError).toMatch(/id changed/);
    const d = applyUpdate(legacy, fetched(3), valid(3), NOW);
    expect(d.outcome).toBe('updated');
    expect(d.record).toMatchObject({ id: 'org.acme.keys', version: 3, previousVersion: 2 });
  });

  it('keeps the enabled flag: a disabled set is updated but stays disabled', () => {
    const d = applyUpdate({ ...old, enabled: false }, fetched(3), valid(3), NOW);
    expect(d.record.enabled).toBe(false);
    expect(d.record.version).toBe(3);
  });

  it('an update that has already expired is stored but shown as expired and not used', () => {
    const expiredDoc = JSON.stringify({ id: 'org.acme.keys', version: 3, expires: '2027-01-01T00:00:00Z', keys: [] });
    const d = applyUpdate(old, { kind: 'fetched', ref: 'r3', document: expiredDoc }, valid(3), NOW);
    expect(d.outcome).toBe('updated');
    const st = statusOf(d.record, d.record.document, { ok: true }, undefined, NOW);
    expect(st.status).toBe('expired');
    expect(isUsable(st.status)).toBe(false);
  });

  it('status after each outcome: updated, up to date, update failed', () => {
    const up = applyUpdate(old, fetched(3), valid(3), NOW).record;
    expect(statusOf(up, up.document, { ok: true }, undefined, NOW).status).toBe('updated');
    const same = applyUpdate(up, { kind: 'not-modified' }, undefined, NOW + 1).record;
    expect(statusOf(same, same.document, { ok: true }, undefined, NOW).status).toBe('ok');
    const bad = applyUpdate(same, { kind: 'failed', reason: 'x' }, undefined, NOW + 2).record;
    expect(statusOf(bad, bad.document, { ok: true }, undefined, NOW).status).toBe('update-failed');
  });
});
