import { decodeBase64Into } from './base64';

/**
 * One encoding's mergeable ranks: byte sequence ↔ rank, with lookups on a slice of a byte buffer
 * that allocate nothing (js-tiktoken keys its map by `bytes.join(',')`, one string per lookup).
 */
export class Vocabulary {
  /** Every token's bytes, back to back; token r is pool[tokenStart[r], tokenStart[r] + tokenLength[r]). */
  readonly pool: Uint8Array;
  readonly tokenStart: Int32Array;
  /** 0 for ranks the table does not assign. */
  readonly tokenLength: Int32Array;
  /** One past the largest rank. */
  readonly size: number;

  // BPE asks mostly about 1- and 2-byte sequences, so those get direct tables.
  private readonly byteRank = new Int32Array(256).fill(-1);
  private readonly pairRank = new Int32Array(65536).fill(-1);
  // Open addressing over sequences of 3+ bytes; slots hold rank + 1 (0 = empty).
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(bpeRanks: string) {
    const parsed = parseRanks(bpeRanks);
    this.pool = parsed.pool;
    this.tokenStart = parsed.tokenStart;
    this.tokenLength = parsed.tokenLength;
    this.size = parsed.size;

    let capacity = 1024;
    while (capacity < parsed.count * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;

    for (let rank = 0; rank < this.size; rank++) {
      const length = this.tokenLength[rank];
      if (length > 0) this.insert(rank, this.tokenStart[rank], length);
    }
    for (let b = 0; b < 256; b++) {
      if (this.byteRank[b] < 0) throw new Error(`Rank table has no token for byte ${b}; byte-level BPE needs all 256`);
    }
  }

  /** Rank of bytes[start, end), or -1 when that sequence is not a token. */
  rankOf(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length === 1) return this.byteRank[bytes[start]];
    if (length === 2) return this.pairRank[(bytes[start] << 8) | bytes[start + 1]];
    if (length <= 0) return -1;
    for (let slot = hashBytes(bytes, start, end) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      if (this.isToken(entry - 1, bytes, start, end)) return entry - 1;
    }
  }

  private isToken(rank: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.tokenLength[rank] !== end - start) return false;
    const pool = this.pool;
    for (let p = this.tokenStart[rank], i = start; i < end; p++, i++) {
      if (pool[p] !== bytes[i]) return false;
    }
    return true;
  }

  private insert(rank: number, at: number, length: number): void {
    // A byte sequence listed twice keeps its later rank, as js-tiktoken's Map does.
    if (length === 1) {
      this.byteRank[this.pool[at]] = rank;
      return;
    }
    if (length === 2) {
      this.pairRank[(this.pool[at] << 8) | this.pool[at + 1]] = rank;
      return;
    }
    const end = at + length;
    for (let slot = hashBytes(this.pool, at, end) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0 || this.isToken(entry - 1, this.pool, at, end)) {
        this.slots[slot] = rank + 1;
        return;
      }
    }
  }
}

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

interface ParsedRanks {
  pool: Uint8Array;
  tokenStart: Int32Array;
  tokenLength: Int32Array;
  size: number;
  count: number;
}

/**
 * js-tiktoken's rank format: lines of `<tag> <firstRank> <base64> <base64> ...`, the k-th token of a
 * line having rank firstRank + k (see its Tiktoken constructor).
 */
function parseRanks(s: string): ParsedRanks {
  const pool = new Uint8Array(Math.ceil((s.length * 3) / 4));
  let poolUsed = 0;
  let starts: Int32Array = new Int32Array(1 << 16);
  let lengths: Int32Array = new Int32Array(1 << 16);
  let size = 0;
  let count = 0;

  let lineStart = 0;
  while (lineStart < s.length) {
    let lineEnd = s.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = s.length;
    const tagEnd = s.indexOf(' ', lineStart);
    if (lineEnd > lineStart && tagEnd >= 0 && tagEnd < lineEnd) {
      let fieldEnd = s.indexOf(' ', tagEnd + 1);
      if (fieldEnd < 0 || fieldEnd > lineEnd) fieldEnd = lineEnd;
      let rank = Number.parseInt(s.slice(tagEnd + 1, fieldEnd), 10);
      if (!Number.isInteger(rank) || rank < 0) throw new Error('Malformed rank table: bad first rank');
      for (let tokenStart = fieldEnd + 1; tokenStart <= lineEnd; rank++) {
        let tokenEnd = s.indexOf(' ', tokenStart);
        if (tokenEnd < 0 || tokenEnd > lineEnd) tokenEnd = lineEnd;
        if (rank >= starts.length) {
          starts = grow(starts, rank + 1);
          lengths = grow(lengths, rank + 1);
        }
        const written = decodeBase64Into(s, tokenStart, tokenEnd, pool, poolUsed);
        starts[rank] = poolUsed;
        lengths[rank] = written;
        poolUsed += written;
        size = Math.max(size, rank + 1);
        count++;
        tokenStart = tokenEnd + 1;
      }
    }
    lineStart = lineEnd + 1;
  }
  return {
    pool: pool.slice(0, poolUsed),
    tokenStart: starts.slice(0, size),
    tokenLength: lengths.slice(0, size),
    size,
    count,
  };
}

function grow(a: Int32Array, atLeast: number): Int32Array {
  const b = new Int32Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}
