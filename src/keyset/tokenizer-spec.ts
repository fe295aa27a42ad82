// What a key's tokenizer is, once parsed: its identity (what caches of token ids, calibrations and
// stand-in models are keyed by) and how it is described to people.
import type { RawTokenizer } from './tokenizer-schema';
import type { HuggingFaceTokenizerFile, KeySet, TokenizerSpec } from './types';

/** A validated `tokenizer` field → TokenizerSpec with its default filled in. */
export function tokenizerSpecOf(raw: RawTokenizer): TokenizerSpec {
  if (raw.huggingface !== undefined) {
    const { url, sha256, name } = raw.huggingface;
    return { huggingface: { url, sha256, name }, addSpecialTokens: raw.addSpecialTokens ?? false };
  }
  // The schema guarantees exactly one of the two.
  return { encoding: raw.encoding! };
}

export function isHuggingFaceTokenizer(t: TokenizerSpec): t is Extract<TokenizerSpec, { huggingface: unknown }> {
  return 'huggingface' in t;
}

/**
 * Two keys tokenize every text identically exactly when their ids are equal: the encoding name for
 * js-tiktoken (unchanged from before tokenizer files existed, so persisted calibrations stay valid),
 * the file's hash (not its URL: the same bytes served from two places are one tokenizer) and whether
 * special tokens are added for tokenizer.json files.
 */
export function tokenizerIdOf(t: TokenizerSpec): string {
  if (!isHuggingFaceTokenizer(t)) return t.encoding;
  return `hf:${t.huggingface.sha256}${t.addSpecialTokens ? '+special' : ''}`;
}

/** e.g. "gpt2", or "Qwen/Qwen2.5-1.5B-Instruct (tokenizer.json sha256 c0382117ea32…)". */
export function describeTokenizer(t: TokenizerSpec): string {
  if (!isHuggingFaceTokenizer(t)) return t.encoding;
  const special = t.addSpecialTokens ? ', special tokens added' : '';
  return `${t.huggingface.name} (tokenizer.json sha256 ${t.huggingface.sha256.slice(0, 12)}…${special})`;
}

/** The distinct tokenizer files a key set needs (by hash), in key order; the first key naming each wins. */
export function tokenizerFilesOf(keySet: Pick<KeySet, 'keys'>): HuggingFaceTokenizerFile[] {
  const out = new Map<string, HuggingFaceTokenizerFile>();
  for (const key of keySet.keys) {
    const t = key.tokenizer;
    if (isHuggingFaceTokenizer(t) && !out.has(t.huggingface.sha256)) out.set(t.huggingface.sha256, t.huggingface);
  }
  return [...out.values()];
}

/**
 * Distinct tokenizer files one key set may name. Each may be 32 MiB and is downloaded and parsed when
 * the set is added; an untrusted document naming dozens would cost gigabytes. Real sets cover one
 * model family per key set; a handful leaves room for a few models.
 */
export const MAX_TOKENIZER_FILES_PER_KEYSET = 4;

/** Issues for every key that names a file beyond the first MAX_TOKENIZER_FILES_PER_KEYSET distinct ones. */
export function tokenizerFileLimitIssues(keys: readonly Pick<KeySet['keys'][number], 'tokenizer'>[]): { path: string; message: string }[] {
  const seen = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  keys.forEach((key, i) => {
    const t = key.tokenizer;
    if (!isHuggingFaceTokenizer(t) || seen.has(t.huggingface.sha256)) return;
    if (seen.size < MAX_TOKENIZER_FILES_PER_KEYSET) {
      seen.add(t.huggingface.sha256);
      return;
    }
    issues.push({
      path: `keys[${i}].tokenizer.huggingface`,
      message: `a key set may name at most ${MAX_TOKENIZER_FILES_PER_KEYSET} distinct tokenizer files (each up to 32 MiB, all downloaded when it is added); this is file ${seen.size + issues.length + 1}`,
    });
  });
  return issues;
}
