// A key set after parsing: every optional field of the document has been replaced by its resolved
// value, so the scorer never has to know the document format's defaults. The document format itself
// is described in docs/design.md §3.

import type { PrfName } from '../seeding/prf';

export const IMPLEMENTATIONS = ['lm-watermarking', 'lm-watermarking-legacy', 'hf-transformers'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

export const TOKENIZER_ENCODINGS = ['gpt2', 'r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const;
export type TokenizerEncoding = (typeof TOKENIZER_ENCODINGS)[number];

/** A Hugging Face tokenizer.json, pinned by the SHA-256 of its bytes (design.md §3.1). */
export interface HuggingFaceTokenizerFile {
  /** https (http only on localhost), a file: URL, or a path relative to the key-set file (CLI only). */
  url: string;
  /** Lower-case hex of the file's SHA-256: the file's identity, whatever URL it came from. */
  sha256: string;
  /** What users are told the tokenizer is, e.g. "Qwen/Qwen2.5-1.5B-Instruct". */
  name: string;
}

/** Files above this are refused (design.md §3.1); the largest open-model tokenizers are ~20 MB. */
export const MAX_TOKENIZER_FILE_BYTES = 32 * 1024 * 1024;

export type TokenizerSpec =
  | { encoding: TokenizerEncoding }
  | {
      huggingface: HuggingFaceTokenizerFile;
      /** Default false: only the text's own tokens are scored (no BOS or template tokens added). */
      addSpecialTokens: boolean;
    };

/** Only normalizers that can be reproduced bit for bit outside the reference's Python process. */
export const NORMALIZERS = ['unicode'] as const;
export type NormalizerName = (typeof NORMALIZERS)[number];

export type HfSeeding = 'lefthash' | 'selfhash';

export interface KeySet {
  /** Stable across versions: `[a-z0-9][a-z0-9.-]{0,127}`. */
  id: string;
  name: string;
  publisher: { name: string; url?: string };
  /** An update with a lower version is refused by the updater. */
  version: number;
  /** ISO-8601 date-time with a time zone, exactly as written in the document. */
  issued: string;
  /** ISO-8601 date-time with a time zone, strictly after `issued`; absent = never expires. */
  expires?: string;
  /** In document order, so `keys[i]` in an issue path points at the i-th key of the document. */
  keys: KeySpec[];
}

/** The lm-watermarking PRF scheme of a key, parsed once so the scorer does not re-parse `seeding`. */
export interface LmwScheme {
  prfType: PrfName;
  contextWidth: number;
  selfSalt: boolean;
}

export interface TestVector {
  /** Token ids exactly as handed to the detector, i.e. before the BOS token is dropped. */
  ids: number[];
  numTokensScored: number;
  numGreenTokens: number;
}

interface KeySpecCommon {
  /** Unique within its key set. */
  kid: string;
  scheme: 'kgw';
  /** The seeding string as written in the document. */
  seeding: string;
  /**
   * Tokens of context before a scored token (self-salted schemes include the token itself).
   * lm-watermarking: the seeding scheme's width (a `contextWidth` in the document must agree with it).
   * lm-watermarking-legacy: 1. hf-transformers: the document's `contextWidth`, default 1 (the
   * reference's default).
   */
  contextWidth: number;
  /**
   * The PRF salt.
   * lm-watermarking: defaults to the seeding string's key (15485863 for the aliases and for an `ff-…`
   * string without a key). A `hashKey` given together with an alias (lefthash, selfhash, …) or a key-less
   * `ff-…` string replaces that default salt; one that differs from an explicit `ff-…-<key>` is refused.
   * lm-watermarking-legacy and hf-transformers: required.
   */
  hashKey: bigint;
  /** 0 < gamma < 1; the green list holds `floor(vocabSize * gamma)` ids. */
  gamma: number;
  /** The n given to randperm by the generator; never inferred from the tokenizer. */
  vocabSize: number;
  /** Default true (green = head of the permutation); false = legacy tail-of-permutation green list. */
  selectGreenTokens: boolean;
  /** Generator device at generation time; only the CPU generator is supported so far. */
  rng: 'torch-cpu';
  tokenizer: TokenizerSpec;
  /** Dropped once if it is the first token. Default null (nothing is dropped). */
  bosTokenId: number | null;
  detection: {
    /**
     * Count each distinct n-gram once. Default: true for lm-watermarking and lm-watermarking-legacy (the
     * detectors' own defaults), false for hf-transformers (the reference ignores the flag, so it must be false).
     */
    ignoreRepeatedNgrams: boolean;
    /** Applied to text, in order, before tokenizing. Default [] (none). */
    normalizers: NormalizerName[];
  };
  /** Default []. */
  testVectors: TestVector[];
}

export interface LmwKeySpec extends KeySpecCommon {
  implementation: 'lm-watermarking' | 'lm-watermarking-legacy';
  /** lm-watermarking-legacy only knows `simple_1`, i.e. additive_prf, width 1, no self-salt. */
  lmwScheme: LmwScheme;
}

export interface HfKeySpec extends KeySpecCommon {
  implementation: 'hf-transformers';
  seeding: HfSeeding;
}

/** A KGW green-list key (`scheme: "kgw"`). */
export type KgwKeySpec = LmwKeySpec | HfKeySpec;

/** Every scheme's key; `scheme` tells them apart. */
export type KeySpec = KgwKeySpec | SynthIdKeySpec | UnigramKeySpec;

export const UNIGRAM_IMPLEMENTATIONS = ['unigram-watermark'] as const;
export type UnigramImplementation = (typeof UNIGRAM_IMPLEMENTATIONS)[number];

/** A Unigram-Watermark key (design §3.2): one fixed green list per key, numpy PCG64 shuffle. */
export interface UnigramKeySpec {
  kid: string;
  scheme: 'unigram';
  /** XuandongZhao/Unigram-Watermark gptwm.py. */
  implementation: UnigramImplementation;
  /** Any int64 (the reference hashes np.int64(key)); a decimal string in the document when large. */
  watermarkKey: bigint;
  /** 0 < fraction < 1; the list holds int(fraction · vocabSize) ids (float64 product, truncated). */
  fraction: number;
  /** The mask's length, 2 ≤ vocabSize ≤ 2^20; ids at or beyond it are never green. */
  vocabSize: number;
  tokenizer: TokenizerSpec;
  detection: { normalizers: NormalizerName[] };
  /** numTokensScored = every id; numGreenTokens = green ids, repeats included (the reference's `detect`). */
  testVectors: TestVector[];
}

export const SYNTHID_IMPLEMENTATIONS = ['hf-transformers', 'synthid-text'] as const;
export type SynthIdImplementation = (typeof SYNTHID_IMPLEMENTATIONS)[number];

export const SYNTHID_SCORES = ['mean', 'weighted-mean'] as const;
export type SynthIdScore = (typeof SYNTHID_SCORES)[number];

export interface SynthIdTestVector {
  ids: number[];
  /** Scored n-gram positions (the reference's mask). */
  numTokensScored: number;
  /** The reference's mean g-value; null when nothing is scored. Compared exactly. */
  meanScore: number | null;
}

/** A SynthID-Text key (design §3.2). */
export interface SynthIdKeySpec {
  kid: string;
  scheme: 'synthid';
  /** "hf-transformers": the sampling-table variant; "synthid-text": the hash variant. */
  implementation: SynthIdImplementation;
  ngramLen: number;
  /** One int64 per layer. */
  keys: bigint[];
  /** Default 1024 (the references' default). */
  contextHistorySize: number;
  /**
   * hf-transformers only (null for synthid-text): entries of the g-value table, default 65536, and the
   * table itself, either drawn from `samplingTableSeed` (default 0) with the `rng` generator, or given
   * as `samplingTable` (base64 bits, least significant first), in which case the seed is null.
   */
  samplingTableSize: number | null;
  samplingTableSeed: bigint | null;
  samplingTable: string | null;
  rng: 'torch-cpu' | null;
  /** Positions from the first EOS token on are not scored. Default null. */
  eosTokenId: number | null;
  /** The statistic the verdict is taken from. Default "mean". */
  score: SynthIdScore;
  tokenizer: TokenizerSpec;
  detection: { normalizers: NormalizerName[] };
  testVectors: SynthIdTestVector[];
}

/** The KGW keys among `keys`, in order (for code that only knows the KGW scheme). */
export function kgwKeys(keys: readonly KeySpec[]): KgwKeySpec[] {
  return keys.filter((k): k is KgwKeySpec => k.scheme === 'kgw');
}
