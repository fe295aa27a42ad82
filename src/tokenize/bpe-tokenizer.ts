import { BytePairMerger } from './bpe-merge';
import type { EncodingName, EncodingRanks } from './encodings';
import type { TokenizedText, Tokenizer } from './types';
import { Utf8Piece } from './utf8-piece';
import { Vocabulary } from './vocabulary';

/**
 * A tiktoken-compatible encoder that also reports character offsets. It reproduces js-tiktoken's
 * `encode(text, [], [])`: split with the encoding's pattern, look each piece up whole, otherwise
 * byte-pair merge it. With no special token allowed or disallowed, js-tiktoken skips past every
 * special-token match and encodes the whole text as ordinary pieces, which is what this does.
 */
export class BpeTokenizer implements Tokenizer {
  private readonly vocab: Vocabulary;
  private readonly pattern: RegExp;
  // The same pattern anchored at lastIndex: test() finds where a piece ends without building a match
  // array and a substring per piece (most of what a page's tokenization allocated).
  private readonly sticky: RegExp;
  private readonly specialBytes = new Map<number, Uint8Array>();
  private readonly piece = new Utf8Piece();
  private readonly merger: BytePairMerger;
  // ignoreBOM keeps a leading U+FEFF, so decode(encode(text)) gives text back.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private ids = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);

  readonly name: string;

  constructor(
    readonly encoding: EncodingName,
    ranks: EncodingRanks,
  ) {
    this.name = encoding;
    this.vocab = new Vocabulary(ranks.bpe_ranks);
    this.pattern = new RegExp(ranks.pat_str, 'gu');
    this.sticky = new RegExp(ranks.pat_str, 'yu');
    const encoder = new TextEncoder();
    for (const [text, id] of Object.entries(ranks.special_tokens)) this.specialBytes.set(id, encoder.encode(text));
    this.merger = new BytePairMerger(this.vocab);
  }

  encode(text: string): TokenizedText {
    const pattern = this.pattern;
    const piece = this.piece;
    const vocab = this.vocab;
    const sticky = this.sticky;
    let count = 0;
    // Each piece is the pattern's next match from `at` on (exec with the g flag): the sticky test at
    // `at` finds the same match whenever one starts there, which with the shipped patterns is always.
    for (let at = 0; at <= text.length; ) {
      let start: number;
      let end: number;
      sticky.lastIndex = at;
      if (sticky.test(text)) {
        start = at;
        end = sticky.lastIndex;
      } else {
        pattern.lastIndex = at;
        const match = pattern.exec(text);
        if (match === null) break;
        start = match.index;
        end = start + match[0].length;
      }
      if (end === start) {
        // None of the shipped patterns can match empty; step a code point like matchAll would.
        at = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
        continue;
      }
      at = end;
      const n = piece.encode(text, start, end);
      if (count + n > this.ids.length) this.reserve(count + n);
      const whole = vocab.rankOf(piece.bytes, 0, n);
      if (whole >= 0) {
        this.ids[count] = whole;
        this.starts[count] = start;
        this.ends[count] = end;
        count++;
        continue;
      }
      const merger = this.merger;
      const parts = merger.merge(piece.bytes, n);
      for (let k = 0; k < parts; k++) {
        this.ids[count] = merger.partRank[k];
        this.starts[count] = piece.charStart[merger.partStart[k]];
        this.ends[count] = piece.charEnd[merger.partStart[k + 1] - 1];
        count++;
      }
    }
    return {
      ids: this.ids.slice(0, count),
      starts: this.starts.slice(0, count),
      ends: this.ends.slice(0, count),
    };
  }

  decode(ids: ArrayLike<number>): string {
    let length = 0;
    for (let i = 0; i < ids.length; i++) length += this.tokenBytes(ids[i]).length;
    const out = new Uint8Array(length);
    let at = 0;
    for (let i = 0; i < ids.length; i++) {
      const bytes = this.tokenBytes(ids[i]);
      out.set(bytes, at);
      at += bytes.length;
    }
    return this.decoder.decode(out);
  }

  private tokenBytes(id: number): Uint8Array {
    const vocab = this.vocab;
    if (Number.isInteger(id) && id >= 0 && id < vocab.size && vocab.tokenLength[id] > 0) {
      const start = vocab.tokenStart[id];
      return vocab.pool.subarray(start, start + vocab.tokenLength[id]);
    }
    const special = this.specialBytes.get(id);
    if (special !== undefined) return special;
    throw new RangeError(`Token id ${id} is not in the ${this.encoding} vocabulary`);
  }

  private reserve(size: number): void {
    let capacity = this.ids.length;
    while (capacity < size) capacity *= 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.ids = grow(this.ids);
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
  }
}
