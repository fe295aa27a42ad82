import type { TokenizedText, Tokenizer } from '../types';
import { AddedTokenMatcher, readAddedTokens, type AddedToken } from './added-tokens';
import { alignedInput, sliceAligned, type AlignedText } from './aligned';
import { BpeModel } from './bpe';
import { object, UnsupportedTokenizerError, type JsonObject } from './config';
import { buildDecoder, type Decoder } from './decoders';
import { buildNormalizer, type Normalizer } from './normalizers';
import { buildPostProcessor, type SpecialTokenFrame } from './post-processors';
import { buildPreTokenizer, type PreTokenizer } from './pre-tokenizers';

export interface HfTokenizerOptions {
  /** Add the post-processor's special tokens (e.g. a BOS id), as `encode(text, add_special_tokens=True)`. Default false. */
  addSpecialTokens?: boolean;
  /** Identifies the tokenizer in caches and messages; give something unique per file (e.g. its SHA-256). */
  name?: string;
}

/**
 * A Hugging Face tokenizer.json tokenizer with character ranges: the Rust `tokenizers` pipeline
 * (added tokens, normalizer, pre-tokenizer, BPE model, post-processor) re-implemented over text
 * whose every unit remembers which input characters it came from.
 */
export class HfTokenizer implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  private readonly model: BpeModel;
  private readonly normalizer: Normalizer | null;
  private readonly preTokenizer: PreTokenizer | null;
  private readonly decoder: Decoder | null;
  private readonly frame: SpecialTokenFrame;
  private readonly addSpecialTokens: boolean;
  private readonly rawMatcher: AddedTokenMatcher;
  private readonly normalizedMatcher: AddedTokenMatcher;
  private readonly addedById = new Map<number, AddedToken>();

  constructor(root: JsonObject, options: HfTokenizerOptions = {}) {
    this.name = options.name ?? 'huggingface';
    this.addSpecialTokens = options.addSpecialTokens ?? false;
    if (root.truncation !== undefined && root.truncation !== null) {
      throw new UnsupportedTokenizerError('tokenizer.json: truncation is set; it would drop tokens of long texts');
    }
    this.model = new BpeModel(object(root.model, 'model'));
    this.normalizer = buildNormalizer(root.normalizer);
    this.preTokenizer = buildPreTokenizer(root.pre_tokenizer);
    this.decoder = buildDecoder(root.decoder);
    this.frame = buildPostProcessor(root.post_processor);
    const added = readAddedTokens(root);
    for (const t of added) this.addedById.set(t.id, t);
    this.rawMatcher = new AddedTokenMatcher(added.filter((t) => !t.normalized).map((t) => ({ content: t.content, token: t })));
    this.normalizedMatcher = new AddedTokenMatcher(
      added
        .filter((t) => t.normalized)
        .map((t) => ({ content: this.normalizer === null ? t.content : this.normalizer(alignedInput(t.content)).text, token: t })),
    );
    let size = this.model.idToToken.length;
    for (const t of added) size = Math.max(size, t.id + 1);
    this.vocabSize = size;
  }

  encode(text: string): TokenizedText {
    const out = new TokenSink();
    const input = alignedInput(text);
    if (this.addSpecialTokens) for (const id of this.frame.before) out.push(id, 0, 0);
    let at = 0;
    for (const m of this.rawMatcher.find(input.text)) {
      if (m.start > at) this.encodeNormalizable(sliceAligned(input, at, m.start), out);
      out.push(m.token.id, input.starts[m.start], input.ends[m.end - 1]);
      at = m.end;
    }
    if (at < input.text.length) this.encodeNormalizable(sliceAligned(input, at, input.text.length), out);
    if (this.addSpecialTokens) for (const id of this.frame.after) out.push(id, text.length, text.length);
    return out.result();
  }

  private encodeNormalizable(piece: AlignedText, out: TokenSink): void {
    const normalized = this.normalizer === null ? piece : this.normalizer(piece);
    let at = 0;
    for (const m of this.normalizedMatcher.find(normalized.text)) {
      if (m.start > at) this.encodePlain(sliceAligned(normalized, at, m.start), out);
      out.push(m.token.id, normalized.starts[m.start], normalized.ends[m.end - 1]);
      at = m.end;
    }
    if (at < normalized.text.length) this.encodePlain(sliceAligned(normalized, at, normalized.text.length), out);
  }

  private encodePlain(piece: AlignedText, out: TokenSink): void {
    const pieces = this.preTokenizer === null ? [piece] : this.preTokenizer([piece]);
    for (const p of pieces) {
      const tokens = this.model.tokenize(p.text);
      for (let k = 0; k < tokens.ids.length; k++) {
        out.push(tokens.ids[k], p.starts[tokens.unitStarts[k]], p.ends[tokens.unitEnds[k] - 1]);
      }
    }
  }

  decode(ids: ArrayLike<number>): string {
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const token = this.addedById.get(id)?.content ?? (Number.isInteger(id) && id >= 0 ? this.model.idToToken[id] : undefined);
      if (token === undefined) throw new RangeError(`Token id ${id} is not in the ${this.name} vocabulary`);
      tokens.push(token);
    }
    return (this.decoder === null ? tokens : this.decoder(tokens)).join('');
  }
}

class TokenSink {
  private ids = new Int32Array(256);
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private count = 0;

  push(id: number, start: number, end: number): void {
    if (this.count === this.ids.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.ids[this.count] = id;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  result(): TokenizedText {
    return { ids: this.ids.slice(0, this.count), starts: this.starts.slice(0, this.count), ends: this.ends.slice(0, this.count) };
  }
}
