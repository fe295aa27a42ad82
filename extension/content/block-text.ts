// A block's text as the reader sees it, plus a map from every char of that text back to the text node
// it came from, so a detector span [start, end) can become a DOM Range across text nodes.
//
// Whitespace follows CSS rendering, not the raw DOM: source indentation and newlines inside a paragraph
// collapse to one space (the watermarked text the model wrote had spaces there), runs collapse across
// node boundaries, and whitespace at line starts/ends disappears. `pre`/`pre-line` keep their newlines.
// Paragraphs are joined with "\n\n" after a <p> and "\n" otherwise, like innerText. The reference
// `unicode` normalizer deletes newlines ("end.\nNext" → "end.Next"), so only the one or two tokens at a
// paragraph seam are affected; keys without normalizers see the same "\n\n" an LLM writes.
// Generic over the node type so the arithmetic is unit-tested without a DOM.

export type WsMode = 'normal' | 'pre' | 'pre-line';

export interface TextRun<N> {
  node: N;
  data: string;
  mode: WsMode;
}
/** A <br>. */
export interface LineBreak {
  br: true;
}
export type InlineItem<N> = TextRun<N> | LineBreak;

export interface Para<N> {
  items: InlineItem<N>[];
  /** Newlines that separate this paragraph from the next one (2 after a <p>, like innerText). */
  gap: 1 | 2;
}

/**
 * One stretch of output text. `copy`: output char i is node char nodeStart + i. `collapsed`: the
 * output chars stand for node chars [nodeStart, nodeEnd) as a whole (a whitespace run). `synthetic`:
 * paragraph separators and <br> newlines, which belong to no text node.
 */
export interface Segment<N> {
  start: number;
  end: number;
  kind: 'copy' | 'collapsed' | 'synthetic';
  node: N | null;
  nodeStart: number;
  nodeEnd: number;
}

export interface BlockText<N> {
  text: string;
  segments: Segment<N>[];
  /** The block had more text than `maxChars`; only the first part is in `text`. */
  truncated: boolean;
}

export interface Boundary<N> {
  node: N;
  offset: number;
}

const COLLAPSIBLE = /[ \t\n\r\f]+/g;
/** Whitespace the fast path does not handle: anything but a single space. */
const NOT_PLAIN = /[\t\n\r\f]| {2}/;
const PRE_LINE_WS = /[ \t\r\f]*\n[ \t\n\r\f]*|[ \t\r\f]+/g;
// When truncating, back up to a word boundary if there is one this close to the cut.
const WORD_BACKOFF = 200;

export function buildBlockText<N>(paras: readonly Para<N>[], maxChars = Infinity, opts: { fastPath?: boolean } = {}): BlockText<N> {
  const b = new Builder<N>(maxChars, opts.fastPath ?? true);
  for (const para of paras) {
    if (b.full) break;
    b.startPara(para.gap);
    for (const item of para.items) {
      if (b.full) break;
      if ('br' in item) b.lineBreak();
      else b.run(item);
    }
  }
  return b.finish();
}

class Builder<N> {
  private readonly chunks: string[] = [];
  private len = 0;
  private readonly segs: Segment<N>[] = [];
  /** Separator owed before the next visible char of a new paragraph. */
  private pendingSep = '';
  /** A collapsible whitespace run owed before the next visible char on the same line. */
  private pendingSpace: { node: N; start: number; end: number; plain: boolean } | null = null;
  private atLineStart = true;
  private paraHasContent = false;
  /** Gap of the current paragraph, and of the last one that had text (empty ones do not count). */
  private gap: 1 | 2 = 1;
  private lastGap: 1 | 2 = 1;
  full = false;
  truncated = false;

  constructor(
    private readonly maxChars: number,
    /** Off only in tests, which check that both paths build the same text and segments. */
    private readonly fastPath: boolean,
  ) {}

  startPara(gap: 1 | 2): void {
    if (this.len > 0) this.pendingSep = '\n'.repeat(this.lastGap);
    this.gap = gap;
    this.pendingSpace = null;
    this.atLineStart = true;
    this.paraHasContent = false;
  }

  lineBreak(): void {
    // A <br> is owed like a separator: <br>s at a paragraph's start or end carry no text and vanish.
    if (!this.paraHasContent) return;
    this.pendingSep += '\n';
    this.pendingSpace = null;
    this.atLineStart = true;
  }

  run(r: TextRun<N>): void {
    const data = this.window(r.data);
    if (r.mode === 'pre') {
      if (data.length > 0) this.content(r.node, data, 0, data.length);
      return;
    }
    if (this.fastPath && r.mode === 'normal' && this.plain(r.node, data)) return;
    const re = r.mode === 'normal' ? COLLAPSIBLE : PRE_LINE_WS;
    re.lastIndex = 0;
    let pos = 0;
    while (!this.full) {
      const m = re.exec(data);
      const wsStart = m ? m.index : data.length;
      if (wsStart > pos) this.content(r.node, data, pos, wsStart);
      if (!m) break;
      const wsEnd = wsStart + m[0].length;
      const newlines = r.mode === 'pre-line' ? countNewlines(m[0]) : 0;
      if (newlines > 0) {
        if (!this.pendingSep && this.paraHasContent) {
          this.pendingSpace = null;
          this.emit('\n'.repeat(newlines), 'collapsed', r.node, wsStart, wsEnd);
          this.atLineStart = true;
        }
      } else if (!this.atLineStart && !this.pendingSpace) {
        this.pendingSpace = { node: r.node, start: wsStart, end: wsEnd, plain: m[0] === ' ' };
      }
      pos = wsEnd;
    }
  }

  /**
   * The common case, read in one step: collapsible text whose only whitespace is single spaces
   * between words (and maybe one at either end), with room for all of it. The words and the spaces
   * between them map 1:1, so it is one segment, as the general loop would build it one word at a time.
   */
  private plain(node: N, data: string): boolean {
    if (this.len + data.length + 2 >= this.maxChars || NOT_PLAIN.test(data)) return false;
    let a = 0;
    let b = data.length;
    if (data.charCodeAt(0) === 32) {
      a = 1;
      if (!this.atLineStart && !this.pendingSpace) this.pendingSpace = { node, start: 0, end: 1, plain: true };
    }
    const trailing = b > a && data.charCodeAt(b - 1) === 32;
    if (trailing) b--;
    if (b > a) this.content(node, data, a, b);
    if (trailing && !this.atLineStart && !this.pendingSpace) this.pendingSpace = { node, start: b, end: b + 1, plain: true };
    return true;
  }

  /** Only look at as much of a huge text node as could still fit (a 2 MB paragraph is read in part). */
  private window(data: string): string {
    const room = this.maxChars - this.len;
    const cap = room * 4 + 4096;
    if (data.length <= cap) return data;
    this.truncated = true;
    return data.slice(0, cap);
  }

  private content(node: N, data: string, start: number, end: number): void {
    if (this.pendingSep) {
      this.emit(this.pendingSep, 'synthetic', null, 0, 0);
      this.pendingSep = '';
      this.pendingSpace = null;
    } else if (this.pendingSpace) {
      const s = this.pendingSpace;
      this.pendingSpace = null;
      // A single plain space maps 1:1 and merges with the words around it into one segment.
      this.emit(' ', s.plain ? 'copy' : 'collapsed', s.node, s.start, s.end);
      // A lone collapsed space was the last char that fit: do not start the word after it.
      if (this.full) return;
    }
    this.atLineStart = false;
    this.paraHasContent = true;
    this.lastGap = this.gap;
    this.emit(data.slice(start, end), 'copy', node, start, end);
  }

  private emit(out: string, kind: Segment<N>['kind'], node: N | null, nodeStart: number, nodeEnd: number): void {
    const room = this.maxChars - this.len;
    if (room <= 0) {
      this.full = this.truncated = true;
      return;
    }
    if (out.length > room) {
      if (kind !== 'copy') {
        this.full = this.truncated = true;
        return;
      }
      out = out.slice(0, room);
      nodeEnd = nodeStart + room;
      this.full = this.truncated = true;
    }
    const start = this.len;
    const last = this.segs[this.segs.length - 1];
    // Adjacent identity stretches of one node merge, so a plain paragraph is a single segment.
    if (kind === 'copy' && last && last.kind === 'copy' && last.node === node && last.nodeEnd === nodeStart) {
      last.end += out.length;
      last.nodeEnd = nodeEnd;
    } else {
      this.segs.push({ start, end: start + out.length, kind, node, nodeStart, nodeEnd });
    }
    this.chunks.push(out);
    this.len += out.length;
    if (this.len >= this.maxChars) this.full = true;
  }

  finish(): BlockText<N> {
    let text = this.chunks.join('');
    if (this.truncated) {
      const cut = wordCut(text);
      if (cut < text.length) {
        text = text.slice(0, cut);
        clipSegments(this.segs, cut);
      }
    }
    return { text, segments: this.segs, truncated: this.truncated };
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function wordCut(text: string): number {
  for (let i = text.length - 1; i >= Math.max(0, text.length - WORD_BACKOFF); i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10) return i;
  }
  return text.length;
}

function clipSegments<N>(segs: Segment<N>[], cut: number): void {
  while (segs.length > 0 && segs[segs.length - 1].start >= cut) segs.pop();
  const last = segs[segs.length - 1];
  if (last && last.end > cut) {
    if (last.kind === 'copy') last.nodeEnd = last.nodeStart + (cut - last.start);
    last.end = cut;
  }
}

function segmentAt<N>(segs: readonly Segment<N>[], offset: number): number {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Where text offset `offset` starts in the DOM (skipping separators forward). */
export function startBoundary<N>(bt: BlockText<N>, offset: number): Boundary<N> | null {
  const segs = bt.segments;
  let i = segmentAt(segs, Math.max(0, offset));
  if (i < 0) return null;
  let s = segs[i];
  if (s.kind === 'synthetic') {
    while (++i < segs.length && segs[i].kind === 'synthetic');
    if (i >= segs.length) return null;
    s = segs[i];
    return { node: s.node as N, offset: s.nodeStart };
  }
  if (s.kind === 'collapsed') return { node: s.node as N, offset: s.nodeStart };
  return { node: s.node as N, offset: s.nodeStart + (offset - s.start) };
}

/** Where the text ending just before `offset` ends in the DOM (skipping separators backward). */
export function endBoundary<N>(bt: BlockText<N>, offset: number): Boundary<N> | null {
  const segs = bt.segments;
  let i = segmentAt(segs, Math.min(bt.text.length, offset) - 1);
  if (i < 0) return null;
  let s = segs[i];
  if (s.kind === 'synthetic') {
    while (--i >= 0 && segs[i].kind === 'synthetic');
    if (i < 0) return null;
    s = segs[i];
    return { node: s.node as N, offset: s.nodeEnd };
  }
  if (s.kind === 'collapsed') return { node: s.node as N, offset: s.nodeEnd };
  return { node: s.node as N, offset: s.nodeStart + (offset - s.start) };
}

export interface RangeBoundaries<N> {
  start: Boundary<N>;
  end: Boundary<N>;
}

/** DOM boundaries for text [start, end), with separators and spaces at its edges left out. */
export function rangeBoundaries<N>(bt: BlockText<N>, start: number, end: number): RangeBoundaries<N> | null {
  const text = bt.text;
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(0, Math.min(end, text.length));
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (s >= e) return null;
  const a = startBoundary(bt, s);
  const b = endBoundary(bt, e);
  return a && b ? { start: a, end: b } : null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/**
 * Like rangeBoundaries, but split wherever `groupOf` changes between text nodes. A DOM Range cannot
 * span two trees, so a block that mixes slotted light-DOM text with shadow-DOM text needs one range
 * per tree.
 */
export function rangePieces<N>(bt: BlockText<N>, start: number, end: number, groupOf: (node: N) => unknown): RangeBoundaries<N>[] {
  const whole = rangeBoundaries(bt, start, end);
  if (!whole) return [];
  const segs = bt.segments;
  const first = segmentAt(segs, Math.max(0, start));
  const last = segmentAt(segs, Math.min(bt.text.length, end) - 1);
  const out: RangeBoundaries<N>[] = [];
  let cur: RangeBoundaries<N> | null = null;
  let curGroup: unknown;
  for (let i = Math.max(0, first); i <= last; i++) {
    const s = segs[i];
    if (s.kind === 'synthetic') continue;
    const node = s.node as N;
    const g = groupOf(node);
    if (cur && g === curGroup) {
      cur.end = { node, offset: s.nodeEnd };
      continue;
    }
    cur = { start: { node, offset: s.nodeStart }, end: { node, offset: s.nodeEnd } };
    curGroup = g;
    out.push(cur);
  }
  if (out.length === 0) return [whole];
  // The outer edges are the exact (trimmed) span edges, not whole segments.
  if (groupOf(whole.start.node) === groupOf(out[0].start.node)) out[0].start = whole.start;
  const tail = out[out.length - 1];
  if (groupOf(whole.end.node) === groupOf(tail.end.node)) tail.end = whole.end;
  return out;
}
