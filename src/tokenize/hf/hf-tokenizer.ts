import type { TokenizedText, Tokenizer } from '../types';
import { AddedTokenMatcher, readAddedTokens, type AddedToken } from './added-tokens';
import { alignedInput, sliceAligned, type AlignedText } from './aligned';
import { BpeModel } from './bpe';
import { object, UnsupportedTokenizerError, type JsonObject } from './config';
import { buildDecoder, type Decoder } from './decoders';
import { buildNormalizer, type Normalizer } from './normalizers';
import { buildPostProcessor, type SpecialTokenFrame } from './post-processors';
import { buildPreTokenizer, wholePiece, type PreTokenizer } from './pre-tokenizers';

export interface HfTokenizerOptions {
  /** Add the post-processor's special tokens (e.g. a BOS id), as `encode(text, add_special_tokens=True)`. Default false. */
  addSpecialTokens?: boolean;
  /** Identifies the tokenizer in caches and messages; give something unique per file (e.g. its SHA-256). */
  name?: string;
}

/**
 * The ids the Rust library gives added tokens when it reads a file: it adds them one by one, and a
 * token whose text is in the model's vocabulary takes that id; any other takes the next id after the
 * vocabulary and the added tokens so far. Files written by the library agree with their own `id`
 * fields; this keeps a hand-edited file tokenizing as the Rust library would.
 */
function assignAddedTokenIds(tokens: readonly AddedToken[], model: BpeModel): AddedToken[] {
  const vocabCount = model.vocab.size;
  const ids = new Map<string, number>();
  let max = -1;
  const out: AddedToken[] = [];
  for (const t of tokens) {
    if (t.content === '') continue;
    let id = ids.get(t.content) ?? model.vocab.get(t.content);
    if (id === undefined) id = max < 0 ? vocabCount : max >= vocabCount || vocabCount === 0 ? max + 1 : vocabCount;
    ids.set(t.content, id);
    if (id > max) max = id;
    out.push({ ...t, id });
  }
  // A later entry with the same text replaces an earlier one.
  const last = new Map(out.map((t, i) => [t.content, i]));
  return out.filter((t, i) => last.get(t.content) === i);
}

/** Everything parsed from one tokenizer.json; shared by the tokenizers made from it with other options. */
class Pipeline {
  readonly vocabSize: number;
  readonly model: BpeModel;
  readonly normalizer: Normalizer | null;
  readonly preTokenizer: PreTokenizer | null;
  readonly decoder: Decoder | null;
  readonly frame: SpecialTokenFrame;
  readonly rawMatcher: AddedTokenMatcher;
  readonly normalizedMatcher: AddedTokenMatcher;
  readonly addedById = new Map<number, AddedToken>();

  constructor(root: JsonObject) {
    if (root.truncation !== undefined && root.truncation !== null) {
      throw new UnsupportedTokenizerError('tokenizer.json: truncation is set; it would drop tokens of long texts');
    }
    this.model = new BpeModel(object(root.model, 'model'));
    this.normalizer = buildNormalizer(root.normalizer);
    this.preTokenizer = buildPreTokenizer(root.pre_tokenizer);
    this.decoder = buildDecoder(root.decoder);
    this.frame = buildPostProcessor(root.post_processor);
    const added = assignAddedTokenIds(readAddedTokens(root), this.model);
    for (const t of added) this.addedById.set(t.id, t);
    // Like the Rust AddedVocabulary: tokens marked normalized are looked for in the normalized text
    // (their content normalized too), the others in the raw text first.
    this.rawMatcher = new AddedTokenMatcher(added.filter((t) => !t.normalized).map((t) => ({ content: t.content, token: t })));
    const normalizer = this.normalizer;
    this.normalizedMatcher = new AddedTokenMatcher(
      added.filter((t) => t.normalized).map((t) => ({ content: normalizer === null ? t.content : normalizer(alignedInput(t.content)).text, token: t })),
    );
    let size = this.model.idToToken.length;
    for (const t of added) size = Math.max(size, t.id + 1);
    this.vocabSize = size;
  }
}

/**
 * A Hugging Face tokenizer.json tokenizer with character ranges: the Rust `tokenizers` pipeline
 * (added tokens, normalizer, pre-tokenizer, BPE model, post-processor) re-implemented over text
 * whose every unit remembers which input characters it came from.
 */
export class HfTokenizer implements Tokenizer {
  readonly name: string;
  readonly addSpecialTokens: boolean;
  private readonly pipeline: Pipeline;

  constructor(root: JsonObject | Pipeline, options: HfTokenizerOptions = {}) {
    this.pipeline = root instanceof Pipeline ? root : new Pipeline(root);
    this.name = options.name ?? 'huggingface';
    this.addSpecialTokens = options.addSpecialTokens ?? false;
  }

  /** Ids run from 0 to vocabSize − 1 (the model's vocabulary and the added tokens). */
  get vocabSize(): number {
    return this.pipeline.vocabSize;
  }

  /** The same parsed tokenizer with other options (no second parse). */
  withOptions(options: HfTokenizerOptions): HfTokenizer {
    return new HfTokenizer(this.pipeline, { name: this.name, addSpecialTokens: this.addSpecialTokens, ...options });
  }

  encode(text: string): TokenizedText {
    const out = new TokenSink();
    const input = alignedInput(text);
    const { frame, rawMatcher } = this.pipeline;
    // Special tokens from the post-processor stand for no text: empty ranges at the start or end.
    if (this.addSpecialTokens) for (const id of frame.before) out.push(id, 0, 0);
    let at = 0;
    for (const m of rawMatcher.find(input.text)) {
      if (m.start > at) this.encodeNormalizable(sliceAligned(input, at, m.start), out);
      out.push(m.token.id, input.starts[m.start], input.ends[m.end - 1]);
      at = m.end;
    }
    if (at < input.text.length) this.encodeNormalizable(sliceAligned(input, at, input.text.length), out);
    if (this.addSpecialTokens) for (const id of frame.after) out.push(id, text.length, text.length);
    return out.result();
  }

  private encodeNormalizable(piece: AlignedText, out: TokenSink): void {
    const { normalizer, normalizedMatcher } = this.pipeline;
    const normalized = normalizer === null ? piece : normalizer(piece);
    let at = 0;
    for (const m of normalizedMatcher.find(normalized.text)) {
      if (m.start > at) this.encodePlain(sliceAligned(normalized, at, m.start), out);
      out.push(m.token.id, normalized.starts[m.start], normalized.ends[m.end - 1]);
      at = m.end;
    }
    if (at < normalized.text.length) this.encodePlain(sliceAligned(normalized, at, normalized.text.length), out);
  }

  private encodePlain(piece: AlignedText, out: TokenSink): void {
    const { preTokenizer, model } = this.pipeline;
    const whole = wholePiece(piece);
    const pieces = preTokenizer === null ? [whole] : preTokenizer([whole]);
    for (const p of pieces) {
      const tokens = model.tokenize(p.text, p.byteLevel);
      const { starts, ends } = p.a;
      for (let k = 0; k < tokens.length; k += 3) {
        out.push(tokens[k], starts[p.start + tokens[k + 1]], ends[p.start + tokens[k + 2] - 1]);
      }
    }
  }

  decode(ids: ArrayLike<number>): string {
    const { addedById, model, decoder } = this.pipeline;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const token = addedById.get(id)?.content ?? (Number.isInteger(id) && id >= 0 ? model.idToToken[id] : undefined);
      if (token === undefined) throw new RangeError(`Token id ${id} is not in the ${this.name} vocabulary`);
      tokens.push(token);
    }
    // Without a decoder the Rust library joins the token strings with spaces.
    return decoder === null ? tokens.join(' ') : decoder(tokens).join('');
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
