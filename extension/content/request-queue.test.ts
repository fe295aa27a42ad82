// The request queue against a fake `send` (no browser): each text once, cached, backpressure, stall
// watchdog, refusals, stop and page renewal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyDetection } from '../../src/detect-types';
import type { ContentDetectBlocks, DetectBlocksReply } from '../shared/messages';
import { MAX_BATCH_BLOCKS } from './batch';
import { COALESCE_MS, MAX_OUTSTANDING, RequestQueue, STALL_MS } from './request-queue';

const DET = [{ kid: 'k' } as KeyDetection];

function harness(reply: (m: ContentDetectBlocks) => DetectBlocksReply | Promise<DetectBlocksReply> | undefined = (m) => ({ ok: true, queued: m.blocks.length })) {
  const sent: ContentDetectBlocks[] = [];
  const cancelled: string[] = [];
  const answers: [string[], KeyDetection[]][] = [];
  const errors: [string[], string][] = [];
  const q = new RequestQueue<string>({
    send: async (m) => {
      sent.push(m);
      return reply(m);
    },
    cancel: (p) => cancelled.push(p),
    onAnswer: (items, d) => answers.push([[...items], d]),
    onError: (items, e) => errors.push([[...items], e]),
    onProgress: () => {},
  });
  const answer = (blockIds: string[], pageId = q.pageId) =>
    q.onResults({ kind: 'background/detect-results', pageId, results: blockIds.map((blockId) => ({ blockId, detections: DET })) });
  // Long enough for a part batch held back while others are awaited.
  const flush = () => new Promise((r) => setTimeout(r, COALESCE_MS + 10));
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { q, sent, cancelled, answers, errors, answer, flush, tick };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RequestQueue', () => {
  it('sends each text once, answers everyone waiting for it, then answers from the cache', async () => {
    const h = harness();
    h.q.request('a', 'h1', 'text one');
    h.q.request('b', 'h1', 'text one');
    h.q.request('c', 'h2', 'text two');
    await h.flush();
    expect(h.sent.flatMap((m) => m.blocks.map((b) => b.blockId))).toEqual(['0.h1', '0.h2']);
    h.answer(['0.h1']);
    expect(h.answers).toEqual([[['a', 'b'], DET]]);
    const sentBefore = h.sent.length;
    h.q.request('d', 'h1', 'text one');
    expect(h.answers[1]).toEqual([['d'], DET]);
    await h.flush();
    expect(h.sent).toHaveLength(sentBefore);
    expect(h.q.busy).toBe(true); // h2 still awaited
  });

  it('keeps at most MAX_OUTSTANDING blocks awaited; answers let the rest go', async () => {
    const h = harness();
    for (let i = 0; i < MAX_OUTSTANDING + 50; i++) h.q.request(`i${i}`, `h${i}`, `t${i}`);
    await h.flush();
    const sentIds = () => h.sent.flatMap((m) => m.blocks.map((b) => b.blockId));
    expect(sentIds()).toHaveLength(MAX_OUTSTANDING);
    expect(h.q.outstandingCount).toBe(MAX_OUTSTANDING);
    h.answer(sentIds().slice(0, 60));
    await h.flush();
    expect(sentIds()).toHaveLength(MAX_OUTSTANDING + 50);
  });

  it('fails a refused batch and one the background never answers (after the stall time)', async () => {
    const refused = harness(() => ({ ok: false, error: 'Detection is unavailable: x' }));
    refused.q.request('a', 'h1', 't');
    await refused.flush();
    expect(refused.errors).toEqual([[['a'], 'Detection is unavailable: x']]);
    expect(refused.q.busy).toBe(false);

    vi.useFakeTimers();
    const silent = harness();
    silent.q.request('b', 'h2', 't');
    await vi.advanceTimersByTimeAsync(STALL_MS - 20_000);
    expect(silent.errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(silent.errors).toEqual([[['b'], 'The detector did not answer.']]);
  });

  it('stop() cancels the page’s work in the background and ignores late answers', async () => {
    const h = harness();
    h.q.request('a', 'h1', 't');
    await h.flush();
    h.q.stop();
    expect(h.cancelled).toEqual([h.q.pageId]);
    h.answer(['0.h1']);
    expect(h.answers).toEqual([]);
    // Asked again, it goes out under a new generation.
    h.q.request('a', 'h1', 't');
    await h.flush();
    expect(h.sent.at(-1)!.blocks[0].blockId).toBe('1.h1');
  });

  it('renewPage() sends unanswered blocks again under the new page id; answers for the old one are dropped', async () => {
    const h = harness();
    h.q.request('a', 'h1', 'text');
    await h.flush();
    const old = h.q.pageId;
    h.q.renewPage();
    await h.flush();
    expect(h.cancelled).toEqual([old]);
    expect(h.sent.map((m) => [m.pageId, m.blocks.map((b) => b.text)])).toEqual([
      [old, ['text']],
      [h.q.pageId, ['text']],
    ]);
    h.answer(['0.h1'], old);
    expect(h.answers).toEqual([]);
    h.answer(['0.h1']);
    expect(h.answers).toEqual([[['a'], DET]]);
  });

  it('forget() leaves an item out of the answer', async () => {
    const h = harness();
    h.q.request('a', 'h1', 't');
    h.q.request('b', 'h1', 't');
    h.q.forget('a', 'h1');
    await h.flush();
    h.answer(['0.h1']);
    expect(h.answers).toEqual([[['b'], DET]]);
  });
});

describe('RequestQueue sending', () => {
  it('sends the blocks queued by one task together, and the next batch without waiting for a reply', async () => {
    const never = new Promise<DetectBlocksReply>(() => {});
    const h = harness(() => never);
    for (let i = 0; i < 2 * MAX_BATCH_BLOCKS + 2; i++) h.q.request(`i${i}`, `h${i}`, `t${i}`);
    await h.tick();
    // Two whole batches at once, although the first was never acknowledged; the part batch waits for
    // more blocks while others are awaited, then goes.
    expect(h.sent.map((m) => m.blocks.length)).toEqual([MAX_BATCH_BLOCKS, MAX_BATCH_BLOCKS]);
    await h.flush();
    expect(h.sent.map((m) => m.blocks.length)).toEqual([MAX_BATCH_BLOCKS, MAX_BATCH_BLOCKS, 2]);
  });

  it('sends a part batch at once when nothing is awaited (the page’s first blocks)', async () => {
    const h = harness();
    h.q.request('a', 'h1', 't1');
    h.q.request('b', 'h2', 't2');
    await h.tick();
    expect(h.sent.map((m) => m.blocks.length)).toEqual([2]);
  });

  it('flush() sends a part batch held back for company at once (the walks are done)', async () => {
    const never = new Promise<DetectBlocksReply>(() => {});
    const h = harness(() => never);
    for (let i = 0; i < MAX_BATCH_BLOCKS + 2; i++) h.q.request(`i${i}`, `h${i}`, `t${i}`);
    await h.tick();
    expect(h.sent.map((m) => m.blocks.length)).toEqual([MAX_BATCH_BLOCKS]);
    h.q.flush();
    await h.tick();
    expect(h.sent.map((m) => m.blocks.length)).toEqual([MAX_BATCH_BLOCKS, 2]);
    // Nothing is sent twice when the held-back timer's time comes.
    await h.flush();
    expect(h.sent.map((m) => m.blocks.length)).toEqual([MAX_BATCH_BLOCKS, 2]);
  });
});
