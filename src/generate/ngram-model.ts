// A token-level n-gram language model: the stand-in for an LLM when generating watermarked test text
// (no model weights can be downloaded here). Interpolated Kneser–Ney: the highest order uses raw counts,
// lower orders continuation counts, one absolute discount per order (Ney's n1 / (n1 + 2 n2)), down to a
// continuation unigram over the training vocabulary, so every token seen in training has a non-zero
// probability in every context. That floor matters for the watermark: a green-list bias can only move
// probability between candidates the model already allows.
//
// Every training sequence is treated as a paragraph: it is padded on the left with order − 1 copies of
// a start marker that is not a token id, so contexts at a paragraph start are modelled too, and a
// history given to logProbs() is read as the start of a paragraph.

const FORMAT = 0x6e67726d; // "ngrm"
const FORMAT_VERSION = 1;

export interface NgramTrainOptions {
  /** n of the n-gram (context = n − 1 tokens). 2–6, default 4. */
  order?: number;
  /**
   * Multiplies every order's discount (Ney's estimate). Below 1 a seen continuation keeps more of its
   * context's mass and less goes to the lower orders: more fluent, lower-entropy text. Default 1.
   */
  discountScale?: number;
}

export class NgramModel {
  readonly order: number;
  /** The candidate set: every token id seen in training, ascending. logProbs() indexes like this. */
  readonly vocab: Int32Array;
  // Trie over n-grams of length 1..order, in local indices (vocab position; `bos` = vocab.length).
  // Children of node n are childTok/childNode[childStart[n] .. childStart[n + 1]), sorted by token.
  private readonly childStart: Int32Array;
  private readonly childTok: Int32Array;
  private readonly childNode: Int32Array;
  /** Occurrences of the node's n-gram ending at a real (non-marker) token. */
  private readonly count: Int32Array;
  /** Distinct tokens seen immediately left of the node's n-gram (Kneser–Ney continuation count). */
  private readonly cont: Int32Array;
  /** discount[L] for n-grams of length L (2..order). */
  private readonly discount: Float64Array;
  private readonly unigram: Float64Array;
  private readonly localOf: Map<number, number>;
  private readonly bos: number;
  private readonly ctx: Int32Array;
  private readonly ctxNode: Int32Array;

  private constructor(parts: ModelParts) {
    this.order = parts.order;
    this.vocab = parts.vocab;
    this.childStart = parts.childStart;
    this.childTok = parts.childTok;
    this.childNode = parts.childNode;
    this.count = parts.count;
    this.cont = parts.cont;
    this.discount = parts.discount;
    this.bos = this.vocab.length;
    this.localOf = new Map();
    for (let i = 0; i < this.vocab.length; i++) this.localOf.set(this.vocab[i], i);
    // Continuation unigram: how many distinct left neighbours each token has.
    this.unigram = new Float64Array(this.vocab.length);
    let total = 0;
    for (let c = this.childStart[0]; c < this.childStart[1]; c++) {
      const tok = this.childTok[c];
      if (tok === this.bos) continue;
      const n = this.cont[this.childNode[c]];
      this.unigram[tok] = n;
      total += n;
    }
    for (let i = 0; i < this.unigram.length; i++) this.unigram[i] /= total;
    this.ctx = new Int32Array(this.order - 1);
    this.ctxNode = new Int32Array(this.order);
  }

  /** Trains on token-id sequences (each one a paragraph). */
  static train(sequences: Iterable<ArrayLike<number>>, options: NgramTrainOptions = {}): NgramModel {
    const order = options.order ?? 4;
    if (!Number.isInteger(order) || order < 2 || order > 6) throw new RangeError(`NgramModel: order must be 2–6, got ${order}`);
    const discountScale = options.discountScale ?? 1;
    if (!(discountScale > 0 && discountScale <= 1)) throw new RangeError(`NgramModel: discountScale must be in (0, 1], got ${discountScale}`);
    const seqs = [...sequences];
    const seen = new Set<number>();
    for (const s of seqs) {
      for (let i = 0; i < s.length; i++) {
        const id = s[i];
        if (!Number.isInteger(id) || id < 0) throw new RangeError(`NgramModel: token id ${id} is not a non-negative integer`);
        seen.add(id);
      }
    }
    if (seen.size === 0) throw new RangeError('NgramModel: no training tokens');
    const vocab = Int32Array.from([...seen].sort((a, b) => a - b));
    const localOf = new Map<number, number>();
    for (let i = 0; i < vocab.length; i++) localOf.set(vocab[i], i);
    const bos = vocab.length;
    const radix = vocab.length + 1;

    const trie = new GrowingTrie(radix);
    const pad = order - 1;
    for (const s of seqs) {
      const local = new Int32Array(pad + s.length).fill(bos);
      for (let i = 0; i < s.length; i++) local[pad + i] = localOf.get(s[i])!;
      for (let start = 0; start < local.length; start++) {
        let node = 0;
        for (let len = 1; len <= order && start + len - 1 < local.length; len++) {
          const at = start + len - 1;
          node = trie.child(node, local[at]);
          if (at >= pad) trie.count[node]++;
        }
      }
    }
    return new NgramModel({ ...trie.freeze(order, bos, discountScale), vocab });
  }

  /** Local index of a token id in `vocab`, or -1 if the model never saw it. */
  indexOf(id: number): number {
    return this.localOf.get(id) ?? -1;
  }

  /**
   * Natural-log probabilities of every `vocab` entry following `history` (read as a paragraph start
   * followed by these ids), written into `out` (a fresh array if none is given). They sum to 1 in
   * probability. Ids the model never saw only shorten the usable context.
   */
  logProbs(history: ArrayLike<number>, out?: Float64Array): Float64Array {
    const p = this.probs(history, out);
    for (let i = 0; i < p.length; i++) p[i] = Math.log(p[i]);
    return p;
  }

  /** Like logProbs(), in probability space. */
  probs(history: ArrayLike<number>, out?: Float64Array): Float64Array {
    const v = this.vocab.length;
    const p = out ?? new Float64Array(v);
    if (p.length !== v) throw new RangeError(`NgramModel: output has length ${p.length}, expected ${v}`);
    const width = this.order - 1;
    const ctx = this.ctx;
    for (let j = 0; j < width; j++) {
      const at = history.length - width + j;
      ctx[j] = at < 0 ? this.bos : this.indexOf(history[at]);
    }
    // ctxNode[k] = trie node of the last k context tokens (-1 if never seen).
    const nodes = this.ctxNode;
    for (let k = 1; k <= width; k++) {
      let node = 0;
      for (let j = width - k; j < width && node >= 0; j++) node = ctx[j] < 0 ? -1 : this.find(node, ctx[j]);
      nodes[k] = node;
    }
    p.fill(0);
    // Interpolation from the top: each order adds its discounted counts, scaled by the mass the orders
    // above it left over, and passes D·types/total of its own mass down.
    let weight = 1;
    for (let k = width; k >= 1; k--) {
      const node = nodes[k];
      if (node < 0) continue;
      const counts = k === width ? this.count : this.cont;
      const d = this.discount[k + 1];
      let total = 0;
      let types = 0;
      for (let c = this.childStart[node]; c < this.childStart[node + 1]; c++) {
        if (this.childTok[c] === this.bos) continue;
        const n = counts[this.childNode[c]];
        if (n > 0) {
          total += n;
          types++;
        }
      }
      if (total === 0) continue;
      const scale = weight / total;
      for (let c = this.childStart[node]; c < this.childStart[node + 1]; c++) {
        const tok = this.childTok[c];
        if (tok === this.bos) continue;
        const n = counts[this.childNode[c]];
        if (n > d) p[tok] += (n - d) * scale;
      }
      weight *= (d * types) / total;
    }
    const unigram = this.unigram;
    for (let i = 0; i < v; i++) p[i] += weight * unigram[i];
    return p;
  }

  /** A compact binary form (typed arrays behind a small header), for caching a trained model. */
  serialize(): Uint8Array {
    const arrays: (Int32Array | Float64Array)[] = [this.vocab, this.childStart, this.childTok, this.childNode, this.count, this.cont, this.discount];
    const header = new Int32Array([FORMAT, FORMAT_VERSION, this.order, ...arrays.map((a) => a.length)]);
    // Float64 data must sit at a multiple of 8: pad the header to one.
    const headerBytes = Math.ceil(header.byteLength / 8) * 8;
    let size = headerBytes;
    for (const a of arrays) size += Math.ceil(a.byteLength / 8) * 8;
    const out = new Uint8Array(size);
    out.set(new Uint8Array(header.buffer), 0);
    let at = headerBytes;
    for (const a of arrays) {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += Math.ceil(a.byteLength / 8) * 8;
    }
    return out;
  }

  static deserialize(bytes: Uint8Array): NgramModel {
    const copy = new Uint8Array(bytes); // aligned, and independent of the caller's buffer
    const buf = copy.buffer;
    if (copy.byteLength < 40) throw new Error('NgramModel: serialized model is truncated');
    const head = new Int32Array(buf, 0, 10);
    if (head[0] !== FORMAT || head[1] !== FORMAT_VERSION) throw new Error('NgramModel: not a serialized model of this version');
    const lengths = Array.from(head.subarray(3, 10));
    let at = 40;
    const take = <T extends Int32Array | Float64Array>(make: (b: ArrayBuffer, o: number, n: number) => T, n: number, bytesPer: number): T => {
      if (at + n * bytesPer > copy.byteLength) throw new Error('NgramModel: serialized model is truncated');
      const a = make(buf, at, n);
      at += Math.ceil((n * bytesPer) / 8) * 8;
      return a;
    };
    const i32 = (n: number) => take((b, o, k) => new Int32Array(b, o, k), n, 4);
    return new NgramModel({
      order: head[2],
      vocab: i32(lengths[0]),
      childStart: i32(lengths[1]),
      childTok: i32(lengths[2]),
      childNode: i32(lengths[3]),
      count: i32(lengths[4]),
      cont: i32(lengths[5]),
      discount: take((b, o, k) => new Float64Array(b, o, k), lengths[6], 8),
    });
  }

  private find(node: number, tok: number): number {
    let lo = this.childStart[node];
    let hi = this.childStart[node + 1] - 1;
    const toks = this.childTok;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = toks[mid];
      if (t === tok) return this.childNode[mid];
      if (t < tok) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

interface ModelParts {
  order: number;
  vocab: Int32Array;
  childStart: Int32Array;
  childTok: Int32Array;
  childNode: Int32Array;
  count: Int32Array;
  cont: Int32Array;
  discount: Float64Array;
}

/** The trie while counting: children found through one numeric-keyed Map (parent · radix + token). */
class GrowingTrie {
  private readonly index = new Map<number, number>();
  private size = 1; // node 0 is the root (the empty n-gram)
  parent = new Int32Array(1024);
  token = new Int32Array(1024);
  count = new Int32Array(1024);

  constructor(private readonly radix: number) {}

  child(node: number, tok: number): number {
    const key = node * this.radix + tok;
    let found = this.index.get(key);
    if (found === undefined) {
      found = this.size++;
      if (found >= this.parent.length) this.grow();
      this.parent[found] = node;
      this.token[found] = tok;
      this.index.set(key, found);
    }
    return found;
  }

  freeze(order: number, bos: number, discountScale: number): Omit<ModelParts, 'vocab'> {
    const n = this.size;
    const depth = new Int32Array(n);
    for (let i = 1; i < n; i++) depth[i] = depth[this.parent[i]] + 1;
    // Continuation counts: each distinct n-gram x·s adds one to s. Its suffix s ends at the same real
    // token, so it was counted too and exists; suffix(child) = child(suffix(parent), token).
    const suffix = new Int32Array(n).fill(-1);
    const cont = new Int32Array(n);
    suffix[0] = -1;
    for (let i = 1; i < n; i++) {
      if (depth[i] === 1) {
        suffix[i] = 0;
        continue;
      }
      const ps = suffix[this.parent[i]];
      const s = ps < 0 ? undefined : this.index.get(ps * this.radix + this.token[i]);
      suffix[i] = s ?? -1;
      if (this.count[i] > 0 && s !== undefined) cont[s]++;
    }
    const discount = new Float64Array(order + 1);
    for (let len = 2; len <= order; len++) {
      const counts = len === order ? this.count : cont;
      let n1 = 0;
      let n2 = 0;
      for (let i = 1; i < n; i++) {
        if (depth[i] !== len || this.token[i] === bos) continue;
        if (counts[i] === 1) n1++;
        else if (counts[i] === 2) n2++;
      }
      // Ney's estimate; kept inside (0, 1) so that every seen n-gram keeps some of its own mass.
      const d = n1 + n2 === 0 ? 0.5 : n1 / (n1 + 2 * n2);
      discount[len] = Math.min(0.95, Math.max(0.05, d)) * discountScale;
    }
    // CSR children, sorted by (parent, token).
    const childStart = new Int32Array(n + 1);
    for (let i = 1; i < n; i++) childStart[this.parent[i] + 1]++;
    for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
    const fill = childStart.slice(0, n);
    const childNode = new Int32Array(n - 1);
    for (let i = 1; i < n; i++) childNode[fill[this.parent[i]]++] = i;
    const childTok = new Int32Array(n - 1);
    for (let p = 0; p < n; p++) {
      const range = childNode.subarray(childStart[p], childStart[p + 1]);
      if (range.length > 1) range.sort((a, b) => this.token[a] - this.token[b]);
      for (let c = childStart[p]; c < childStart[p + 1]; c++) childTok[c] = this.token[childNode[c]];
    }
    return {
      order,
      childStart,
      childTok,
      childNode,
      count: this.count.slice(0, n),
      cont,
      discount,
    };
  }

  private grow(): void {
    const size = this.parent.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.parent = grow(this.parent);
    this.token = grow(this.token);
    this.count = grow(this.count);
  }
}
