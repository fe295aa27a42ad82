// The update policy (design §3, issue 4), as a pure function: the stored record, what the fetch brought
// back, what validation said about it, and the time → the record to store and what to tell the user.
// A bad download must never cost the user a working key set: anything but a valid document with the
// same id and a higher version keeps the last good copy and records why.
import type { UpdateOutcome } from '../shared/messages';
import { readMeta, type KeySetRecord } from './keyset-model';

/** What a fetch of the source produced (the document already decoded and hashed). */
export type FetchSummary =
  | { kind: 'not-modified' }
  | { kind: 'fetched'; ref: string; document: string; etag?: string; lastModified?: string }
  | { kind: 'failed'; reason: string };

/** Validation of a fetched document whose bytes differ from the stored ones (not needed otherwise). */
export type ValidationOutcome = { ok: true; id: string; version: number } | { ok: false; reason: string };

export interface UpdateDecision {
  record: KeySetRecord;
  outcome: UpdateOutcome;
  /** One sentence for the popup. */
  message: string;
}

function versionLabel(v: number | undefined): string {
  return v === undefined ? 'the stored copy' : `version ${v}`;
}

export function applyUpdate(
  old: KeySetRecord,
  fetched: FetchSummary,
  validation: ValidationOutcome | undefined,
  now: number,
): UpdateDecision {
  const meta = old.id === undefined || old.version === undefined ? readMeta(old.document) : {};
  const oldId = old.id ?? meta.id;
  const oldVersion = old.version ?? meta.version;
  const kept = versionLabel(oldVersion);

  const keep = (reason: string): UpdateDecision => ({
    // The validators stay those of the kept copy: a refused document must be fetched (and refused)
    // again next time, not answered with 304 and taken for "up to date".
    record: { ...old, lastCheck: now, lastOutcome: 'failed', lastError: reason },
    outcome: 'failed',
    message: `${reason}. Still using ${kept}.`,
  });
  const unchanged = (validators: Pick<KeySetRecord, 'etag' | 'lastModified'>, note: string): UpdateDecision => {
    const record: KeySetRecord = { ...old, ...validators, lastCheck: now, lastOutcome: 'unchanged' };
    delete record.lastError;
    return { record, outcome: 'unchanged', message: `Up to date (${kept}${note}).` };
  };

  switch (fetched.kind) {
    case 'failed':
      return keep(`Update failed: ${fetched.reason}`);
    case 'not-modified':
      return unchanged({}, ', not modified since the last check');
    case 'fetched': {
      const validators = { etag: fetched.etag, lastModified: fetched.lastModified };
      if (fetched.ref === old.ref) return unchanged(validators, '');
      if (!validation) return keep('Update refused: the new document was not validated');
      if (!validation.ok) return keep(`Update refused: ${validation.reason}`);
      if (oldId !== undefined && validation.id !== oldId) {
        return keep(`Update refused: the document's id changed from "${oldId}" to "${validation.id}"`);
      }
      if (oldVersion !== undefined && old.document !== undefined) {
        if (validation.version < oldVersion) {
          return keep(`Update refused: version ${validation.version} is lower than version ${oldVersion} in use`);
        }
        if (validation.version === oldVersion) {
          return keep(`Update refused: version ${oldVersion} again but with different content (every change needs a higher version)`);
        }
      }
      const record: KeySetRecord = {
        ...old,
        document: fetched.document,
        ref: fetched.ref,
        id: validation.id,
        version: validation.version,
        ...validators,
        lastCheck: now,
        lastUpdated: now,
        previousVersion: oldVersion,
        lastOutcome: 'updated',
      };
      delete record.lastError;
      return { record, outcome: 'updated', message: `Updated from ${kept} to version ${validation.version}.` };
    }
  }
}
