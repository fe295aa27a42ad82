// The scan pipeline of one page: walk subtrees for blocks (time-sliced), hash their text, ask for
// detections (request-queue.ts: each text once, cached, with backpressure and a stall watchdog), apply
// streamed results (shown by result-display.ts, which owns the page-level correction), and forget
// blocks that left the page. A record per block element.
import type { KeyDetection, Verdict } from '../../src/detect-types';
import type { BackgroundDetectResults, ContentDetectBlocks, DetectBlocksReply } from '../shared/messages';
import { MAX_BLOCK_CHARS, MIN_BLOCK_CHARS } from './block-rules';
import { buildBlockText, type BlockText } from './block-text';
import { rereadBlock } from './reread-block';
import { reduceRoots } from './dirty-roots';
import { createDomAdapter, flatContains, flatParent, isRendered } from './dom-tree';
import { hashText } from './hash';
import { summarize, type BlockView } from './page-state';
import type { Renderer } from './renderer';
import { BlockSelector, type FoundBlock } from './select-blocks';
import { runSliced, yieldBetweenSlices, yieldToMain } from './slicer';
import { longestTaskMs, measured } from './task-meter';
import { RequestQueue } from './request-queue';
import { ResultDisplay } from './result-display';
import type { FlaggedRange } from './verdict';
import { traceMark } from '../shared/trace';

export interface BlockRecord {
  id: string;
  el: Element;
  /** The block's text as scored (its first MAX_BLOCK_CHARS when `truncated`). */
  text: string;
  truncated: boolean;
  /**
   * Its text nodes: from the walk until its answer is shown, then only while it shows flagged spans
   * (read again when needed, see reread-block.ts).
   */
  located: BlockText<Node> | null;
  hash: string;
  /** What the page shows: from `detections`, after the page-level correction when it is on. */
  verdict: Verdict | null;
  /** The detector's answer per key, as it came. */
  detections: KeyDetection[];
  ranges: FlaggedRange[];
  status: 'queued' | 'done' | 'error';
  error?: string;
  /** The last walk that found this block; blocks a completed walk no longer finds are dropped. */
  seenWalk: number;
}

export interface ScannerDeps {
  /** undefined: nobody answered (the background went away). */
  send(msg: ContentDetectBlocks): Promise<DetectBlocksReply | undefined>;
  cancel(pageId: string): void;
  renderer: Renderer;
  /** Every open shadow root a walk enters. */
  onShadowRoot?(root: ShadowRoot): void;
  /** Scanning state changed (progress for the popup, tests). */
  onProgress?(): void;
}

/** Answers applied between two checks of the slice's time. */
const APPLY_STEP = 4;

/** Changed subtrees walked per burst; more are lifted to their containers (see reduceRoots). */
export const MAX_ROOTS_PER_BURST = 200;
/** Beyond this many roots waiting, stop collecting and re-read the page once. */
export const MAX_PENDING_ROOTS = 20_000;

export class Scanner {
  /** Elements decided structural: the observer re-reads below them (see dirty-roots.ts). */
  readonly structural = new WeakSet<Node>();
  /** A walk of the whole page is under way (its structural elements are still being found). */
  fullWalkActive = false;
  /** Called after each walk of the whole page (the observer re-places changes it could not place). */
  onFullWalkDone?: () => void;
  lastError: string | undefined;

  private generation = 0;
  private readonly records = new Map<Element, BlockRecord>();
  private readonly byId = new Map<string, BlockRecord>();
  private readonly requests: RequestQueue<BlockRecord>;
  private roots: Node[] = [];
  private fullPending = false;
  private walking = false;
  private seq = 0;
  private walkSeq = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly display: ResultDisplay<BlockRecord>;

  constructor(private readonly deps: ScannerDeps) {
    this.display = new ResultDisplay<BlockRecord>({
      blocks: () => this.records.values(),
      isCurrent: (rec) => this.records.get(rec.el) === rec,
      show: (rec) => {
        if (rec.verdict === 'watermarked' && rec.ranges.length > 0) this.locate(rec);
        else rec.located = null;
        deps.renderer.show(rec);
      },
      onChanged: () => this.progress(),
    });
    this.requests = new RequestQueue<BlockRecord>({
      send: (msg) => deps.send(msg),
      cancel: (pageId) => deps.cancel(pageId),
      onAnswer: (recs, detections) => {
        for (const rec of recs) {
          if (this.records.get(rec.el) !== rec) continue;
          // A text already answered on this page is answered while the walk reads it: shown later, by
          // the apply slices, so a walk slice only reads the DOM and never lays out its own writes.
          if (this.inWalkSlice) this.inbox.push({ rec, hash: rec.hash, detections });
          else this.apply(rec, detections);
        }
      },
      onError: (recs, error) => {
        this.lastError = error;
        for (const rec of recs) {
          rec.status = 'error';
          rec.error = error;
        }
      },
      onProgress: () => this.progress(),
    });
  }

  /** Identifies this document's requests; changes on rescan and renewPage. */
  get pageId(): string {
    return this.requests.pageId;
  }

  /** Turn the page-level (Holm) correction on at family-wise level `alpha`, or off (null). */
  setPageCorrection(alpha: number | null): void {
    this.display.setCorrection(alpha);
  }

  get scanning(): boolean {
    return this.walking || this.fullPending || this.roots.length > 0 || this.requests.busy || this.inbox.length > 0;
  }

  /** Re-read these subtrees, or the whole page (null). */
  requestWalk(roots: Node[] | null): void {
    if (roots === null) this.fullPending = true;
    else if (!this.fullPending) {
      this.roots.push(...roots);
      if (this.roots.length > MAX_PENDING_ROOTS) {
        this.roots = [];
        this.fullPending = true;
      }
    }
    void this.pumpWalks();
  }

  /** Resolves when nothing is being walked, queued or awaited. */
  idle(): Promise<void> {
    if (!this.scanning) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop all work in progress (records and what is shown stay). */
  stop(): void {
    this.generation++;
    this.requests.stop();
    // Cached answers not shown yet: their blocks are no longer being scored.
    for (let i = this.inbox.length - 1; i >= 0; i--) if ('rec' in this.inbox[i]) this.inbox.splice(i, 1);
    this.roots = [];
    this.fullPending = false;
    for (const rec of this.records.values()) if (rec.status === 'queued') rec.status = 'error';
    this.progress();
  }

  /** Forget every verdict and remove everything shown. */
  clear(): void {
    this.stop();
    for (const rec of this.records.values()) this.deps.renderer.clear(rec);
    this.records.clear();
    this.display.clear();
    this.byId.clear();
    this.requests.clearCache();
    this.lastError = undefined;
    this.progress();
  }

  /** Key sets or settings changed: score everything again. */
  rescan(): void {
    this.clear();
    this.requests.newPage();
    this.requestWalk(null);
  }

  /** "Scan this page" on a page already scanned: retry failed blocks and look for new ones. */
  retryAndWalk(): void {
    this.lastError = undefined;
    for (const rec of this.records.values()) if (rec.status === 'error') this.request(rec);
    this.requestWalk(null);
  }

  /** A new document identity (bfcache restore, SPA navigation): re-send what was never answered. */
  renewPage(): void {
    this.requests.renewPage();
  }

  /**
   * Streamed answers. Applied a few blocks at a time in time slices (each shown block builds its
   * ranges, a badge and its card), so a burst of answers for a long page never makes a long task.
   */
  onResults(msg: BackgroundDetectResults): void {
    traceMark('content: results received');
    this.inbox.push(msg);
    if (!this.applying) void this.applyInbox();
  }

  /** Streamed answers, and cached answers met by a walk slice (shown after it). */
  private readonly inbox: (BackgroundDetectResults | CachedAnswer)[] = [];
  private applying = false;
  private inWalkSlice = false;

  private async applyInbox(): Promise<void> {
    this.applying = true;
    try {
      while (this.inbox.length > 0) {
        await runSliced(this.applySlice, { yielder: yieldToMain });
      }
    } finally {
      this.applying = false;
      this.progress();
    }
  }

  /** Apply answers until the inbox is empty (true) or the slice is used up (false). */
  private readonly applySlice = measured('apply results', (shouldYield: () => boolean): boolean => {
    while (this.inbox.length > 0) {
      const item = this.inbox[0];
      if ('rec' in item) {
        this.inbox.shift();
        // Still the block's record, with the text that was answered.
        if (this.records.get(item.rec.el) === item.rec && item.rec.hash === item.hash) this.apply(item.rec, item.detections);
      } else {
        const n = Math.min(APPLY_STEP, item.results.length);
        const part = n === item.results.length ? item : { ...item, results: item.results.slice(0, n) };
        if (part !== item) item.results = item.results.slice(n);
        else this.inbox.shift();
        this.requests.onResults(part);
      }
      if (this.inbox.length === 0) traceMark('content: results applied');
      if (shouldYield()) return this.inbox.length === 0;
    }
    return true;
  });

  blocks(): IterableIterator<BlockRecord> {
    return this.records.values();
  }

  byBlockId(id: string): BlockRecord | undefined {
    return this.byId.get(id);
  }

  /** The record's text nodes, read again if it does not hold them; null if its text changed since. */
  locate(rec: BlockRecord): BlockText<Node> | null {
    if (rec.located === null) {
      const bt = rec.el.isConnected ? rereadBlock(rec.el) : null;
      if (bt !== null && bt.text === rec.text) rec.located = bt;
    }
    return rec.located;
  }

  state(page: { url: string; autoScanEnabled: boolean }) {
    const views: BlockView[] = [];
    for (const rec of this.records.values()) {
      if (!rec.el.isConnected) continue;
      views.push({
        id: rec.id,
        text: rec.text,
        verdict: rec.verdict,
        tests: rec.detections.length,
        ranges: rec.ranges,
        truncated: rec.truncated,
      });
    }
    const state = summarize(views, {
      ...page,
      scanning: this.scanning,
      ...(this.lastError !== undefined ? { error: this.lastError } : {}),
    });
    return { ...state, longestTaskMs: longestTaskMs() };
  }

  // ---- walking -------------------------------------------------------------------------------------

  private async pumpWalks(): Promise<void> {
    if (this.walking) return;
    this.walking = true;
    try {
      for (;;) {
        const gen = this.generation;
        if (this.fullPending) {
          this.fullPending = false;
          this.roots = [];
          this.fullWalkActive = true;
          try {
            await this.walk(document.documentElement, gen);
          } finally {
            this.fullWalkActive = false;
            this.onFullWalkDone?.();
          }
          continue;
        }
        if (this.roots.length === 0) break;
        const list = reduceRoots(this.roots, flatParent, MAX_ROOTS_PER_BURST, (n) => n.isConnected);
        this.roots = [];
        if (list === null) {
          this.fullPending = true;
          continue;
        }
        for (const root of list) {
          if (this.fullPending || gen !== this.generation) break;
          if (root.isConnected) await this.walk(root, gen);
        }
      }
    } finally {
      this.walking = false;
      // Blocks met by the walks are queued by now (a microtask after each slice); nothing else is coming.
      queueMicrotask(() => {
        if (!this.walking) this.requests.flush();
      });
      this.progress();
    }
  }

  private async walk(root: Node, gen: number): Promise<void> {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const rootEl = root as Element;
    const walkId = ++this.walkSeq;
    const adapter = createDomAdapter({ onShadowRoot: (r) => this.deps.onShadowRoot?.(r) });
    traceMark('content: walk start');
    const selector = new BlockSelector(adapter, rootEl, (b) => this.accept(b, walkId), {
      onStructural: (el) => this.structural.add(el),
    });
    let busyMs = 0;
    let slices = 0;
    const slice = measured('walk slice', (shouldYield: () => boolean) => {
      const t0 = __WMLENS_E2E__ ? performance.now() : 0;
      this.inWalkSlice = true;
      try {
        return selector.run(shouldYield);
      } finally {
        this.inWalkSlice = false;
        if (this.inbox.length > 0 && !this.applying) {
          void yieldToMain().then(() => {
            if (!this.applying) void this.applyInbox();
          });
        }
        if (__WMLENS_E2E__) {
          busyMs += performance.now() - t0;
          slices++;
        }
      }
    });
    // The first slice too starts after a yield: a walk asked for from a mutation burst, or at start while
    // the page is still laying itself out, would otherwise run the page's pending style and layout.
    await yieldBetweenSlices();
    const done = await runSliced(slice, { cancelled: () => gen !== this.generation, yielder: () => yieldBetweenSlices() });
    traceMark(`content: walk end (${Math.round(busyMs)} ms busy in ${slices} slices)`);
    if (done) this.retire(rootEl, walkId);
  }

  private accept(found: FoundBlock<Node, Element>, walkId: number): void {
    const el = found.el;
    if (!el.isConnected) return;
    const bt = buildBlockText(found.paras, MAX_BLOCK_CHARS);
    if (bt.text.trim().length < MIN_BLOCK_CHARS) return;
    if (!isRendered(el)) return;
    const hash = hashText(bt.text);
    let rec = this.records.get(el);
    if (rec) {
      rec.seenWalk = walkId;
      if (rec.hash === hash) {
        // Shown spans hold ranges over the nodes they were drawn on: the page may have replaced them.
        if (rec.located !== null && !sameNodes(rec.located, bt)) {
          rec.located = bt;
          this.deps.renderer.refreshRanges(rec);
        }
        return;
      }
      this.deps.renderer.clear(rec, true);
      this.requests.forget(rec, rec.hash);
      rec.text = bt.text;
      rec.truncated = bt.truncated;
      rec.located = bt;
      rec.hash = hash;
      rec.ranges = [];
    } else {
      rec = {
        id: `b${++this.seq}`,
        el,
        text: bt.text,
        truncated: bt.truncated,
        located: bt,
        hash,
        verdict: null,
        detections: [],
        ranges: [],
        status: 'queued',
        seenWalk: walkId,
      };
      this.records.set(el, rec);
      this.byId.set(rec.id, rec);
    }
    this.request(rec);
  }

  /** Drop blocks under `root` that the walk did not find again (removed, hidden, regrouped). */
  private retire(root: Element, walkId: number): void {
    const whole = root === document.documentElement;
    for (const rec of [...this.records.values()]) {
      if (rec.seenWalk === walkId) continue;
      if (!rec.el.isConnected || whole || flatContains(root, rec.el)) this.drop(rec);
    }
  }

  /** Forget blocks whose element left the page (cheap; run after bursts of removals). */
  pruneDetached(): void {
    for (const rec of [...this.records.values()]) if (!rec.el.isConnected) this.drop(rec);
  }

  private drop(rec: BlockRecord): void {
    this.deps.renderer.clear(rec);
    this.records.delete(rec.el);
    this.display.forget(rec);
    this.byId.delete(rec.id);
    this.requests.forget(rec, rec.hash);
  }

  // ---- detection requests --------------------------------------------------------------------------

  private request(rec: BlockRecord): void {
    rec.status = 'queued';
    // Answered synchronously (apply) when the text's detections are cached.
    this.requests.request(rec, rec.hash, rec.text);
  }

  private apply(rec: BlockRecord, detections: KeyDetection[]): void {
    rec.detections = detections;
    rec.status = 'done';
    delete rec.error;
    this.display.answered(rec);
  }

  private progress(): void {
    this.deps.onProgress?.();
    if (!this.scanning && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}

interface CachedAnswer {
  rec: BlockRecord;
  /** The text answered: the record may have changed text since. */
  hash: string;
  detections: KeyDetection[];
}

function sameNodes(a: BlockText<Node>, b: BlockText<Node>): boolean {
  if (a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) if (a.segments[i].node !== b.segments[i].node) return false;
  return true;
}
