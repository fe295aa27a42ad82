// Detection requests of one page: each distinct text (by hash) is sent once and its answer cached, so a
// re-rendered post or the same quote twice is never sent again; at most MAX_OUTSTANDING blocks are
// awaited at a time (backpressure: the rest wait here, not in the background); a watchdog fails what the
// detector stopped answering. blockId = "<generation>.<hash>": after stop() late answers of the old
// generation are ignored, as are answers for an old pageId (bfcache, SPA navigation).
import type { KeyDetection } from '../../src/detect-types';
import type { BackgroundDetectResults, BlockText as WireBlock, ContentDetectBlocks, DetectBlocksReply } from '../shared/messages';
import { MAX_BATCH_BLOCKS, MAX_BATCH_CHARS, takeBatch } from './batch';
import { traceMark } from '../shared/trace';

/**
 * Blocks sent and not yet answered, at most. A window, not a queue length: an answer takes a round trip
 * through the background and the compute host (0.1 s and more on a busy machine, even from the host's
 * result cache), and at 192 a 500-post page waited for three of them before its last blocks could go.
 */
export const MAX_OUTSTANDING = 512;
/** Answers remembered per page (oldest forgotten first). */
export const MAX_CACHE = 20_000;
/** A part batch waits at most this long for more blocks while others are awaited. */
export const COALESCE_MS = 30;
/** No answer for this long while blocks are outstanding: they fail. */
export const STALL_MS = 90_000;
const STALL_CHECK_MS = 10_000;

export function newPageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface RequestQueueDeps<T> {
  /** undefined: nobody answered (the background went away). */
  send(msg: ContentDetectBlocks): Promise<DetectBlocksReply | undefined>;
  /** Drop the background's queued work for a page. */
  cancel(pageId: string): void;
  /** The detections of a text arrived (or were cached): every item waiting for it gets them. */
  onAnswer(items: ReadonlySet<T>, detections: KeyDetection[]): void;
  onError(items: ReadonlySet<T>, error: string): void;
  /** Something was sent, answered or failed. */
  onProgress(): void;
}

export class RequestQueue<T> {
  private pageIdValue = newPageId();
  private generation = 0;
  private queue: WireBlock[] = [];
  /** blockId → hash and text of what was sent and not yet answered. */
  private readonly outstanding = new Map<string, { hash: string; text: string }>();
  private readonly waiting = new Map<string, Set<T>>();
  private readonly cache = new Map<string, KeyDetection[]>();
  private pumpScheduled = false;
  private coalesceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastProgress = 0;
  private stallTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: RequestQueueDeps<T>) {}

  get pageId(): string {
    return this.pageIdValue;
  }

  /** Queued or awaiting an answer. */
  get busy(): boolean {
    return this.queue.length > 0 || this.outstanding.size > 0;
  }

  get outstandingCount(): number {
    return this.outstanding.size;
  }

  /** Ask for `hash`'s detections on behalf of `item`: answered at once from the cache, else when they come. */
  request(item: T, hash: string, text: string): void {
    const cached = this.cache.get(hash);
    if (cached) {
      this.deps.onAnswer(new Set([item]), cached);
      return;
    }
    let set = this.waiting.get(hash);
    if (!set) {
      set = new Set();
      this.waiting.set(hash, set);
      this.queue.push({ blockId: `${this.generation}.${hash}`, text });
      this.pump();
    }
    set.add(item);
  }

  /** `item` no longer wants an answer (it left the page). */
  forget(item: T, hash: string): void {
    this.waiting.get(hash)?.delete(item);
  }

  /** Drop everything queued or awaited (the background is told to drop its part); the cache stays. */
  stop(): void {
    this.generation++;
    if (this.busy) this.deps.cancel(this.pageIdValue);
    this.queue = [];
    this.outstanding.clear();
    this.waiting.clear();
  }

  clearCache(): void {
    this.cache.clear();
  }

  /** A new page identity with nothing carried over (rescan). */
  newPage(): void {
    this.pageIdValue = newPageId();
  }

  /** A new document identity (bfcache restore, SPA navigation): send again what was never answered. */
  renewPage(): void {
    const old = this.pageIdValue;
    this.pageIdValue = newPageId();
    if (this.outstanding.size === 0) return;
    this.deps.cancel(old);
    const resend = [...this.outstanding];
    this.outstanding.clear();
    for (const [blockId, { text }] of resend.reverse()) this.queue.unshift({ blockId, text });
    this.pump();
  }

  /**
   * No more blocks are coming for now (the walks are done): send a part batch waiting for company at
   * once rather than after COALESCE_MS, which on a page whose walk ends last is the last batch's delay.
   */
  flush(): void {
    if (this.coalesceTimer === undefined) return;
    clearTimeout(this.coalesceTimer);
    this.coalesceTimer = undefined;
    this.sendQueued(true);
  }

  /** Streamed answers from the background. */
  onResults(msg: BackgroundDetectResults): void {
    if (msg.pageId !== this.pageIdValue) return;
    for (const r of msg.results) {
      const sent = this.outstanding.get(r.blockId);
      if (sent === undefined) continue;
      this.outstanding.delete(r.blockId);
      const items = this.waiting.get(sent.hash) ?? new Set<T>();
      this.waiting.delete(sent.hash);
      if (r.error) this.deps.onError(items, r.error);
      else {
        this.remember(sent.hash, r.detections);
        this.deps.onAnswer(items, r.detections);
      }
    }
    this.lastProgress = Date.now();
    this.pump();
    this.deps.onProgress();
  }

  private remember(hash: string, detections: KeyDetection[]): void {
    if (this.cache.size >= MAX_CACHE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(hash, detections);
  }

  /**
   * Send what is queued, in batches, up to MAX_OUTSTANDING blocks. Runs as a microtask after the code
   * that queued blocks (a walk slice), so the slice's blocks go out together; batches go out without
   * waiting for the previous one's reply (a reply only says "queued": waiting would put a round trip
   * through the background in front of every batch). A part batch goes at once only when nothing is
   * awaited (the page's first blocks); otherwise it waits up to COALESCE_MS for more, so a page's
   * blocks travel in few messages (each costs the background a key-set lookup and a hop).
   */
  private pump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.sendQueued(false);
    });
  }

  private sendQueued(flush: boolean): void {
    let sent = false;
    while (this.queue.length > 0 && this.outstanding.size < MAX_OUTSTANDING) {
      const room = Math.min(MAX_BATCH_BLOCKS, MAX_OUTSTANDING - this.outstanding.size);
      if (!flush && this.outstanding.size > 0 && !fillsBatch(this.queue, room)) {
        this.coalesceTimer ??= setTimeout(() => {
          this.coalesceTimer = undefined;
          this.sendQueued(true);
        }, COALESCE_MS);
        break;
      }
      // Never past the bound, even by part of a batch.
      const batch = takeBatch(this.queue, room);
      for (const b of batch) this.outstanding.set(b.blockId, { hash: b.blockId.slice(b.blockId.indexOf('.') + 1), text: b.text });
      void this.sendBatch(batch);
      sent = true;
    }
    if (sent) {
      this.lastProgress = Date.now();
      this.watchStalls();
      this.deps.onProgress();
    }
  }

  private async sendBatch(batch: WireBlock[]): Promise<void> {
    const gen = this.generation;
    let error: string | undefined;
    traceMark('content: blocks sent');
    try {
      const reply = await this.deps.send({ kind: 'content/detect-blocks', pageId: this.pageIdValue, blocks: batch });
      if (!reply) error = 'The extension did not accept the page’s text.';
      else if (!reply.ok) error = reply.error;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (gen !== this.generation) return;
    if (error !== undefined) this.fail(batch.map((b) => b.blockId), error);
  }

  private fail(blockIds: string[], error: string): void {
    for (const id of blockIds) {
      const sent = this.outstanding.get(id);
      if (sent === undefined) continue;
      this.outstanding.delete(id);
      const items = this.waiting.get(sent.hash) ?? new Set<T>();
      this.waiting.delete(sent.hash);
      this.deps.onError(items, error);
    }
    this.deps.onProgress();
  }

  private watchStalls(): void {
    if (this.stallTimer !== undefined) return;
    this.stallTimer = setInterval(() => {
      if (this.outstanding.size === 0) {
        clearInterval(this.stallTimer);
        this.stallTimer = undefined;
        return;
      }
      if (Date.now() - this.lastProgress > STALL_MS) this.fail([...this.outstanding.keys()], 'The detector did not answer.');
    }, STALL_CHECK_MS);
  }
}

/** Whether `queue` holds a whole batch (by count or characters). */
function fillsBatch(queue: readonly { text: string }[], maxBlocks: number): boolean {
  if (queue.length >= maxBlocks) return true;
  let chars = 0;
  for (const b of queue) if ((chars += b.text.length) >= MAX_BATCH_CHARS) return true;
  return false;
}
