// The compute host's side of the background ↔ host protocol, shared by Chrome's offscreen document
// (over runtime messages) and Firefox's background page (direct calls).
import { refOfText } from '../bytes';
import {
  BACKGROUND_TO_HOST,
  dispatch,
  type HandlerTable,
  type HostCancelReply,
  type HostCheckTextReply,
  type HostCompileReply,
  type HostResults,
  type HostRunReply,
  type HostWarmReply,
  type KeySetPayload,
} from '../messages';
import { ComputePool, MissingKeySetsError, poolSize } from './pool';
import type { WorkerLike } from './pool';

export function createPool(): ComputePool {
  return new ComputePool({
    size: poolSize(globalThis.navigator?.hardwareConcurrency),
    // Written out here so Vite bundles the Worker entry.
    createWorker: () =>
      new Worker(new URL('../../worker/index.ts', import.meta.url), { type: 'module', name: 'wmlens-detect' }) as unknown as WorkerLike,
  });
}

type HostKind = (typeof BACKGROUND_TO_HOST)[number];

export type HostReply = HostRunReply | HostCheckTextReply | HostCompileReply | HostCancelReply | HostWarmReply;

/**
 * Keep only documents whose bytes hash to the ref they came with (issue 12, row 6): the host never
 * trusts a ref, so no sender can put a different document behind the ref of an active key set.
 * Returns the refs that did not match.
 */
export async function addVerifiedKeySets(pool: ComputePool, sets: readonly KeySetPayload[] | undefined): Promise<string[]> {
  const bad: string[] = [];
  const good: KeySetPayload[] = [];
  for (const s of sets ?? []) {
    if ((await refOfText(s.document)) === s.ref) good.push(s);
    else bad.push(s.ref);
  }
  pool.addKeySets(good);
  return bad;
}

function mismatch(bad: string[]): string {
  return `key-set document does not match its ref ${bad.map((r) => r.slice(0, 12)).join(', ')}; refused`;
}

/** The compute host's handler table (offscreen document and Firefox's in-process pool alike). */
export function hostHandlers(pool: ComputePool, emit: (r: HostResults) => void): HandlerTable<HostKind, void> {
  return {
    async 'host/run'(msg) {
      const bad = await addVerifiedKeySets(pool, msg.job.keySets);
      if (bad.length) return { ok: false, error: mismatch(bad) };
      try {
        pool.run({ ...msg.job, keySets: [] }, emit);
        return { ok: true };
      } catch (e) {
        if (e instanceof MissingKeySetsError) return { ok: false, missingKeySets: e.missing };
        throw e;
      }
    },
    async 'host/check-text'(msg) {
      const bad = await addVerifiedKeySets(pool, msg.keySets);
      if (bad.length) return { ok: false, error: mismatch(bad) };
      try {
        const r = await pool.checkText(msg.text, msg.keySetRefs, msg.alpha);
        if (r.error && r.detections.length === 0) return { ok: false, error: r.error };
        return { ok: true, detections: r.detections, keySetErrors: r.keySetErrors };
      } catch (e) {
        if (e instanceof MissingKeySetsError) return { ok: false, missingKeySets: e.missing };
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    'host/cancel': (msg) => ({ ok: true, cancelled: pool.cancel(msg.selector) }),
    async 'host/warm'(msg) {
      const bad = await addVerifiedKeySets(pool, msg.keySets);
      if (bad.length) return { ok: false, error: mismatch(bad) };
      return { ok: true, workers: pool.warm(msg.keySetRefs.filter((r) => pool.has(r))) };
    },
    async 'host/compile'(msg) {
      const bad = await addVerifiedKeySets(pool, [msg.keySet]);
      if (bad.length) return { ok: false, error: mismatch(bad) };
      return pool.compile(msg.keySet);
    },
  };
}

/** Parse `msg` against the host's kinds and run it; a malformed message is refused with an error. */
export function handleHostMessage(pool: ComputePool, msg: unknown, emit: (r: HostResults) => void): Promise<HostReply> {
  return dispatch(BACKGROUND_TO_HOST, hostHandlers(pool, emit), msg, undefined) ?? Promise.reject(new Error('malformed compute-host message'));
}
