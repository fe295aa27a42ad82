import { bool, object, optStr, str, typeOf, UnsupportedTokenizerError, type JsonObject } from './config';

/**
 * Tokens of one pre-tokenized piece: ids[k] covers the piece's UTF-16 units [unitStarts[k], unitEnds[k]).
 * Byte-fallback tokens of one character all cover that character.
 */
export interface PieceTokens {
  ids: Int32Array;
  unitStarts: Int32Array;
  unitEnds: Int32Array;
}

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
  private readonly pairKeyBase: number;
  // (left id * base + right id) → merge rank; mergeResult[rank] is the merged token's id.
  private readonly mergeRanks = new Map<number, number>();
  private readonly mergeResult: Int32Array;
  private readonly unkId: number | null;
  private readonly fuseUnk: boolean;
  private readonly byteFallback: boolean;
  private readonly byteIds: Int32Array | null;
  private readonly ignoreMerges: boolean;
  private readonly prefix: string;
  private readonly cache = new Map<string, PieceTokens>();

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
    let maxId = -1;
    for (const token in vocabJson) {
      const id = vocabJson[token];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.vocab[${JSON.stringify(token)}] must be a non-negative integer`);
      }
      this.vocab.set(token, id);
      this.idToToken[id] = token;
      if (id > maxId) maxId = id;
    }
    this.pairKeyBase = maxId + 1;

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

    const merges = config.merges;
    if (!Array.isArray(merges)) throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.merges must be an array`);
    this.mergeResult = new Int32Array(merges.length);
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
      const key = a * this.pairKeyBase + b;
      // A repeated pair keeps its first (lowest) rank, as the Rust crate's map does when read in order.
      if (!this.mergeRanks.has(key)) this.mergeRanks.set(key, rank);
      this.mergeResult[rank] = c;
    }
  }

  tokenize(word: string): PieceTokens {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const result = this.tokenizeUncached(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private tokenizeUncached(word: string): PieceTokens {
    if (this.ignoreMerges) {
      const whole = this.vocab.get(word);
      if (whole !== undefined) {
        return { ids: Int32Array.of(whole), unitStarts: Int32Array.of(0), unitEnds: Int32Array.of(word.length) };
      }
    }
    // Symbols as a doubly linked list over arrays.
    const ids: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let unkOpen = false;
    for (let i = 0; i < word.length; ) {
      const cp = word.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      const ch = word.slice(i, i + width);
      const id = this.vocab.get(i > 0 && this.prefix !== '' ? this.prefix + ch : ch);
      if (id !== undefined) {
        ids.push(id);
        starts.push(i);
        ends.push(i + width);
        unkOpen = false;
      } else if (this.byteIds !== null && this.pushBytes(ch, i, i + width, ids, starts, ends)) {
        unkOpen = false;
      } else if (this.unkId !== null) {
        if (this.fuseUnk && unkOpen) ends[ends.length - 1] = i + width;
        else {
          ids.push(this.unkId);
          starts.push(i);
          ends.push(i + width);
        }
        unkOpen = true;
      }
      // No unknown token: the Rust model drops the character.
      i += width;
    }
    const n = ids.length;
    if (n > 1) this.merge(ids, starts, ends);
    const out: PieceTokens = {
      ids: new Int32Array(n),
      unitStarts: new Int32Array(n),
      unitEnds: new Int32Array(n),
    };
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (ids[i] < 0) continue;
      out.ids[k] = ids[i];
      out.unitStarts[k] = starts[i];
      out.unitEnds[k] = ends[i];
      k++;
    }
    return k === n ? out : { ids: out.ids.slice(0, k), unitStarts: out.unitStarts.slice(0, k), unitEnds: out.unitEnds.slice(0, k) };
  }

  private pushBytes(ch: string, start: number, end: number, ids: number[], starts: number[], ends: number[]): boolean {
    const bytes = new TextEncoder().encode(ch);
    for (const b of bytes) if (this.byteIds![b] < 0) return false;
    for (const b of bytes) {
      ids.push(this.byteIds![b]);
      starts.push(start);
      ends.push(end);
    }
    return true;
  }

  /** Merges in place; merged-away symbols get id -1. */
  private merge(ids: number[], starts: number[], ends: number[]): void {
    const n = ids.length;
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
    const rankOf = (a: number, b: number) => this.mergeRanks.get(a * this.pairKeyBase + b);
    const TWO32 = 2 ** 32;
    for (let i = 0; i + 1 < n; i++) {
      const rank = rankOf(ids[i], ids[i + 1]);
      if (rank !== undefined) push(rank * TWO32 + i);
    }
    while (heap.length > 0) {
      const top = pop();
      const rank = Math.floor(top / TWO32);
      const pos = top - rank * TWO32;
      const right = next[pos];
      // Stale entries: the symbol was merged away, or its neighbour changed since the pair was queued.
      if (ids[pos] < 0 || right < 0) continue;
      if (rankOf(ids[pos], ids[right]) !== rank) continue;
      ids[pos] = this.mergeResult[rank];
      ends[pos] = ends[right];
      ids[right] = -1;
      next[pos] = next[right];
      if (next[right] >= 0) prev[next[right]] = pos;
      const p = prev[pos];
      if (p >= 0) {
        const r = rankOf(ids[p], ids[pos]);
        if (r !== undefined) push(r * TWO32 + p);
      }
      const q = next[pos];
      if (q >= 0) {
        const r = rankOf(ids[pos], ids[q]);
        if (r !== undefined) push(r * TWO32 + pos);
      }
    }
  }
}
