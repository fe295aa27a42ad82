import type { Vocabulary } from './vocabulary';

const NONE = 0x7fffffff;

// Above this many bytes a piece is merged with a heap instead of rescanning all pairs per merge:
// tiktoken's rescan is quadratic, and one piece can be a whole run of spaces or punctuation.
export const LINEAR_MERGE_LIMIT = 128;

/**
 * tiktoken's byte pair merge: repeatedly merge the adjacent pair whose concatenation has the lowest
 * rank, the leftmost one on ties, until no adjacent pair is a token. Results go to `partStart`
 * (count + 1 boundaries, the last being the piece length) and `partRank`. Scratch buffers are reused.
 */
export class BytePairMerger {
  partStart = new Int32Array(LINEAR_MERGE_LIMIT + 1);
  partRank = new Int32Array(LINEAR_MERGE_LIMIT);
  private pairRank = new Int32Array(LINEAR_MERGE_LIMIT + 1);
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  private heapRank = new Int32Array(0);
  private heapPos = new Int32Array(0);
  private heapSize = 0;

  constructor(private readonly vocab: Vocabulary) {}

  /** Merges bytes[0, n) (n ≥ 1) and returns the number of parts. */
  merge(bytes: Uint8Array, n: number, forceHeap = false): number {
    if (this.partStart.length < n + 1) {
      this.partStart = new Int32Array(n + 1);
      this.partRank = new Int32Array(n);
      this.pairRank = new Int32Array(n + 1);
    }
    return n <= LINEAR_MERGE_LIMIT && !forceHeap ? this.mergeByScan(bytes, n) : this.mergeByHeap(bytes, n);
  }

  private pair(bytes: Uint8Array, start: number, end: number): number {
    const rank = this.vocab.rankOf(bytes, start, end);
    return rank < 0 ? NONE : rank;
  }

  private mergeByScan(bytes: Uint8Array, n: number): number {
    const pos = this.partStart;
    const rank = this.pairRank;
    let count = n;
    for (let i = 0; i <= n; i++) pos[i] = i;
    for (let i = 0; i < count - 1; i++) rank[i] = this.pair(bytes, i, i + 2);
    rank[count - 1] = NONE;
    while (count > 1) {
      let min = NONE;
      let at = -1;
      for (let i = 0; i < count - 1; i++) {
        if (rank[i] < min) {
          min = rank[i];
          at = i;
        }
      }
      if (at < 0) break;
      pos.copyWithin(at + 1, at + 2, count + 1);
      rank.copyWithin(at + 1, at + 2, count);
      count--;
      rank[at] = at + 1 < count ? this.pair(bytes, pos[at], pos[at + 2]) : NONE;
      if (at > 0) rank[at - 1] = this.pair(bytes, pos[at - 1], pos[at + 1]);
    }
    for (let i = 0; i < count; i++) this.partRank[i] = this.vocab.rankOf(bytes, pos[i], pos[i + 1]);
    return count;
  }

  private mergeByHeap(bytes: Uint8Array, n: number): number {
    if (this.next.length < n + 1) {
      this.next = new Int32Array(n + 1);
      this.prev = new Int32Array(n + 1);
      this.heapRank = new Int32Array(3 * n + 1);
      this.heapPos = new Int32Array(3 * n + 1);
    }
    // A part is named by its first byte; next[i] is where the following part starts (n after the last).
    const next = this.next;
    const prev = this.prev;
    const pairRank = this.pairRank;
    this.heapSize = 0;
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      pairRank[i] = i + 1 < n ? this.pair(bytes, i, i + 2) : NONE;
      if (pairRank[i] !== NONE) this.push(pairRank[i], i);
    }
    while (this.heapSize > 0) {
      const rank = this.heapRank[0];
      const i = this.heapPos[0];
      this.pop();
      // Entries are never updated in place; one that disagrees with the current pair rank is stale.
      // (A stale entry that agrees stands for the same pair at the same rank, so acting on it is right.)
      if (pairRank[i] !== rank) continue;
      const j = next[i];
      const k = next[j];
      next[i] = k;
      if (k < n) prev[k] = i;
      pairRank[j] = NONE;
      pairRank[i] = k < n ? this.pair(bytes, i, next[k]) : NONE;
      if (pairRank[i] !== NONE) this.push(pairRank[i], i);
      const p = prev[i];
      if (p >= 0) {
        pairRank[p] = this.pair(bytes, p, k);
        if (pairRank[p] !== NONE) this.push(pairRank[p], p);
      }
    }
    let count = 0;
    for (let i = 0; i < n; i = next[i]) {
      this.partStart[count] = i;
      this.partRank[count] = this.vocab.rankOf(bytes, i, next[i]);
      count++;
    }
    this.partStart[count] = n;
    return count;
  }

  // Binary min-heap ordered by (rank, position): lowest rank first, leftmost on ties.
  private push(rank: number, pos: number): void {
    const hr = this.heapRank;
    const hp = this.heapPos;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (hr[parent] < rank || (hr[parent] === rank && hp[parent] < pos)) break;
      hr[i] = hr[parent];
      hp[i] = hp[parent];
      i = parent;
    }
    hr[i] = rank;
    hp[i] = pos;
  }

  private pop(): void {
    const hr = this.heapRank;
    const hp = this.heapPos;
    const size = --this.heapSize;
    const rank = hr[size];
    const pos = hp[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && (hr[child + 1] < hr[child] || (hr[child + 1] === hr[child] && hp[child + 1] < hp[child]))) {
        child++;
      }
      if (rank < hr[child] || (rank === hr[child] && pos < hp[child])) break;
      hr[i] = hr[child];
      hp[i] = hp[child];
      i = child;
    }
    hr[i] = rank;
    hp[i] = pos;
  }
}
