// Picks up text that appears or changes after the first scan (infinite scroll, "load more", edits)
// and turns each burst of mutations into a bounded set of subtrees to re-read.
//
// Bounds, so a hostile page cannot make this loop forever or hog the thread: records are folded into
// subtree roots in the observer callback (at most MAX_RECORDS looked at per callback, each climb
// bounded), roots are debounced (quiet 300 ms, but at least every 1.5 s), too many roots are lifted to
// their containers (dirty-roots.ts reduceRoots), and the re-read itself is time-sliced and
// skips unchanged text by hash. The extension's own changes (data-wmlens attributes in the test build, its UI host)
// are filtered out, so scanning never triggers itself.
import { debounce, type Debounced } from './debounce';
import { rootsForChange } from './dirty-roots';
import { flatParent } from './dom-tree';
import { isOwnUi } from './own-ui';
import { MAX_PENDING_ROOTS, type Scanner } from './scanner';
import { measured } from './task-meter';
import { notePageChanges } from './slicer';

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  // What can show, hide or regroup text. Not data-wmlens, which the extension writes itself.
  attributeFilter: ['hidden', 'aria-hidden', 'open', 'style', 'class', 'role', 'contenteditable'],
};
const QUIET_MS = 300;
const MAX_WAIT_MS = 1500;
/** Records looked at per callback; beyond this the burst is treated as "the whole page changed". */
const MAX_RECORDS = 5000;
/** Changes held back while the page's first walk is under way (beyond this: the whole page again). */
const MAX_DEFERRED = 5000;
/** Class and style toggles on <html>/<body> are mostly theme and scroll state, not new text. */
const GLOBAL_NOISE = new Set(['class', 'style']);

export class PageObserver {
  private readonly mo: MutationObserver;
  private observed = new WeakSet<Node>();
  private shadowRoots = new Set<ShadowRoot>();
  private readonly roots = new Set<Node>();
  private full = false;
  /**
   * Changes with no structural ancestor known *yet*: met while a walk of the whole page is still
   * finding its structural elements (a page whose feed or ads change while it is first read). Once
   * the walk ends they are placed again; only one still without a structural ancestor asks for the
   * whole page — before, any change during the first walk made a second walk of the whole page.
   */
  private readonly deferred = new Set<Node>();
  private removals = false;
  private running = false;
  private readonly flushSoon: Debounced;
  private url = location.href;

  constructor(
    private readonly scanner: Scanner,
    private readonly onUrlChange: () => void,
  ) {
    this.mo = new MutationObserver(measured('mutation records', (records: MutationRecord[]) => this.onRecords(records)));
    this.flushSoon = debounce(measured('mutation flush', () => this.flush()), QUIET_MS, MAX_WAIT_MS);
    scanner.onFullWalkDone = () => this.placeDeferred();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.observe(document.documentElement);
    for (const r of this.shadowRoots) this.observe(r);
  }

  stop(): void {
    this.running = false;
    this.mo.disconnect();
    this.observed = new WeakSet();
    this.flushSoon.cancel();
    this.roots.clear();
    this.deferred.clear();
    this.full = false;
  }

  /** Watch an open shadow root the walk found (observers do not see into shadow trees). */
  observe(root: Node): void {
    if (root instanceof ShadowRoot) this.shadowRoots.add(root);
    if (!this.running || this.observed.has(root)) return;
    this.observed.add(root);
    this.mo.observe(root, OPTIONS);
  }

  private onRecords(records: MutationRecord[]): void {
    notePageChanges();
    if (this.full) {
      this.flushSoon();
      return;
    }
    let looked = 0;
    const seenTargets = new Set<Node>();
    for (const rec of records) {
      if (++looked > MAX_RECORDS) {
        this.full = true;
        break;
      }
      if (rec.type === 'childList') {
        if (rec.removedNodes.length > 0) this.removals = true;
        const added = [...rec.addedNodes].filter((n) => n.nodeType === Node.ELEMENT_NODE || n.nodeType === Node.TEXT_NODE);
        const theirs = added.filter((n) => !isOurs(n));
        if (theirs.length === 0 && (rec.removedNodes.length === 0 || [...rec.removedNodes].every(isOurs))) continue;
        if (isOurs(rec.target)) continue;
        if (this.scanner.structural.has(rec.target)) {
          // New children of a structural element are read alone; text nodes there carry no verdict.
          for (const n of theirs) if (n.nodeType === Node.ELEMENT_NODE) this.roots.add(n);
          continue;
        }
        this.addChange(rec.target, seenTargets);
      } else if (rec.type === 'characterData') {
        const parent = rec.target.parentNode;
        if (parent) this.addChange(parent, seenTargets);
      } else if (rec.type === 'attributes') {
        const t = rec.target as Element;
        if (isOurs(t)) continue;
        if ((t === document.documentElement || t === document.body) && GLOBAL_NOISE.has(rec.attributeName ?? '')) continue;
        // A structural element that is shown or hidden changes every block under it.
        if (this.scanner.structural.has(t)) this.roots.add(t);
        else this.addChange(t, seenTargets);
      }
      if (this.roots.size > MAX_PENDING_ROOTS) {
        this.full = true;
        break;
      }
    }
    if (this.full) this.roots.clear();
    if (this.full || this.roots.size > 0 || this.removals) this.flushSoon();
  }

  private addChange(target: Node, seen: Set<Node>): void {
    if (seen.has(target)) return;
    seen.add(target);
    const roots = rootsForChange({ parentOf: flatParent, isStructural: (n) => this.scanner.structural.has(n) }, target);
    if (roots !== null) for (const r of roots) this.roots.add(r);
    else if (this.scanner.fullWalkActive && this.deferred.size < MAX_DEFERRED) this.deferred.add(target);
    else this.full = true;
  }

  private placeDeferred(): void {
    if (!this.running || this.deferred.size === 0) return;
    const targets = [...this.deferred];
    this.deferred.clear();
    if (this.full) return;
    const seen = new Set<Node>();
    for (const t of targets) if (t.isConnected) this.addChange(t, seen);
    if (this.full) this.roots.clear();
    if (this.full || this.roots.size > 0) this.flushSoon();
  }

  private flush(): void {
    if (!this.running) return;
    if (location.href !== this.url) {
      this.url = location.href;
      this.onUrlChange();
    }
    if (this.removals) {
      this.removals = false;
      this.scanner.pruneDetached();
    }
    if (this.full) {
      this.full = false;
      this.roots.clear();
      this.deferred.clear();
      this.scanner.requestWalk(null);
    } else if (this.roots.size > 0) {
      const roots = [...this.roots];
      this.roots.clear();
      this.scanner.requestWalk(roots);
    }
  }
}

function isOurs(n: Node): boolean {
  return isOwnUi(n);
}
