import { Utf8Piece } from '../utf8-piece';
import { BYTE_TO_CHAR } from './byte-level';
import { PairTable } from './pair-table';
import { bool, object, optStr, str, typeOf, UnsupportedTokenizerError, type JsonObject } from './config';

/**
 * Tokens of one pre-tokenized piece, packed as triples: token k is id [3k], covering the piece's
 * UTF-16 units [[3k+1], [3k+2]). Byte-fallback tokens of one character all cover that character.
 * (One array per cached piece: thousands of small typed arrays would cost more than the merging.)
 */
export type PieceTokens = Int32Array;

const CACHE_LIMIT = 50_000;

/**
 * The Hugging Face BPE model: a word starts as its characters (or byte tokens `<0xNN>` for characters
 * outside the vocabulary when byte_fallback is on, or the unknown token), then the adjacent pair with
 * the lowest merge rank is merged, leftmost first, until no pair has a merge — the order the Rust
 * crate's priority queue produces.
 */
export class BpeModel {
  readonly vocab: Map<string, number>;
  /** Token string of every id of the model (holes for ids only added tokens use). */
  readonly idToToken: string[];
  // (left id, right id) → merge rank; mergeResult[rank] is the merged token's id.
  private readonly mergeRanks: PairTable;
  private readonly mergeResult: Int32Array;
  private readonly unkId: number | null;
  private readonly fuseUnk: boolean;
  private readonly byteFallback: boolean;
  private readonly byteIds: Int32Array | null;
  private readonly ignoreMerges: boolean;
  private readonly prefix: string;
  private readonly cache = new Map<string, PieceTokens>();
  private readonly byteLevelCache = new Map<string, PieceTokens>();
  /** Id of each byte's GPT-2 character, or -1. */
  private readonly byteCharIds: Int32Array;
  private readonly utf8 = new Utf8Piece();

  constructor(config: JsonObject, where = 'model') {
    const type = typeOf(config, where);
    if (type !== 'BPE') {
      throw new UnsupportedTokenizerError(`tokenizer.json: ${where} of type ${JSON.stringify(type)} is not supported (supported: BPE)`);
    }
    if (config.dropout !== undefined && config.dropout !== null && config.dropout !== 0) {
      throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.dropout is set; BPE dropout is random and cannot give reproducible ids`);
    }
    const suffix = optStr(config, 'end_of_word_suffix', where);
    if (suffix !== null && suffix !== '') {
      throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.end_of_word_suffix is not supported`);
    }
    this.prefix = optStr(config, 'continuing_subword_prefix', where) ?? '';
    this.fuseUnk = bool(config, 'fuse_unk', where, false);
    this.byteFallback = bool(config, 'byte_fallback', where, false);
    this.ignoreMerges = bool(config, 'ignore_merges', where, false);

    const vocabJson = object(config.vocab, `${where}.vocab`);
    this.vocab = new Map();
    this.idToToken = [];
    for (const token in vocabJson) {
      const id = vocabJson[token];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.vocab[${JSON.stringify(token)}] must be a non-negative integer`);
      }
      this.vocab.set(token, id);
      this.idToToken[id] = token;
    }

    const unk = optStr(config, 'unk_token', where);
    this.unkId = unk === null ? null : (this.vocab.get(unk) ?? null);
    if (unk !== null && this.unkId === null) {
      throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.unk_token ${JSON.stringify(unk)} is not in the vocabulary`);
    }
    if (this.byteFallback) {
      this.byteIds = new Int32Array(256).fill(-1);
      for (let b = 0; b < 256; b++) {
        this.byteIds[b] = this.vocab.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`) ?? -1;
      }
    } else this.byteIds = null;

    this.byteCharIds = Int32Array.from(BYTE_TO_CHAR, (c) => this.vocab.get(c) ?? -1);

    const merges = config.merges;
    if (!Array.isArray(merges)) throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.merges must be an array`);
    this.mergeResult = new Int32Array(merges.length);
    this.mergeRanks = new PairTable(merges.length);
    for (let rank = 0; rank < merges.length; rank++) {
      const m = merges[rank];
      let left: string;
      let right: string;
      if (typeof m === 'string') {
        const space = m.indexOf(' ', 1);
        if (space < 0) throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.merges[${rank}] ${JSON.stringify(m)} is not "left right"`);
        left = m.slice(0, space);
        right = m.slice(space + 1);
      } else if (Array.isArray(m) && m.length === 2 && typeof m[0] === 'string' && typeof m[1] === 'string') {
        [left, right] = m as [string, string];
      } else {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.merges[${rank}] must be "left right" or [left, right]`);
      }
      const a = this.vocab.get(left);
      const b = this.vocab.get(right);
      const merged = left + (this.prefix !== '' && right.startsWith(this.prefix) ? right.slice(this.prefix.length) : right);
      const c = this.vocab.get(merged);
      if (a === undefined || b === undefined || c === undefined) {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.merges[${rank}] ${JSON.stringify([left, right])} uses a token not in the vocabulary`);
      }
      // A repeated pair keeps its first (lowest) rank.
      this.mergeRanks.setIfAbsent(a, b, rank);
      this.mergeResult[rank] = c;
    }
  }

  /**
   * Tokens of one piece. `byteLevel`: the model sees the piece's UTF-8 bytes as GPT-2 byte
   * characters (what a ByteLevel pre-tokenizer makes); the ranges are still in the piece's units.
   */
  tokenize(word: string, byteLevel = false): PieceTokens {
    const cache = byteLevel ? this.byteLevelCache : this.cache;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const result = byteLevel ? this.tokenizeBytes(word) : this.tokenizeChars(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, result);
    return result;
  }

  // Symbols of the word being merged (reused between words): id (-1 once merged away) and the units covered.
  private symIds = new Int32Array(64);
  private symStarts = new Int32Array(64);
  private symEnds = new Int32Array(64);
  private symCount = 0;

  private pushSymbol(id: number, start: number, end: number): void {
    if (this.symCount === this.symIds.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.symIds = grow(this.symIds);
      this.symStarts = grow(this.symStarts);
      this.symEnds = grow(this.symEnds);
    }
    this.symIds[this.symCount] = id;
    this.symStarts[this.symCount] = start;
    this.symEnds[this.symCount] = end;
    this.symCount++;
  }

  private tokenizeBytes(word: string): PieceTokens {
    const piece = this.utf8;
    const n = piece.encode(word, 0, word.length);
    const byteString = () => {
      let out = '';
      for (let b = 0; b < n; b++) out += BYTE_TO_CHAR[piece.bytes[b]];
      return out;
    };
    if (this.ignoreMerges) {
      const whole = this.vocab.get(byteString());
      if (whole !== undefined) return Int32Array.of(whole, 0, word.length);
    }
    this.symCount = 0;
    for (let b = 0; b < n; b++) {
      const id = this.byteCharIds[piece.bytes[b]];
      // Byte-level vocabularies hold all 256; a file without one of them (or with a subword prefix)
      // goes the general way, over the byte characters, and its ranges are mapped back to units.
      if (id < 0 || this.prefix !== '') {
        const general = this.tokenizeChars(byteString());
        for (let k = 0; k < general.length; k += 3) {
          general[k + 1] = piece.charStart[general[k + 1]];
          general[k + 2] = piece.charEnd[general[k + 2] - 1];
        }
        return general;
      }
      this.pushSymbol(id, piece.charStart[b], piece.charEnd[b]);
    }
    return this.finish();
  }

  private tokenizeChars(word: string): PieceTokens {
    if (this.ignoreMerges) {
      const whole = this.vocab.get(word);
      if (whole !== undefined) return Int32Array.of(whole, 0, word.length);
    }
    this.symCount = 0;
    let unkOpen = false;
    for (let i = 0; i < word.length; ) {
      const cp = word.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      const ch = word.slice(i, i + width);
      const id = this.vocab.get(i > 0 && this.prefix !== '' ? this.prefix + ch : ch);
      if (id !== undefined) {
        this.pushSymbol(id, i, i + width);
        unkOpen = false;
      } else if (this.byteIds !== null && this.pushBytes(ch, i, i + width)) {
        unkOpen = false;
      } else if (this.unkId !== null) {
        if (this.fuseUnk && unkOpen) this.symEnds[this.symCount - 1] = i + width;
        else this.pushSymbol(this.unkId, i, i + width);
        unkOpen = true;
      }
      // No unknown token: the Rust model drops the character.
      i += width;
    }
    return this.finish();
  }

  private finish(): PieceTokens {
    const n = this.symCount;
    if (n > 1) this.merge(n);
    const ids = this.symIds;
    let k = 0;
    for (let i = 0; i < n; i++) if (ids[i] >= 0) k++;
    const out = new Int32Array(3 * k);
    k = 0;
    for (let i = 0; i < n; i++) {
      if (ids[i] < 0) continue;
      out[k] = ids[i];
      out[k + 1] = this.symStarts[i];
      out[k + 2] = this.symEnds[i];
      k += 3;
    }
    return out;
  }

  private pushBytes(ch: string, start: number, end: number): boolean {
    const bytes = new TextEncoder().encode(ch);
    for (const b of bytes) if (this.byteIds![b] < 0) return false;
    for (const b of bytes) this.pushSymbol(this.byteIds![b], start, end);
    return true;
  }

  /** Merges in place; merged-away symbols get id -1. */
  private merge(n: number): void {
    const ids = this.symIds;
    const ends = this.symEnds;
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // Min-heap of rank * 2^32 + position: lowest rank first, leftmost among equal ranks.
    const heap: number[] = [];
    const push = (value: number) => {
      heap.push(value);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent] <= value) break;
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = value;
    };
    const pop = (): number => {
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length > 0) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= heap.length) break;
          const r = l + 1;
          const c = r < heap.length && heap[r] < heap[l] ? r : l;
          if (heap[c] >= last) break;
          heap[i] = heap[c];
          i = c;
        }
        heap[i] = last;
      }
      return top;
    };
    const table = this.mergeRanks;
    const TWO32 = 2 ** 32;
    for (let i = 0; i + 1 < n; i++) {
      const rank = table.get(ids[i], ids[i + 1]);
      if (rank >= 0) push(rank * TWO32 + i);
    }
    while (heap.length > 0) {
      const top = pop();
      const rank = Math.floor(top / TWO32);
      const pos = top - rank * TWO32;
      const right = next[pos];
      // Stale entries: the symbol was merged away, or its neighbour changed since the pair was queued.
      if (ids[pos] < 0 || right < 0) continue;
      if (table.get(ids[pos], ids[right]) !== rank) continue;
      ids[pos] = this.mergeResult[rank];
      ends[pos] = ends[right];
      ids[right] = -1;
      next[pos] = next[right];
      if (next[right] >= 0) prev[next[right]] = pos;
      const p = prev[pos];
      if (p >= 0) {
        const r = table.get(ids[p], ids[pos]);
        if (r >= 0) push(r * TWO32 + p);
      }
      const q = next[pos];
      if (q >= 0) {
        const r = table.get(ids[pos], ids[q]);
        if (r >= 0) push(r * TWO32 + pos);
      }
    }
  }
}
