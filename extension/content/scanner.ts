// The scan pipeline of one page: walk subtrees for blocks (time-sliced), hash their text, send only
// texts not scored before, apply streamed results, and forget blocks that left the page.
//
// Identity: a record per block element; a results cache per text hash, so a re-rendered post or the
// same quote twice on a page is never sent again. blockId = "<generation>.<hash>": after a rescan
// (new key sets, new α) late results of the old generation are ignored, as are results for an old
// pageId (bfcache, SPA navigation).
import type { KeyDetection, Verdict } from '../../src/detect-types';
import type { BackgroundDetectResults, BlockText as WireBlock, ContentDetectBlocks, DetectBlocksReply } from '../shared/messages';
import { takeBatch } from './batch';
import { MAX_BLOCK_CHARS, MIN_BLOCK_CHARS } from './block-rules';
import { buildBlockText, type BlockText } from './block-text';
import { reduceRoots } from './dirty-roots';
import { createDomAdapter, flatContains, flatParent, isRendered } from './dom-tree';
import { hashText } from './hash';
import { summarize, type BlockView } from './page-state';
import type { Renderer } from './renderer';
import { BlockSelector, type FoundBlock } from './select-blocks';
import { runSliced } from './slicer';
import { longestTaskMs, measured } from './task-meter';
import { correctedDetections, holmSurvivors } from './page-correction';
import { blockVerdict, flaggedRanges, type FlaggedRange } from './verdict';

export interface BlockRecord {
  id: string;
  el: Element;
  bt: BlockText<Node>;
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

/** Blocks sent and not yet answered; more wait in the queue (keeps a huge page from flooding the host). */
const MAX_OUTSTANDING = 192;
/** Changed subtrees walked per burst; more are lifted to their containers (see reduceRoots). */
export const MAX_ROOTS_PER_BURST = 200;
/** Beyond this many roots waiting, stop collecting and re-read the page once. */
export const MAX_PENDING_ROOTS = 20_000;
/** Results cached per page (by text hash). */
const MAX_CACHE = 20_000;
/** With blocks outstanding and no answer for this long, report the detector as unresponsive. */
const STALL_MS = 90_000;

export function newPageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Scanner {
  pageId = newPageId();
  /** Elements decided structural: the observer re-reads below them (see dirty-roots.ts). */
  readonly structural = new WeakSet<Node>();
  lastError: string | undefined;

  private generation = 0;
  private readonly records = new Map<Element, BlockRecord>();
  private readonly byId = new Map<string, BlockRecord>();
  private readonly cache = new Map<string, KeyDetection[]>();
  private readonly waiting = new Map<string, Set<BlockRecord>>();
  private queue: WireBlock[] = [];
  private readonly outstanding = new Map<string, string>();
  private roots: Node[] = [];
  private fullPending = false;
  private walking = false;
  private sending = false;
  private seq = 0;
  private walkSeq = 0;
  private lastProgress = 0;
  private stallTimer: ReturnType<typeof setInterval> | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Family-wise α of the page-level correction, or null when each test stands at its own α. */
  private correctionAlpha: number | null = null;
  private correctionPending = false;
  /** Results applied since the last correction pass: shown by that pass, whatever it decides. */
  private readonly awaitingCorrection = new Set<BlockRecord>();

  constructor(private readonly deps: ScannerDeps) {}

  /** Turn the page-level (Holm) correction on at family-wise level `alpha`, or off (null). */
  setPageCorrection(alpha: number | null): void {
    if (alpha === this.correctionAlpha) return;
    this.correctionAlpha = alpha;
    if (alpha === null) {
      for (const rec of this.records.values()) if (rec.status === 'done') this.display(rec, null);
      this.progress();
    } else this.scheduleCorrection();
  }

  get scanning(): boolean {
    return this.walking || this.fullPending || this.roots.length > 0 || this.queue.length > 0 || this.outstanding.size > 0;
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
    if (this.outstanding.size > 0 || this.queue.length > 0) this.deps.cancel(this.pageId);
    this.queue = [];
    this.outstanding.clear();
    this.waiting.clear();
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
    this.awaitingCorrection.clear();
    this.byId.clear();
    this.cache.clear();
    this.lastError = undefined;
    this.progress();
  }

  /** Key sets or settings changed: score everything again. */
  rescan(): void {
    this.clear();
    this.pageId = newPageId();
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
    const old = this.pageId;
    this.pageId = newPageId();
    if (this.outstanding.size === 0) return;
    this.deps.cancel(old);
    const resend = new Map<string, string>();
    for (const [blockId, hash] of this.outstanding) resend.set(blockId, hash);
    this.outstanding.clear();
    for (const [blockId, hash] of resend) {
      const rec = this.waiting.get(hash)?.values().next().value;
      if (rec) this.queue.unshift({ blockId, text: rec.bt.text });
    }
    void this.pumpSend();
  }

  readonly onResults = measured('apply results', (msg: BackgroundDetectResults): void => this.applyResults(msg));

  private applyResults(msg: BackgroundDetectResults): void {
    if (msg.pageId !== this.pageId || !Array.isArray(msg.results)) return;
    for (const r of msg.results) {
      const hash = this.outstanding.get(r.blockId);
      if (hash === undefined) continue;
      this.outstanding.delete(r.blockId);
      const recs = this.waiting.get(hash);
      this.waiting.delete(hash);
      if (r.error || !Array.isArray(r.detections)) {
        this.lastError = r.error ?? 'bad result';
        for (const rec of recs ?? []) {
          rec.status = 'error';
          rec.error = this.lastError;
        }
        continue;
      }
      this.remember(hash, r.detections);
      for (const rec of recs ?? []) {
        if (rec.hash === hash && this.records.get(rec.el) === rec) this.apply(rec, r.detections);
      }
    }
    this.lastProgress = Date.now();
    void this.pumpSend();
    this.progress();
  }

  blocks(): IterableIterator<BlockRecord> {
    return this.records.values();
  }

  byBlockId(id: string): BlockRecord | undefined {
    return this.byId.get(id);
  }

  state(page: { url: string; autoScanEnabled: boolean }) {
    const views: BlockView[] = [];
    for (const rec of this.records.values()) {
      if (!rec.el.isConnected) continue;
      views.push({
        id: rec.id,
        text: rec.bt.text,
        verdict: rec.verdict,
        tests: rec.detections.length,
        ranges: rec.ranges,
        truncated: rec.bt.truncated,
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
          await this.walk(document.documentElement, gen);
          continue;
        }
        if (this.roots.length === 0) break;
        const list = reduceRoots(this.roots, flatParent, MAX_ROOTS_PER_BURST);
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
      this.progress();
    }
  }

  private async walk(root: Node, gen: number): Promise<void> {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const rootEl = root as Element;
    const walkId = ++this.walkSeq;
    const adapter = createDomAdapter({ onShadowRoot: (r) => this.deps.onShadowRoot?.(r) });
    const selector = new BlockSelector(adapter, rootEl, (b) => this.accept(b, walkId), {
      onStructural: (el) => this.structural.add(el),
    });
    const done = await runSliced(measured('walk slice', (shouldYield: () => boolean) => selector.run(shouldYield)), {
      cancelled: () => gen !== this.generation,
    });
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
        if (!sameNodes(rec.bt, bt)) {
          rec.bt = bt;
          this.deps.renderer.refreshRanges(rec);
        }
        return;
      }
      this.deps.renderer.clear(rec, true);
      this.waiting.get(rec.hash)?.delete(rec);
      rec.bt = bt;
      rec.hash = hash;
      rec.ranges = [];
    } else {
      rec = {
        id: `b${++this.seq}`,
        el,
        bt,
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
    this.awaitingCorrection.delete(rec);
    this.byId.delete(rec.id);
    this.waiting.get(rec.hash)?.delete(rec);
  }

  // ---- detection requests --------------------------------------------------------------------------

  private request(rec: BlockRecord): void {
    const cached = this.cache.get(rec.hash);
    if (cached) {
      this.apply(rec, cached);
      return;
    }
    rec.status = 'queued';
    let set = this.waiting.get(rec.hash);
    if (!set) {
      set = new Set();
      this.waiting.set(rec.hash, set);
      this.queue.push({ blockId: `${this.generation}.${rec.hash}`, text: rec.bt.text });
      void this.pumpSend();
    }
    set.add(rec);
  }

  private apply(rec: BlockRecord, detections: KeyDetection[]): void {
    rec.detections = detections;
    rec.status = 'done';
    delete rec.error;
    if (this.correctionAlpha === null) this.display(rec, null, true);
    else {
      // Shown once the correction has seen it: a flag that Holm may withdraw a moment later would flicker.
      this.awaitingCorrection.add(rec);
      this.scheduleCorrection();
    }
  }

  /**
   * Show `rec` as its detections say, matches limited to `survivors` when the correction is on.
   * Unless `force`, a block whose verdict and ranges did not change is left as it is.
   */
  private display(rec: BlockRecord, survivors: ReadonlySet<KeyDetection> | null, force = false): void {
    const shown = survivors === null ? rec.detections : correctedDetections(rec.detections, survivors);
    const verdict = blockVerdict(shown);
    const ranges = verdict === 'watermarked' ? flaggedRanges(shown, rec.bt.text.length) : [];
    if (!force && verdict === rec.verdict && sameRanges(ranges, rec.ranges)) return;
    rec.verdict = verdict;
    rec.ranges = ranges;
    this.deps.renderer.show(rec);
  }

  /** Holm over every distinct text on the page, once per burst of results (its own task). */
  private scheduleCorrection(): void {
    if (this.correctionPending) return;
    this.correctionPending = true;
    setTimeout(() => {
      this.correctionPending = false;
      this.correct();
    }, 0);
  }

  private readonly correct = measured('page correction', (): void => {
    const alpha = this.correctionAlpha;
    const fresh = new Set(this.awaitingCorrection);
    this.awaitingCorrection.clear();
    if (alpha === null) {
      for (const rec of fresh) if (rec.status === 'done' && this.records.get(rec.el) === rec) this.display(rec, null, true);
      return;
    }
    const byHash = new Map<string, KeyDetection[]>();
    for (const rec of this.records.values()) if (rec.status === 'done' && rec.el.isConnected) byHash.set(rec.hash, rec.detections);
    const survivors = holmSurvivors([...byHash.values()], alpha);
    for (const rec of this.records.values()) if (rec.status === 'done') this.display(rec, survivors, fresh.has(rec));
    this.progress();
  });

  private remember(hash: string, detections: KeyDetection[]): void {
    if (this.cache.size >= MAX_CACHE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(hash, detections);
  }

  private async pumpSend(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0 && this.outstanding.size < MAX_OUTSTANDING) {
        const gen = this.generation;
        const batch = takeBatch(this.queue);
        for (const b of batch) this.outstanding.set(b.blockId, b.blockId.slice(b.blockId.indexOf('.') + 1));
        this.lastProgress = Date.now();
        this.watchStalls();
        let error: string | undefined;
        try {
          const reply = await this.deps.send({ kind: 'content/detect-blocks', pageId: this.pageId, blocks: batch });
          if (!reply) error = 'The extension did not accept the page’s text.';
          else if (!reply.ok) error = reply.error;
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
        if (gen !== this.generation) continue;
        if (error !== undefined) this.fail(batch.map((b) => b.blockId), error);
      }
    } finally {
      this.sending = false;
      this.progress();
    }
  }

  private fail(blockIds: string[], error: string): void {
    this.lastError = error;
    for (const id of blockIds) {
      const hash = this.outstanding.get(id);
      if (hash === undefined) continue;
      this.outstanding.delete(id);
      for (const rec of this.waiting.get(hash) ?? []) {
        rec.status = 'error';
        rec.error = error;
      }
      this.waiting.delete(hash);
    }
    this.progress();
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
    }, 10_000);
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

function sameRanges(a: readonly FlaggedRange[], b: readonly FlaggedRange[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.start !== y.start || x.end !== y.end || x.kid !== y.kid || x.keySetName !== y.keySetName || x.pValue !== y.pValue) return false;
  }
  return true;
}

function sameNodes(a: BlockText<Node>, b: BlockText<Node>): boolean {
  if (a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) if (a.segments[i].node !== b.segments[i].node) return false;
  return true;
}
