// A pool of detection Workers with a batch queue. Chrome runs it in the offscreen document, Firefox in
// the background page; both reach it through the same calls (see background/compute.ts).
// Jobs are split into small batches so results stream back and cancellation takes effect between them.
import type {
  BlockResult,
  BlockText,
  CancelSelector,
  ComputeJob,
  HostCompileReply,
  HostResults,
  KeySetError,
  KeySetPayload,
} from '../messages';
import type { KeyDetection } from '../../../src/detect-types';
import type { FromWorker, ToWorker } from './protocol';
import type { PrebuiltLists } from './prebuild';
import { compileInThrowawayWorker, UNTRUSTED_COMPILE_TIME_LIMIT_MS } from './throwaway-compile';
import { addTraceMarks, traceMark } from '../trace';
import { ResultCache } from './result-cache';

export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<FromWorker>) => unknown) | null;
  onerror: ((ev: ErrorEvent) => unknown) | null;
}

export interface PoolOptions {
  /** Upper bound on Workers (they are started on demand). */
  size: number;
  createWorker: () => WorkerLike;
  /** First batch of a job: small, so the first highlights appear quickly. */
  firstBatchBlocks?: number;
  maxBatchBlocks?: number;
  maxBatchChars?: number;
  /**
   * Workers are terminated after this long with nothing to do (Infinity: never). Each holds a compiled
   * key set, the tokenizer and up to 32 MiB of green-list cache; the next job starts fresh Workers,
   * which compile the key sets again from the documents the pool keeps.
   */
  idleMs?: number;
  /** compile() stops a document's check after this long (throwaway-compile.ts). */
  compileTimeLimitMs?: number;
  /**
   * Key-set documents kept for Workers started later (least recently used dropped first; never one that
   * queued or running work needs). The background sends a document again when the host says it is missing.
   */
  maxDocs?: number;
  maxDocChars?: number;
}

/** Documents the pool keeps: previews of rejected sets must not pile up in a long-lived host (issue 12, row 6). */
export const MAX_KEPT_DOCS = 16;
export const MAX_KEPT_DOC_CHARS = 8 * 1024 * 1024;

/** Default idle time before the Workers are released: long enough to span reading a page. */
export const WORKER_IDLE_MS = 5 * 60_000;

/**
 * Workers to use on this machine: one per core but one, which the page being scanned needs (its
 * layout, the content script's walk, applying results) and the browser's own threads; at least 1, at
 * most 4. On 2 cores a second Worker only took turns with the first for the core the page left free,
 * paying its own compile, JIT and garbage collection: `bench:page --cold --dist`, 2026-12-07
 * 15:35–16:15 UTC, one Worker against two in the same rounds (four sets), the browser used 300–450 ms
 * less CPU per page and the page of new texts was annotated 90–165 ms sooner, the cold rows within
 * noise (docs/benchmarks.md).
 */
export function poolSize(hardwareConcurrency: number | undefined): number {
  const n = Math.floor(hardwareConcurrency ?? 2);
  return Math.min(4, Math.max(1, Number.isFinite(n) ? n - 1 : 1));
}

/** Split blocks into batches bounded by count and characters (a single huge block is its own batch). */
export function splitBatches(
  blocks: readonly BlockText[],
  firstMax: number,
  maxBlocks: number,
  maxChars: number,
): BlockText[][] {
  const out: BlockText[][] = [];
  let cur: BlockText[] = [];
  let chars = 0;
  for (const b of blocks) {
    const limit = out.length === 0 ? firstMax : maxBlocks;
    if (cur.length > 0 && (cur.length >= limit || chars + b.text.length > maxChars)) {
      out.push(cur);
      cur = [];
      chars = 0;
    }
    cur.push(b);
    chars += b.text.length;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

interface JobState {
  job: Omit<ComputeJob, 'blocks' | 'keySets'>;
  remaining: number;
  cancelled: boolean;
  onBatch: (r: HostResults) => void;
}

interface Batch {
  id: number;
  blocks: BlockText[];
  refs: string[];
  alpha: number;
  /** Interactive work (check selection) jumps the queue. */
  priority: boolean;
  job?: JobState;
  settle?: (r: { results: BlockResult[]; keySetErrors: KeySetError[] }) => void;
}

interface Slot {
  worker: WorkerLike;
  known: Set<string>;
  busy: Batch | null;
  /** It has compiled what it was given (warm-up done, or a batch answered). */
  ready: boolean;
}

export class MissingKeySetsError extends Error {
  constructor(readonly missing: string[]) {
    super(`key sets not loaded: ${missing.join(', ')}`);
  }
}

/** Documents whose check passed, remembered so that the add after a preview is not checked again. */
const MAX_PASSED_REMEMBERED = 16;

export class ComputePool {
  private readonly docs = new Map<string, string>();
  private readonly passed = new Map<string, { document: string; reply: HostCompileReply }>();
  private readonly checking = new Map<string, { document: string; reply: Promise<HostCompileReply> }>();
  private readonly slots: Slot[] = [];
  private queue: Batch[] = [];
  private readonly jobs = new Map<string, JobState>();
  private nextId = 1;
  private readonly opts: Required<PoolOptions>;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Refs the last warm() asked for: Workers started by a finished warm-up compile them too. */
  private warming: readonly string[] = [];
  /** Answers by key sets, α and text (result-cache.ts). */
  private readonly answers = new ResultCache();
  /** The Worker asked to build the frequent contexts' lists (prebuild.ts) at its warm-up, if any. */
  private prebuilder: Slot | null = null;
  /**
   * What it built so far, for the Workers started after: bounded by the shipped contexts
   * (frequent-contexts.json: ≈ 1,000 lists, 6 MB for V = 50257), dropped with the Workers.
   */
  private prebuilt: PrebuiltLists[] = [];

  constructor(opts: PoolOptions) {
    this.opts = {
      firstBatchBlocks: 4,
      maxBatchBlocks: 16,
      maxBatchChars: 24_000,
      idleMs: WORKER_IDLE_MS,
      compileTimeLimitMs: UNTRUSTED_COMPILE_TIME_LIMIT_MS,
      maxDocs: MAX_KEPT_DOCS,
      maxDocChars: MAX_KEPT_DOC_CHARS,
      ...opts,
    };
  }

  /** Keep documents whose ref the caller has checked (worker/host.ts re-hashes every one it is given). */
  addKeySets(sets: readonly KeySetPayload[] | undefined): void {
    for (const s of sets ?? []) {
      this.docs.delete(s.ref);
      this.docs.set(s.ref, s.document);
    }
    this.prune();
  }

  has(ref: string): boolean {
    return this.docs.has(ref);
  }

  /** Refs of the documents kept, least recently used first (tests). */
  keptRefs(): string[] {
    return [...this.docs.keys()];
  }

  missing(refs: readonly string[]): string[] {
    const out = refs.filter((r) => !this.docs.has(r));
    // Documents in use move to the back of the eviction order.
    if (out.length === 0) {
      for (const r of refs) {
        const d = this.docs.get(r)!;
        this.docs.delete(r);
        this.docs.set(r, d);
      }
    }
    return out;
  }

  /** Drop the least recently used documents beyond the bounds, except those queued work still needs. */
  private prune(): void {
    let chars = 0;
    for (const d of this.docs.values()) chars += d.length;
    if (this.docs.size <= this.opts.maxDocs && chars <= this.opts.maxDocChars) return;
    const needed = new Set<string>();
    for (const b of this.queue) for (const r of b.refs) needed.add(r);
    for (const slot of this.slots) for (const r of slot.busy?.refs ?? []) needed.add(r);
    for (const [ref, doc] of this.docs) {
      if (this.docs.size <= this.opts.maxDocs && chars <= this.opts.maxDocChars) break;
      if (needed.has(ref)) continue;
      this.docs.delete(ref);
      chars -= doc.length;
    }
  }

  /** Queue a job; `onBatch` is called once per finished batch (the last one has `done: true`). */
  run(job: ComputeJob, onBatch: (r: HostResults) => void): void {
    traceMark('pool: job received');
    this.addKeySets(job.keySets);
    const missing = this.missing(job.keySetRefs);
    if (missing.length) throw new MissingKeySetsError(missing);
    const { blocks, keySets: _k, ...meta } = job;
    // A small first batch makes the first highlights appear soon, which only matters when nothing is
    // queued ahead of it; a page's later jobs go in whole batches (fewer messages to the page).
    const first = this.isIdle() ? this.opts.firstBatchBlocks : this.opts.maxBatchBlocks;
    // Texts answered before under the same key sets and α are answered now, in one message.
    const known: BlockResult[] = [];
    const todo: BlockText[] = [];
    for (const b of blocks) {
      const detections = this.answers.get(job.keySetRefs, job.alpha, b.text);
      if (detections) known.push({ blockId: b.blockId, detections });
      else todo.push(b);
    }
    const batches = splitBatches(todo, first, this.opts.maxBatchBlocks, this.opts.maxBatchChars);
    const state: JobState = { job: meta, remaining: batches.length, cancelled: false, onBatch };
    if (known.length > 0 || batches.length === 0) onBatch(this.resultsMessage(state, known, [], batches.length === 0));
    if (batches.length === 0) return;
    this.jobs.set(job.jobId, state);
    for (const b of batches) {
      this.queue.push({ id: this.nextId++, blocks: b, refs: job.keySetRefs, alpha: job.alpha, priority: false, job: state });
    }
    this.pump();
  }

  /**
   * Have the Workers compile `refs` now (documents already added), so the first page's blocks find
   * them ready: compiling (tokenizer, hash tables, test vectors, green-list store) is most of a cold
   * start. One Worker at a time: the first compiles with a core to itself (the page is loading on the
   * other), and each one that is done starts the next, up to the pool's size. Workers already running
   * are only given what they do not know yet. Returns the number of Workers now. The idle timer still
   * releases them if no work comes.
   */
  warm(refs: readonly string[]): number {
    const known = refs.filter((r) => this.docs.has(r));
    if (known.length === 0) return this.slots.length;
    this.warming = known;
    if (this.slots.length === 0) this.warmSlot(this.spawn());
    else for (const slot of this.slots) this.warmSlot(slot);
    this.noteActivity();
    return this.slots.length;
  }

  private warmSlot(slot: Slot): void {
    const fresh = this.warming.filter((r) => this.docs.has(r) && !slot.known.has(r));
    if (fresh.length === 0) return;
    for (const r of fresh) slot.known.add(r);
    // One Worker builds the frequent contexts' lists for all: the first one warmed.
    const prebuild = this.prebuilder === null || this.prebuilder === slot;
    if (prebuild) this.prebuilder = slot;
    slot.worker.postMessage({
      type: 'warm', keySets: fresh.map((ref) => ({ ref, document: this.docs.get(ref)! })), refs: fresh, prebuild, share: this.opts.size > 1,
    });
  }

  /** A Worker finished its warm-up: start the next one while the pool has room, and give it work. */
  private onWarm(slot: Slot): void {
    slot.ready = true;
    if (this.warming.length > 0 && this.slots.length < this.opts.size) this.warmSlot(this.spawn());
    if (this.slots.length >= this.opts.size) this.warming = [];
    this.pump();
  }

  /** Score one text now (ahead of queued page work). */
  checkText(
    text: string,
    refs: string[],
    alpha: number,
  ): Promise<{ detections: KeyDetection[]; keySetErrors: KeySetError[]; error?: string }> {
    const missing = this.missing(refs);
    if (missing.length) return Promise.reject(new MissingKeySetsError(missing));
    return new Promise((resolve) => {
      const batch: Batch = {
        id: this.nextId++,
        blocks: [{ blockId: 'check', text }],
        refs,
        alpha,
        priority: true,
        settle: ({ results, keySetErrors }) =>
          resolve({ detections: results[0]?.detections ?? [], keySetErrors, error: results[0]?.error }),
      };
      const at = this.queue.findIndex((b) => !b.priority);
      if (at < 0) this.queue.push(batch);
      else this.queue.splice(at, 0, batch);
      this.pump();
    });
  }

  /**
   * Validate and compile one untrusted key-set document (preview, add, update) in a throwaway Worker
   * with a time limit, never in the pool's Workers. Only a document that passed is kept for detection.
   */
  async compile(keySet: KeySetPayload): Promise<HostCompileReply> {
    // Preview then add check the same bytes twice in a row; a document that passed is not checked again
    // (a cold Worker needs seconds to load the tokenizer and the calibration sample). Matched on the
    // document itself, not only its ref. Failures are not kept: a time limit hit on a busy machine may pass later.
    const known = this.passed.get(keySet.ref);
    if (known !== undefined && known.document === keySet.document) return known.reply;
    // The same document asked for again while its check runs (the popup lists key sets on every open)
    // waits for that check instead of starting another Worker.
    const running = this.checking.get(keySet.ref);
    if (running !== undefined && running.document === keySet.document) return running.reply;
    const pending = compileInThrowawayWorker(this.opts.createWorker, keySet, this.opts.compileTimeLimitMs);
    this.checking.set(keySet.ref, { document: keySet.document, reply: pending });
    const reply = await pending.finally(() => {
      if (this.checking.get(keySet.ref)?.reply === pending) this.checking.delete(keySet.ref);
    });
    if (reply.ok) {
      this.addKeySets([keySet]);
      if (this.passed.size >= MAX_PASSED_REMEMBERED) this.passed.delete(this.passed.keys().next().value as string);
      this.passed.set(keySet.ref, { document: keySet.document, reply });
    }
    return reply;
  }

  /** Drop queued work matching `sel`; results of batches already running are discarded. Returns jobs hit. */
  cancel(sel: CancelSelector): number {
    let hit = 0;
    for (const [id, st] of this.jobs) {
      const j = st.job;
      if (j.tabId !== sel.tabId) continue;
      if (sel.pageId !== undefined && j.pageId !== sel.pageId) continue;
      if (sel.before !== undefined && j.createdAt >= sel.before) continue;
      st.cancelled = true;
      this.jobs.delete(id);
      hit++;
    }
    if (hit) this.queue = this.queue.filter((b) => !b.job?.cancelled);
    this.noteActivity();
    return hit;
  }

  /** Terminate every Worker now if none has work (what the idle timer does). Returns whether it did. */
  releaseIdleWorkers(): boolean {
    if (!this.isIdle()) return false;
    for (const slot of this.slots) slot.worker.terminate();
    this.slots.length = 0;
    this.warming = [];
    this.prebuilder = null;
    this.prebuilt = [];
    return true;
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.slots.every((s) => !s.busy);
  }

  /** Called after every change of work: (re)arms the idle timer when there is nothing left to do. */
  private noteActivity(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.slots.length === 0 || !this.isIdle() || !Number.isFinite(this.opts.idleMs)) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.releaseIdleWorkers();
    }, this.opts.idleMs);
  }

  /** For tests and diagnostics. */
  stats(): { workers: number; busy: number; queued: number; jobs: number } {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.busy).length,
      queued: this.queue.length,
      jobs: this.jobs.size,
    };
  }

  private spawn(): Slot {
    traceMark('pool: worker spawned');
    const slot: Slot = { worker: this.opts.createWorker(), known: new Set(), busy: null, ready: false };
    slot.worker.onmessage = (ev) => this.onWorkerMessage(slot, ev.data);
    slot.worker.onerror = (ev) => this.onWorkerError(slot, ev);
    this.slots.push(slot);
    for (const lists of this.prebuilt) slot.worker.postMessage({ type: 'prime', lists });
    return slot;
  }

  private pump(): void {
    this.dispatch();
    this.noteActivity();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      // While some Worker is ready, a batch waits for one rather than going to a Worker that is still
      // compiling (it would hold the batch for a whole cold compile); more Workers then come from the
      // warm-up chain (onWarm), or are started cold only when none is warming or compiling.
      const anyReady = this.slots.some((s) => s.ready);
      let slot = this.slots.find((s) => !s.busy && (s.ready || !anyReady));
      if (!slot) {
        if (this.slots.length >= this.opts.size) return;
        // While a warm-up chain runs, it alone starts Workers: one compile at a time gets its core.
        if (this.slots.length > 0 && (this.warming.length > 0 || (anyReady && this.slots.some((s) => !s.ready)))) return;
        slot = this.spawn();
      }
      const batch = this.queue.shift()!;
      traceMark('pool: batch dispatched');
      slot.busy = batch;
      const fresh = batch.refs.filter((r) => !slot.known.has(r));
      for (const r of fresh) slot.known.add(r);
      slot.worker.postMessage({
        type: 'detect',
        batchId: batch.id,
        keySets: fresh.map((ref) => ({ ref, document: this.docs.get(ref)! })),
        refs: batch.refs,
        blocks: batch.blocks,
        alpha: batch.alpha,
        share: this.opts.size > 1,
      });
    }
  }

  private onWorkerMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type === 'compile-result') return; // compiles run in throwaway Workers
    if (msg.type === 'warm-result') return this.onWarm(slot);
    if (msg.type === 'prebuilt') return this.onPrebuilt(slot, msg.lists, msg.ahead);
    slot.ready = true;
    addTraceMarks(msg.marks);
    traceMark('pool: batch answered (Σ Worker ms)', msg.ms);
    const batch = slot.busy;
    if (!batch || batch.id !== msg.batchId) return;
    slot.busy = null;
    this.finish(batch, msg.results, msg.keySetErrors);
    this.pump();
  }

  /**
   * Lists one Worker built: every other Worker gets them; those built ahead of pages (bounded by the
   * shipped contexts), Workers started later too.
   */
  private onPrebuilt(from: Slot, lists: PrebuiltLists, ahead: boolean): void {
    if (ahead) this.prebuilt.push(lists);
    const others = this.slots.filter((s) => s !== from);
    // Megabytes of bitsets on a long page: the last Worker gets the buffers themselves (moved, not
    // copied) unless they are kept here.
    others.forEach((slot, i) => {
      const move = !ahead && i === others.length - 1;
      slot.worker.postMessage({ type: 'prime', lists }, move ? [lists.seeds.buffer, lists.bits.buffer, lists.answers.buffer] : []);
    });
  }

  private onWorkerError(slot: Slot, ev: ErrorEvent): void {
    const error = `detection worker failed: ${ev.message || 'unknown error'}`;
    const batch = slot.busy;
    slot.worker.terminate();
    this.slots.splice(this.slots.indexOf(slot), 1);
    // Another Worker's warm-up builds the lists next time (what this one sent stays).
    if (this.prebuilder === slot) this.prebuilder = null;
    // A warm-up chain that lost a Worker ends; Workers are started on demand again.
    this.warming = [];
    if (batch) {
      this.finish(
        batch,
        batch.blocks.map((b) => ({ blockId: b.blockId, detections: [], error })),
        [],
      );
    }
    this.pump();
  }

  private finish(batch: Batch, results: BlockResult[], keySetErrors: KeySetError[]): void {
    if (batch.settle) {
      batch.settle({ results, keySetErrors });
      return;
    }
    if (keySetErrors.length === 0) {
      const texts = new Map(batch.blocks.map((b) => [b.blockId, b.text]));
      for (const r of results) {
        const text = texts.get(r.blockId);
        if (!r.error && text !== undefined) this.answers.set(batch.refs, batch.alpha, text, r.detections);
      }
    }
    const st = batch.job;
    if (!st || st.cancelled) return;
    st.remaining--;
    const done = st.remaining === 0;
    if (done) this.jobs.delete(st.job.jobId);
    st.onBatch(this.resultsMessage(st, results, keySetErrors, done));
  }

  private resultsMessage(st: JobState, results: BlockResult[], keySetErrors: KeySetError[], done: boolean): HostResults {
    const { jobId, tabId, frameId, pageId } = st.job;
    return { kind: 'host/results', jobId, tabId, frameId, pageId, results, keySetErrors, done };
  }
}
