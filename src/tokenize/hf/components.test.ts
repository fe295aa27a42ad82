import { Tokenizer as RustTokenizer } from '@anush008/tokenizers';
import { describe, expect, it } from 'vitest';
import { BYTE_TO_CHAR } from './byte-level';
import { loadHfTokenizer, UnsupportedTokenizerError } from './index';

// The components the shipped files do not exercise (Metaspace, lstrip/rstrip/single_word, other
// Split behaviours, Roberta-style post-processing, …), each in a small tokenizer.json checked live
// against the Rust `tokenizers` crate (its napi build, a devDependency): same ids, same offsets,
// same decoded text.

const TEXTS = [
  '',
  'a',
  'the cat sat on the mat.',
  'The  Cat\tsat\non the MAT!',
  '  leading and trailing  ',
  'in 2024, 12 + 1234 = 1246',
  "it's we'll THEY'RE",
  'café naïve e\u0301 Ångström',
  '東京 🙂 👨‍👩‍👧',
  '[X] at start, mid[X]word, end [X]',
  'spaces  [X]  around and [X]\ttab',
  '<s> hello </s> <s>',
  '▁already▁has▁markers',
  'x\u00a0y\u3000z',
];

/** A character-level SentencePiece-style vocabulary with byte fallback, and a few merges. */
function charVocab(): { vocab: Record<string, number>; merges: Array<[string, string]> } {
  const vocab: Record<string, number> = { '<unk>': 0, '<s>': 1, '</s>': 2 };
  for (let b = 0; b < 256; b++) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`] = 3 + b;
  for (const c of '▁abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!+=\'') vocab[c] = Object.keys(vocab).length;
  const merges: Array<[string, string]> = [
    ['▁', 't'], ['h', 'e'], ['▁t', 'he'], ['▁', 'a'], ['a', 't'], ['▁', '▁'], ['i', 'n'], ['▁', 'c'], ['▁c', 'at'], ['1', '2'], ['o', 'n'],
  ];
  for (const [l, r] of merges) vocab[l + r] ??= Object.keys(vocab).length;
  return { vocab, merges };
}

/** A byte-level vocabulary: the 256 byte characters and a few merges. */
function byteVocab(): { vocab: Record<string, number>; merges: Array<[string, string]> } {
  const vocab: Record<string, number> = {};
  BYTE_TO_CHAR.forEach((c, b) => (vocab[c] = b));
  const merges: Array<[string, string]> = [['Ġ', 't'], ['h', 'e'], ['Ġt', 'he'], ['Ġ', 'a'], ['a', 't'], ['i', 'n'], ['Ġ', 'c'], ['Ġc', 'at'], ['1', '2'], ['Ġ', 'Ġ']];
  for (const [l, r] of merges) vocab[l + r] ??= Object.keys(vocab).length;
  return { vocab, merges };
}

interface Variant {
  name: string;
  /**
   * How our ranges must relate to the Rust offsets: equal; containing them (where a normalizer merges
   * characters, Rust gives the result the range of one source character, ours covers all of them);
   * or not compared (Rust's offsets drift after characters its BPE drops, see docs/tokenizers.md).
   */
  offsets?: 'equal' | 'contain' | 'skip';
  byteLevel?: boolean;
  model?: Record<string, unknown>;
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  post_processor?: unknown;
  decoder?: unknown;
  added_tokens?: Array<Record<string, unknown>>;
}

function tokenizerJson(v: Variant): string {
  const { vocab, merges } = v.byteLevel ? byteVocab() : charVocab();
  const next = Object.keys(vocab).length;
  const added = (v.added_tokens ?? []).map((t, i) => ({ id: next + i, single_word: false, lstrip: false, rstrip: false, normalized: false, special: false, ...t }));
  const model = {
    type: 'BPE',
    dropout: null,
    unk_token: v.byteLevel ? null : '<unk>',
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: !v.byteLevel,
    byte_fallback: !v.byteLevel,
    ignore_merges: false,
    vocab,
    merges,
    ...v.model,
  };
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: v.normalizer ?? null,
    pre_tokenizer: v.pre_tokenizer ?? null,
    post_processor: v.post_processor ?? null,
    decoder: v.decoder ?? null,
    model,
  });
}

const metaspace = (scheme: string, split: boolean) => ({ type: 'Metaspace', replacement: '▁', prepend_scheme: scheme, split });
const spDecoder = { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] };
const bos = { type: 'TemplateProcessing', single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }], pair: [], special_tokens: { '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } } };
const split = (behavior: string, invert = false, regex = '\\s+') => ({ type: 'Split', pattern: { Regex: regex }, behavior, invert });

const VARIANTS: Variant[] = [
  { name: 'Metaspace always, split', pre_tokenizer: metaspace('always', true), decoder: metaspace('always', true) },
  { name: 'Metaspace first, no split', pre_tokenizer: metaspace('first', false), decoder: metaspace('first', true) },
  { name: 'Metaspace never', pre_tokenizer: metaspace('never', true), decoder: metaspace('never', true) },
  {
    name: 'added tokens: lstrip, rstrip, single_word, special; TemplateProcessing',
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] },
    decoder: spDecoder,
    post_processor: bos,
    added_tokens: [
      { content: '[X]', lstrip: true, rstrip: true },
      { content: 'mid', single_word: true },
      { content: '<s>', special: true },
      { content: '</s>', special: true },
    ],
  },
  {
    name: 'normalized added token under Lowercase + NFKC + Strip',
    offsets: 'contain',
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Strip', strip_left: true, strip_right: true }, { type: 'NFKC' }, { type: 'Lowercase' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }] },
    pre_tokenizer: metaspace('always', true),
    decoder: metaspace('always', true),
    added_tokens: [{ content: '[X]', normalized: true, rstrip: true }],
  },
  { name: 'NFD and unknown characters fused (no byte fallback)', offsets: 'contain', normalizer: { type: 'NFD' }, model: { byte_fallback: false }, pre_tokenizer: metaspace('always', true) },
  { name: 'no unknown token: unknown characters dropped', offsets: 'skip', model: { byte_fallback: false, unk_token: null }, pre_tokenizer: metaspace('always', true) },
  { name: 'Split Removed', pre_tokenizer: split('Removed') },
  { name: 'Split MergedWithPrevious', pre_tokenizer: split('MergedWithPrevious') },
  { name: 'Split MergedWithNext', pre_tokenizer: split('MergedWithNext') },
  { name: 'Split Contiguous, inverted', pre_tokenizer: split('Contiguous', true, '[a-z]') },
  { name: 'Digits, individual', pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Digits', individual_digits: true }, metaspace('always', true)] } },
  {
    name: 'GPT-2/RoBERTa style: ByteLevel with regex and prefix space, RobertaProcessing',
    byteLevel: true,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 1], trim_offsets: false, add_prefix_space: true },
  },
  {
    name: 'byte-level BPE with ignore_merges and a Split regex',
    byteLevel: true,
    model: { ignore_merges: true },
    pre_tokenizer: { type: 'Sequence', pretokenizers: [split('Isolated', false, "(?i:'s|'ll|'re)|\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"), { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false }] },
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
  },
];

describe.each(VARIANTS)('$name', (variant) => {
  const json = tokenizerJson(variant);
  const rust = RustTokenizer.fromString(json);
  const ours = loadHfTokenizer(json, { name: variant.name });
  const oursSpecial = ours.withOptions({ addSpecialTokens: true });

  it('gives the Rust ids, offsets and decoded text', async () => {
    for (const text of TEXTS) {
      const ref = await rust.encode(text, null, { addSpecialTokens: false });
      const got = ours.encode(text);
      // Rust offsets count code points; ours count UTF-16 units.
      const utf16 = [...text].reduce((acc, ch) => [...acc, acc[acc.length - 1] + ch.length], [0]);
      expect({ text, ids: Array.from(got.ids) }).toEqual({ text, ids: ref.getIds() });
      const ranges = Array.from(got.starts, (start, k) => [start, got.ends[k]]);
      const rustRanges = ref.getOffsets().map(([a, b]) => [utf16[a], utf16[b]]);
      if (variant.offsets === 'contain') {
        const outside = ranges.filter(([a, b], k) => !(a <= rustRanges[k][0] && b >= rustRanges[k][1]));
        expect({ text, outside }).toEqual({ text, outside: [] });
      } else if (variant.offsets !== 'skip') {
        expect({ text, tokens: ref.getTokens(), ranges }).toEqual({ text, tokens: ref.getTokens(), ranges: rustRanges });
      }
      expect({ text, decoded: ours.decode(got.ids) }).toEqual({ text, decoded: await rust.decode(ref.getIds(), false) });
      const special = await rust.encode(text, null, { addSpecialTokens: true });
      expect({ text, ids: Array.from(oursSpecial.encode(text).ids) }).toEqual({ text, ids: special.getIds() });
    }
  });
});

describe('refusals', () => {
  it('names the unsupported component', () => {
    const with_ = (patch: Partial<Variant>) => () => loadHfTokenizer(tokenizerJson({ name: 'x', ...patch }));
    expect(with_({ normalizer: { type: 'Precompiled', precompiled_charsmap: '' } })).toThrow(/normalizer of type "Precompiled" is not supported/);
    expect(with_({ pre_tokenizer: { type: 'BertPreTokenizer' } })).toThrow(/pre_tokenizer of type "BertPreTokenizer"/);
    expect(with_({ decoder: { type: 'WordPiece', prefix: '##' } })).toThrow(/decoder of type "WordPiece"/);
    expect(with_({ post_processor: { type: 'Bogus' } })).toThrow(/post_processor of type "Bogus"/);
    expect(with_({ model: { dropout: 0.1 } })).toThrow(/dropout/);
    expect(with_({ model: { type: 'Unigram' } })).toThrow(UnsupportedTokenizerError);
    expect(() => loadHfTokenizer('{"model": 1}')).toThrow(/model must be an object/);
    expect(() => loadHfTokenizer('[]')).toThrow(/must be a JSON object/);
    expect(() => loadHfTokenizer('{nope')).toThrow(/not valid JSON/);
  });

  it('refuses merges that name tokens outside the vocabulary', () => {
    expect(() => loadHfTokenizer(tokenizerJson({ name: 'x', model: { merges: [['q', 'zz']] } }))).toThrow(/merges\[0\].*not in the vocabulary/);
  });
});
