// Untrusted key-set documents (preview, add, every scheduled update) are checked in a Worker of their
// own that is terminated as soon as it answers, or when the time limit runs out: a document that
// costs too much can never stall or bloat the Workers that scan pages. Its memory is bounded by the
// key-set limits the parser enforces before anything is built (src/keyset/limits.ts: the worst
// document within them compiles in ~2 s within ~130 MiB on the 2-core development machine); browsers
// offer no per-Worker memory cap, so the time limit is the backstop.
import type { HostCompileReply, KeySetPayload } from '../messages';
import type { WorkerLike } from './pool';
import type { FromWorker } from './protocol';

/** Ten times the worst document within the limits on the development machine: slow laptops pass. */
export const UNTRUSTED_COMPILE_TIME_LIMIT_MS = 20_000;

export function compileInThrowawayWorker(
  createWorker: () => WorkerLike,
  keySet: KeySetPayload,
  timeLimitMs: number = UNTRUSTED_COMPILE_TIME_LIMIT_MS,
): Promise<HostCompileReply> {
  return new Promise((resolve) => {
    const worker = createWorker();
    let settled = false;
    const finish = (reply: HostCompileReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: `checking the key set took longer than ${timeLimitMs / 1000} s and was stopped (the document is too expensive to compile)`,
        }),
      timeLimitMs,
    );
    worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      const msg = ev.data;
      if (msg.type !== 'compile-result') return;
      finish(msg.ok && msg.meta ? { ok: true, meta: msg.meta } : { ok: false, error: msg.error ?? 'compile failed' });
    };
    worker.onerror = (ev: ErrorEvent) => {
      // A Worker that runs out of memory dies with an error event (or none, and the timer fires).
      ev.preventDefault?.();
      finish({ ok: false, error: `checking the key set failed: ${ev.message || 'the Worker stopped'}` });
    };
    worker.postMessage({ type: 'compile', reqId: 1, keySet });
  });
}
