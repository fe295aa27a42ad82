// The compute host's side of the background ↔ host protocol, shared by Chrome's offscreen document
// (over runtime messages) and Firefox's background page (direct calls).
import type { BackgroundToHost, HostCheckTextReply, HostCompileReply, HostResults, HostRunReply } from '../shared/messages';
import { ComputePool, MissingKeySetsError, poolSize } from './pool';
import type { WorkerLike } from './pool';

export function createPool(): ComputePool {
  return new ComputePool({
    size: poolSize(globalThis.navigator?.hardwareConcurrency),
    // Written out here so Vite bundles the Worker entry.
    createWorker: () =>
      new Worker(new URL('./index.ts', import.meta.url), { type: 'module', name: 'wmlens-detect' }) as unknown as WorkerLike,
  });
}

export function isHostMessage(m: unknown): m is BackgroundToHost {
  if (!m || typeof m !== 'object') return false;
  const r = m as { kind?: unknown; target?: unknown };
  return (
    r.target === 'offscreen' &&
    (r.kind === 'host/run' || r.kind === 'host/check-text' || r.kind === 'host/cancel' || r.kind === 'host/compile')
  );
}

export type HostReply = HostRunReply | HostCheckTextReply | HostCompileReply | { ok: true; cancelled: number };

export async function handleHostMessage(
  pool: ComputePool,
  msg: BackgroundToHost,
  emit: (r: HostResults) => void,
): Promise<HostReply> {
  switch (msg.kind) {
    case 'host/run':
      try {
        pool.run(msg.job, emit);
        return { ok: true };
      } catch (e) {
        if (e instanceof MissingKeySetsError) return { ok: false, missingKeySets: e.missing };
        throw e;
      }
    case 'host/check-text':
      pool.addKeySets(msg.keySets);
      try {
        const r = await pool.checkText(msg.text, msg.keySetRefs, msg.alpha);
        if (r.error && r.detections.length === 0) return { ok: false, error: r.error };
        return { ok: true, detections: r.detections, keySetErrors: r.keySetErrors };
      } catch (e) {
        if (e instanceof MissingKeySetsError) return { ok: false, missingKeySets: e.missing };
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    case 'host/cancel':
      return { ok: true, cancelled: pool.cancel(msg.selector) };
    case 'host/compile':
      return pool.compile(msg.keySet);
  }
}
