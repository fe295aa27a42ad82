import type { TiktokenBPE } from 'js-tiktoken/lite';

export type EncodingName = 'gpt2' | 'r50k_base' | 'p50k_base' | 'cl100k_base' | 'o200k_base';

export const ENCODING_NAMES: readonly EncodingName[] = Object.freeze([
  'gpt2',
  'r50k_base',
  'p50k_base',
  'cl100k_base',
  'o200k_base',
]);

export function isEncodingName(value: unknown): value is EncodingName {
  return typeof value === 'string' && (ENCODING_NAMES as readonly string[]).includes(value);
}

export function unknownEncodingError(name: unknown): Error {
  return new Error(`Unknown tokenizer encoding ${JSON.stringify(name)}; expected one of ${ENCODING_NAMES.join(', ')}`);
}

/** The rank tables exactly as js-tiktoken ships them (pattern, special tokens, base64 ranks). */
export type EncodingRanks = TiktokenBPE;

// Each table is 0.5–2.3 MB of JavaScript, so every loader is its own dynamic import: the bundler
// splits them into separate chunks and only the encodings a key set names are ever fetched.
const RANK_LOADERS: Record<EncodingName, () => Promise<{ default: EncodingRanks }>> = {
  gpt2: () => import('js-tiktoken/ranks/gpt2'),
  r50k_base: () => import('js-tiktoken/ranks/r50k_base'),
  p50k_base: () => import('js-tiktoken/ranks/p50k_base'),
  cl100k_base: () => import('js-tiktoken/ranks/cl100k_base'),
  o200k_base: () => import('js-tiktoken/ranks/o200k_base'),
};

const requested = new Set<EncodingName>();

/** Fetches one encoding's rank table (the module system caches it after the first call). */
export async function loadEncodingRanks(name: EncodingName): Promise<EncodingRanks> {
  if (!isEncodingName(name)) throw unknownEncodingError(name);
  requested.add(name);
  return (await RANK_LOADERS[name]()).default;
}

/** Encodings whose rank tables have been requested so far, in ENCODING_NAMES order. */
export function loadedEncodings(): EncodingName[] {
  return ENCODING_NAMES.filter((name) => requested.has(name));
}
