// The compute host's message boundary (issue 12, row 6): documents are re-hashed, never trusted by
// ref; malformed messages are refused; kept documents are bounded.
import { describe, expect, it } from 'vitest';
import { refOfText } from '../bytes';
import type { HostResults } from '../messages';
import { handleHostMessage } from './host';
import { ComputePool, type WorkerLike } from './pool';
import type { FromWorker, ToWorker } from './protocol';

/** Records what it is sent; answers compiles at once and leaves detection batches pending. */
class SilentWorker implements WorkerLike {
  static sent: ToWorker[] = [];
  onmessage: ((ev: MessageEvent<FromWorker>) => unknown) | null = null;
  onerror: ((ev: ErrorEvent) => unknown) | null = null;
  postMessage(m: ToWorker): void {
    SilentWorker.sent.push(m);
    if (m.type === 'compile') {
      const data: FromWorker = { type: 'compile-result', reqId: m.reqId, ok: true, meta: { id: 'x', name: 'x', version: 1, fingerprint: 'x' } };
      queueMicrotask(() => this.onmessage?.({ data } as MessageEvent<FromWorker>));
    }
  }
  terminate(): void {}
}

function pool(over: { maxDocs?: number } = {}) {
  SilentWorker.sent = [];
  return new ComputePool({ size: 1, createWorker: () => new SilentWorker(), idleMs: Infinity, ...over });
}
const emit = (_r: HostResults) => {};
const DOC_A = '{"id":"a"}';
const DOC_B = '{"id":"b"}';

describe('compute host boundary', () => {
  it('refuses a document whose bytes do not hash to its ref, and keeps the real one behind that ref', async () => {
    const p = pool();
    const refA = await refOfText(DOC_A);
    // A job brings the real document for ref A …
    const ok = await handleHostMessage(
      p,
      { kind: 'host/run', target: 'offscreen', job: { jobId: 'j', tabId: 1, frameId: 0, pageId: 'p', createdAt: 0, blocks: [], keySetRefs: [refA], keySets: [{ ref: refA, document: DOC_A }], alpha: 1e-4 } },
      emit,
    );
    expect(ok).toEqual({ ok: true });
    // … then someone tries to put another document behind the same ref (before: accepted and used).
    const forged = await handleHostMessage(p, { kind: 'host/compile', target: 'offscreen', keySet: { ref: refA, document: DOC_B } }, emit);
    expect(forged).toEqual({ ok: false, error: expect.stringMatching(/does not match its ref/) });
    expect(SilentWorker.sent.filter((m) => m.type === 'compile')).toEqual([]);
    const viaCheck = await handleHostMessage(
      p,
      { kind: 'host/check-text', target: 'offscreen', text: 'x', keySetRefs: [refA], keySets: [{ ref: refA, document: DOC_B }], alpha: 1e-4 },
      emit,
    );
    expect(viaCheck).toMatchObject({ ok: false });
    expect(p.keptRefs()).toEqual([refA]);
  });

  it('refuses malformed messages before any handler runs', async () => {
    const p = pool();
    await expect(handleHostMessage(p, { kind: 'host/cancel', target: 'offscreen', selector: { tabId: 'all' } }, emit)).rejects.toThrow(/malformed/);
    await expect(handleHostMessage(p, { kind: 'host/compile', target: 'offscreen', keySet: { ref: 'not-hex', document: DOC_A } }, emit)).rejects.toThrow(
      /malformed/,
    );
    await expect(handleHostMessage(p, { kind: 'host/unknown', target: 'offscreen' }, emit)).rejects.toThrow(/malformed/);
  });

  it('keeps a bounded number of documents, least recently used dropped first (before: every one, forever)', async () => {
    const p = pool({ maxDocs: 3 });
    const docs = ['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}'];
    const refs = await Promise.all(docs.map(refOfText));
    for (let i = 0; i < docs.length; i++) {
      await handleHostMessage(p, { kind: 'host/compile', target: 'offscreen', keySet: { ref: refs[i], document: docs[i] } }, emit);
    }
    expect(p.keptRefs()).toEqual(refs.slice(2));
    // Using one moves it to the back.
    expect(p.missing([refs[2]])).toEqual([]);
    await handleHostMessage(p, { kind: 'host/compile', target: 'offscreen', keySet: { ref: refs[0], document: docs[0] } }, emit);
    expect(p.keptRefs()).toEqual([refs[4], refs[2], refs[0]]);
  });
});
