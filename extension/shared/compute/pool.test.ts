import { afterEach, describe, expect, it, vi } from 'vitest';
import { ComputePool, MissingKeySetsError, poolSize, splitBatches, type WorkerLike } from './pool';
import type { FromWorker, ToWorker } from './protocol';
import type { ComputeJob, HostResults } from '../messages';

/** A Worker stand-in that answers when told to, recording what it was sent. */
class FakeWorker implements WorkerLike {
  static all: FakeWorker[] = [];
  sent: ToWorker[] = [];
  onmessage: ((ev: MessageEvent<FromWorker>) => unknown) | null = null;
  onerror: ((ev: ErrorEvent) => unknown) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(m: ToWorker): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answer the oldest unanswered detect request. */
  answer(): void {
    const m = this.sent.find((x) => x.type === 'detect' && !(x as { answered?: boolean }).answered) as
      | (ToWorker & { type: 'detect'; answered?: boolean })
      | undefined;
    if (!m) throw new Error('nothing to answer');
    m.answered = true;
    this.onmessage?.({
      data: {
        type: 'detect-result',
        batchId: m.batchId,
        results: m.blocks.map((b) => ({ blockId: b.blockId, detections: [] })),
        keySetErrors: [],
        ms: 1,
      },
    } as unknown as MessageEvent<FromWorker>);
  }
}

function makePool(size = 2) {
  FakeWorker.all = [];
  return new ComputePool({ size, createWorker: () => new FakeWorker(), firstBatchBlocks: 2, maxBatchBlocks: 3, maxBatchChars: 1000 });
}

/** `n` blocks; texts differ between jobs (their ids), so no answer comes from the pool's result cache. */
function job(over: Partial<ComputeJob> = {}, n = 5): ComputeJob {
  const jobId = over.jobId ?? 'j1';
  return {
    jobId: 'j1',
    tabId: 7,
    frameId: 0,
    pageId: 'p1',
    createdAt: 1000,
    blocks: Array.from({ length: n }, (_, i) => ({ blockId: `b${i}`, text: `text ${i} of ${jobId}` })),
    keySetRefs: ['r1'],
    keySets: [{ ref: 'r1', document: '{}' }],
    alpha: 1e-4,
    ...over,
  };
}

describe('poolSize', () => {
  it('leaves a core for the page, within 1..4', () => {
    expect(poolSize(undefined)).toBe(1);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(2)).toBe(1);
    expect(poolSize(4)).toBe(3);
    expect(poolSize(16)).toBe(4);
  });
});

describe('splitBatches', () => {
  it('keeps the first batch small and bounds count and chars', () => {
    const blocks = Array.from({ length: 8 }, (_, i) => ({ blockId: String(i), text: 'x'.repeat(10) }));
    expect(splitBatches(blocks, 2, 3, 1000).map((b) => b.length)).toEqual([2, 3, 3]);
    expect(splitBatches(blocks, 8, 8, 25).map((b) => b.length)).toEqual([2, 2, 2, 2]);
  });
  it('gives a huge block a batch of its own', () => {
    const blocks = [
      { blockId: 'a', text: 'x' },
      { blockId: 'b', text: 'x'.repeat(5000) },
      { blockId: 'c', text: 'x' },
    ];
    expect(splitBatches(blocks, 4, 4, 100).map((b) => b.map((x) => x.blockId))).toEqual([['a'], ['b'], ['c']]);
  });
});

describe('ComputePool', () => {
  it('streams one result message per batch, the last marked done, and sends key sets once per worker', () => {
    const pool = makePool(1);
    const got: HostResults[] = [];
    pool.run(job(), (r) => got.push(r));
    const w = FakeWorker.all[0];
    w.answer();
    w.answer();
    expect(got.map((r) => [r.results.length, r.done])).toEqual([
      [2, false],
      [3, true],
    ]);
    const detects = w.sent.filter((m) => m.type === 'detect') as Extract<ToWorker, { type: 'detect' }>[];
    expect(detects[0].keySets.map((k) => k.ref)).toEqual(['r1']);
    expect(detects[1].keySets).toEqual([]);
  });

  it('uses up to `size` workers, started on demand', () => {
    const pool = makePool(2);
    pool.run(job({}, 2), () => {});
    expect(FakeWorker.all.length).toBe(1);
    pool.run(job({ jobId: 'j2' }, 8), () => {});
    expect(FakeWorker.all.length).toBe(2);
    expect(pool.stats()).toMatchObject({ workers: 2, busy: 2 });
  });

  it('refuses jobs whose key sets it does not have', () => {
    const pool = makePool();
    expect(() => pool.run(job({ keySets: undefined, keySetRefs: ['nope'] }), () => {})).toThrow(MissingKeySetsError);
  });

  it('cancels queued batches of a page and drops results of the running one', () => {
    const pool = makePool(1);
    const got: HostResults[] = [];
    pool.run(job({}, 8), (r) => got.push(r));
    expect(pool.cancel({ tabId: 7, pageId: 'p1' })).toBe(1);
    expect(pool.stats().queued).toBe(0);
    FakeWorker.all[0].answer();
    expect(got).toEqual([]);
  });

  it('cancels by tab and creation time (navigation)', () => {
    const pool = makePool(1);
    pool.run(job({ jobId: 'old', createdAt: 100 }), () => {});
    pool.run(job({ jobId: 'new', createdAt: 300 }), () => {});
    expect(pool.cancel({ tabId: 7, before: 200 })).toBe(1);
    expect(pool.cancel({ tabId: 8 })).toBe(0);
    expect(pool.stats().jobs).toBe(1);
  });

  it('puts check-text ahead of queued page work', async () => {
    const pool = makePool(1);
    pool.run(job({}, 8), () => {});
    const p = pool.checkText('hello', ['r1'], 1e-4);
    const w = FakeWorker.all[0];
    w.answer(); // the running page batch
    const next = w.sent.filter((m) => m.type === 'detect').at(-1) as Extract<ToWorker, { type: 'detect' }>;
    expect(next.blocks.map((b) => b.blockId)).toEqual(['check']);
    w.answer();
    await expect(p).resolves.toMatchObject({ detections: [] });
  });

  it('replaces a crashed worker and reports the batch as failed', () => {
    const pool = makePool(1);
    const got: HostResults[] = [];
    pool.run(job({}, 2), (r) => got.push(r));
    const w = FakeWorker.all[0];
    w.onerror?.({ message: 'boom' } as unknown as ErrorEvent);
    expect(w.terminated).toBe(true);
    expect(got[0].results.every((r) => r.error?.includes('boom'))).toBe(true);
    expect(got[0].done).toBe(true);
  });
});

describe('releasing idle Workers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function idlePool(idleMs: number) {
    FakeWorker.all = [];
    return new ComputePool({ size: 2, createWorker: () => new FakeWorker(), firstBatchBlocks: 2, maxBatchBlocks: 3, maxBatchChars: 1000, idleMs });
  }

  it('terminates the Workers after the idle time and starts fresh ones, with the key sets, for the next job', () => {
    vi.useFakeTimers();
    const pool = idlePool(60_000);
    const got: HostResults[] = [];
    pool.run(job({}, 2), (r) => got.push(r));
    const first = FakeWorker.all[0];
    vi.advanceTimersByTime(120_000);
    expect(first.terminated).toBe(false); // busy: never released mid-batch
    first.answer();
    expect(got.at(-1)?.done).toBe(true);
    vi.advanceTimersByTime(59_999);
    expect(first.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    expect(pool.stats().workers).toBe(0);

    // The next job: a new Worker, sent the key-set document it needs.
    pool.run(job({ jobId: 'j2', keySets: undefined }, 1), (r) => got.push(r));
    const fresh = FakeWorker.all.at(-1)!;
    expect(fresh).not.toBe(first);
    const sent = fresh.sent[0] as ToWorker & { type: 'detect' };
    expect(sent.keySets).toEqual([{ ref: 'r1', document: '{}' }]);
    fresh.answer();
    expect(got.at(-1)).toMatchObject({ jobId: 'j2', done: true });
  });

  it('new work before the timer fires keeps the Workers', () => {
    vi.useFakeTimers();
    const pool = idlePool(60_000);
    pool.run(job({}, 1), () => {});
    FakeWorker.all[0].answer();
    vi.advanceTimersByTime(50_000);
    pool.run(job({ jobId: 'j2' }, 1), () => {});
    vi.advanceTimersByTime(50_000);
    FakeWorker.all[0].answer();
    vi.advanceTimersByTime(50_000);
    expect(FakeWorker.all.map((w) => w.terminated)).toEqual([false]);
    vi.advanceTimersByTime(10_000);
    expect(FakeWorker.all.map((w) => w.terminated)).toEqual([true]);
  });

});

describe('compile: untrusted documents in a throwaway Worker with a time limit (issue 12 row 1)', () => {
  afterEach(() => vi.useRealTimers());

  const meta = { id: 'org.example', name: 'Example', version: 1, fingerprint: 'f' };
  function answerCompile(w: FakeWorker, reply: { ok: boolean; error?: string }): void {
    const m = w.sent.find((x) => x.type === 'compile') as ToWorker & { type: 'compile' };
    w.onmessage?.({ data: { type: 'compile-result', reqId: m.reqId, ...reply, ...(reply.ok ? { meta } : {}) } } as MessageEvent<FromWorker>);
  }

  it('uses a Worker of its own, terminated once it answers, and keeps only a document that passed', async () => {
    const pool = makePool();
    pool.run(job({}, 1), () => {});
    const scanner = FakeWorker.all[0];
    const passing = pool.compile({ ref: 'good', document: '{"a":1}' });
    const checker = FakeWorker.all.at(-1)!;
    expect(checker).not.toBe(scanner);
    expect(checker.sent).toEqual([{ type: 'compile', reqId: 1, keySet: { ref: 'good', document: '{"a":1}' } }]);
    expect(scanner.sent.some((m) => m.type === 'compile')).toBe(false);
    answerCompile(checker, { ok: true });
    expect(await passing).toEqual({ ok: true, meta });
    expect(checker.terminated).toBe(true);
    expect(scanner.terminated).toBe(false);
    expect(pool.stats().workers).toBe(1);
    expect(pool.missing(['good'])).toEqual([]);

    const failing = pool.compile({ ref: 'bad', document: '{}' });
    answerCompile(FakeWorker.all.at(-1)!, { ok: false, error: 'keys[0].vocabSize: must be …' });
    expect(await failing).toEqual({ ok: false, error: 'keys[0].vocabSize: must be …' });
    expect(FakeWorker.all.at(-1)!.terminated).toBe(true);
    expect(pool.missing(['bad'])).toEqual(['bad']);
  });

  it('terminates a Worker that does not answer within the time limit, and refuses the document', async () => {
    vi.useFakeTimers();
    FakeWorker.all = [];
    const pool = new ComputePool({ size: 1, createWorker: () => new FakeWorker(), compileTimeLimitMs: 20_000 });
    const reply = pool.compile({ ref: 'slow', document: '{}' });
    const checker = FakeWorker.all[0];
    vi.advanceTimersByTime(19_999);
    expect(checker.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(checker.terminated).toBe(true);
    expect(await reply).toEqual({
      ok: false,
      error: 'checking the key set took longer than 20 s and was stopped (the document is too expensive to compile)',
    });
    // A late answer from the terminated Worker changes nothing.
    answerCompile(checker, { ok: true });
    expect(pool.missing(['slow'])).toEqual(['slow']);
  });

  it('a Worker that dies (e.g. out of memory) refuses the document', async () => {
    const pool = makePool();
    const reply = pool.compile({ ref: 'r', document: '{}' });
    const checker = FakeWorker.all.at(-1)!;
    checker.onerror?.({ message: 'Out of memory' } as ErrorEvent);
    expect(await reply).toEqual({ ok: false, error: 'checking the key set failed: Out of memory' });
    expect(checker.terminated).toBe(true);
  });

  it('a document that passed is not checked again (preview, then add); a different document under its ref is', async () => {
    const pool = makePool();
    const first = pool.compile({ ref: 'r', document: '{"v":1}' });
    answerCompile(FakeWorker.all.at(-1)!, { ok: true });
    await first;
    const workers = FakeWorker.all.length;
    expect(await pool.compile({ ref: 'r', document: '{"v":1}' })).toEqual({ ok: true, meta });
    expect(FakeWorker.all).toHaveLength(workers);
    const forged = pool.compile({ ref: 'r', document: '{"v":2}' });
    expect(FakeWorker.all).toHaveLength(workers + 1);
    answerCompile(FakeWorker.all.at(-1)!, { ok: false, error: 'no' });
    expect(await forged).toEqual({ ok: false, error: 'no' });
    // A failure is not remembered.
    const again = pool.compile({ ref: 'r', document: '{"v":2}' });
    expect(FakeWorker.all).toHaveLength(workers + 2);
    answerCompile(FakeWorker.all.at(-1)!, { ok: false, error: 'no' });
    await again;
  });

  it('the same document asked for during its check shares that check', async () => {
    const pool = makePool();
    const a = pool.compile({ ref: 'r', document: '{}' });
    const b = pool.compile({ ref: 'r', document: '{}' });
    expect(FakeWorker.all).toHaveLength(1);
    answerCompile(FakeWorker.all[0], { ok: false, error: 'x' });
    expect(await a).toEqual({ ok: false, error: 'x' });
    expect(await b).toEqual({ ok: false, error: 'x' });
    // Finished: a new request is a new check.
    void pool.compile({ ref: 'r', document: '{}' });
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('several checks at once each get their own Worker', async () => {
    const pool = makePool(1);
    const a = pool.compile({ ref: 'a', document: '{}' });
    const b = pool.compile({ ref: 'b', document: '{}' });
    expect(FakeWorker.all).toHaveLength(2);
    answerCompile(FakeWorker.all[1], { ok: true });
    answerCompile(FakeWorker.all[0], { ok: false, error: 'x' });
    expect(await a).toEqual({ ok: false, error: 'x' });
    expect(await b).toEqual({ ok: true, meta });
  });
});

describe('ComputePool warm-up and batch sizes', () => {
  it('warm() has one Worker compile the key sets, then the next once the first is done; detection sends no document again', () => {
    const pool = makePool(2);
    pool.addKeySets([{ ref: 'r1', document: '{"a":1}' }]);
    const warmMsg = { type: 'warm', keySets: [{ ref: 'r1', document: '{"a":1}' }], refs: ['r1'], share: true };
    expect(pool.warm(['r1', 'unknown'])).toBe(1);
    expect(FakeWorker.all).toHaveLength(1);
    // The first Worker warmed also builds the frequent contexts' lists; the next only compiles.
    expect(FakeWorker.all[0].sent).toEqual([{ ...warmMsg, prebuild: true }]);
    FakeWorker.all[0].onmessage?.({ data: { type: 'warm-result' } } as unknown as MessageEvent<FromWorker>);
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all[1].sent).toEqual([{ ...warmMsg, prebuild: false }]);
    // The pool is full: another warm-up result starts nothing.
    FakeWorker.all[1].onmessage?.({ data: { type: 'warm-result' } } as unknown as MessageEvent<FromWorker>);
    expect(FakeWorker.all).toHaveLength(2);
    // Again: nothing new to compile.
    expect(pool.warm(['r1'])).toBe(2);
    expect(FakeWorker.all.flatMap((w) => w.sent)).toHaveLength(2);
    pool.run(job({ keySets: [] }, 2), () => {});
    const detect = FakeWorker.all.flatMap((w) => w.sent).find((m) => m.type === 'detect');
    expect(detect).toMatchObject({ type: 'detect', keySets: [], refs: ['r1'], share: true });
  });

  it('tells a lone Worker that there is nobody to send its lists to', () => {
    const pool = makePool(1);
    pool.addKeySets([{ ref: 'r1', document: '{}' }]);
    pool.warm(['r1']);
    pool.run(job({ keySets: [] }, 2), () => {});
    expect(FakeWorker.all[0].sent.map((m) => [m.type, (m as { share?: boolean }).share])).toEqual([
      ['warm', false],
      ['detect', false],
    ]);
  });

  it('a batch waits for a ready Worker rather than going to one still compiling its warm-up', () => {
    const pool = makePool(2);
    pool.addKeySets([{ ref: 'r1', document: '{}' }]);
    pool.warm(['r1']);
    const warmed = (w: FakeWorker) => w.onmessage?.({ data: { type: 'warm-result' } } as unknown as MessageEvent<FromWorker>);
    warmed(FakeWorker.all[0]);
    const [ready, compiling] = FakeWorker.all;
    pool.run(job({ keySets: [] }, 5), () => {}); // batches of 2 and 3
    const detects = (w: FakeWorker) => w.sent.filter((m) => m.type === 'detect').length;
    expect([detects(ready), detects(compiling)]).toEqual([1, 0]);
    ready.answer();
    expect([detects(ready), detects(compiling)]).toEqual([2, 0]);
    // Once warm, the other Worker takes work too.
    pool.run(job({ jobId: 'j2', keySets: [] }, 5), () => {});
    warmed(compiling);
    expect(detects(compiling)).toBe(1);
  });

  it('a Worker that fails during its warm-up ends the chain; work still gets a Worker', () => {
    const pool = makePool(2);
    pool.addKeySets([{ ref: 'r1', document: '{}' }]);
    pool.warm(['r1']);
    FakeWorker.all[0].onerror?.({ message: 'boom' } as ErrorEvent);
    const got: HostResults[] = [];
    pool.run(job({ keySets: [] }, 2), (r) => got.push(r));
    const fresh = FakeWorker.all[1];
    expect(fresh.sent.map((m) => m.type)).toEqual(['detect']);
    fresh.answer();
    expect(got.at(-1)!.done).toBe(true);
  });

  it('relays the lists one Worker built to the other Workers; those built ahead of pages to Workers started later too', () => {
    const pool = makePool(3);
    pool.addKeySets([{ ref: 'r1', document: '{}' }]);
    pool.warm(['r1']);
    const [first] = FakeWorker.all;
    first.onmessage?.({ data: { type: 'warm-result' } } as unknown as MessageEvent<FromWorker>);
    const second = FakeWorker.all[1];
    const lists = (seed: number) => ({
      vocabSize: 64, gamma: 0.25, selectGreenTokens: true, seeds: Uint32Array.of(seed), bits: new Uint32Array(2), answers: new Uint32Array(0),
    });
    first.onmessage?.({ data: { type: 'prebuilt', lists: lists(1), ahead: true } } as unknown as MessageEvent<FromWorker>);
    expect(second.sent.filter((m) => m.type === 'prime')).toEqual([{ type: 'prime', lists: lists(1) }]);
    expect(first.sent.filter((m) => m.type === 'prime')).toEqual([]);
    second.onmessage?.({ data: { type: 'warm-result' } } as unknown as MessageEvent<FromWorker>);
    const third = FakeWorker.all[2];
    expect(third.sent.map((m) => m.type)).toEqual(['prime', 'warm']);
    expect(third.sent[1]).toMatchObject({ prebuild: false });
    first.onmessage?.({ data: { type: 'prebuilt', lists: lists(2), ahead: true } } as unknown as MessageEvent<FromWorker>);
    expect(second.sent.filter((m) => m.type === 'prime')).toHaveLength(2);
    expect(third.sent.filter((m) => m.type === 'prime')).toEqual([{ type: 'prime', lists: lists(1) }, { type: 'prime', lists: lists(2) }]);
    // Lists built while scoring go to the Workers there are, and are not kept.
    third.onmessage?.({ data: { type: 'prebuilt', lists: lists(3), ahead: false } } as unknown as MessageEvent<FromWorker>);
    expect(first.sent.filter((m) => m.type === 'prime')).toEqual([{ type: 'prime', lists: lists(3) }]);
    expect(second.sent.filter((m) => m.type === 'prime')).toHaveLength(3);
    expect(third.sent.filter((m) => m.type === 'prime')).toHaveLength(2);
    // Released Workers take the lists with them: the next pool of Workers builds them again.
    expect(pool.releaseIdleWorkers()).toBe(true);
    pool.warm(['r1']);
    expect(FakeWorker.all[3].sent).toEqual([{ type: 'warm', keySets: [{ ref: 'r1', document: '{}' }], refs: ['r1'], prebuild: true, share: true }]);
  });

  it('warm() with no known document starts nothing', () => {
    const pool = makePool(2);
    expect(pool.warm(['r1'])).toBe(0);
    expect(FakeWorker.all).toHaveLength(0);
  });

  it('keeps only the first batch of an idle pool small; a job queued behind work goes in whole batches', () => {
    const pool = makePool(1);
    pool.run(job({ jobId: 'a' }, 5), () => {});
    pool.run(job({ jobId: 'b', keySets: [] }, 5), () => {});
    const sizes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const w = FakeWorker.all[0];
      const m = w.sent.filter((x) => x.type === 'detect').at(-1) as ToWorker & { type: 'detect' };
      sizes.push(m.blocks.length);
      w.answer();
    }
    // Job a: 2 then 3 (idle pool); job b: 3 then 2 (queued behind a).
    expect(sizes).toEqual([2, 3, 3, 2]);
  });
});

describe('ComputePool answers texts it has scored', () => {
  it('answers a text scored before under the same key sets and α at once, and scores only the rest', () => {
    const pool = makePool(1);
    pool.run(job({ jobId: 'a' }, 2), () => {});
    const w = FakeWorker.all[0];
    w.answer();
    const got: HostResults[] = [];
    const again = job({ jobId: 'b', keySets: [] }, 3);
    again.blocks[0].text = 'text 0 of a';
    again.blocks[1].text = 'text 1 of a';
    pool.run(again, (r) => got.push(r));
    // b0 and b1 at once (not done: b2 is still to score); only b2 goes to the Worker.
    expect(got).toHaveLength(1);
    expect(got[0].results.map((r) => r.blockId)).toEqual(['b0', 'b1']);
    expect(got[0].done).toBe(false);
    const last = w.sent.at(-1) as ToWorker & { type: 'detect' };
    expect(last.blocks.map((b) => b.blockId)).toEqual(['b2']);
    w.answer();
    expect(got.at(-1)!.done).toBe(true);
    // Another α is another answer.
    const other: HostResults[] = [];
    pool.run(job({ jobId: 'a', alpha: 0.01, keySets: [] }, 1), (r) => other.push(r));
    expect(other).toHaveLength(0);
  });
});
