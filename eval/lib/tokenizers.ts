// A key's tokenizer for the evaluation, resolved as `wmlens` resolves it (src/cli/tokenizer-files.ts:
// file: URLs and paths read in place, https downloaded into the SHA-256-keyed cache, every file checked
// against its pin) and loaded by the detector's own loader (src/detector/tokenizer-for.ts), so a
// tokenizer.json key is tokenized here exactly as `wmlens detect` and compileKeySet tokenize it.
import { cliTokenizerFiles } from '../../src/cli/tokenizer-files';
import { tokenizerFor } from '../../src/detector/tokenizer-for';
import { tokenizerIdOf } from '../../src/keyset/tokenizer-spec';
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import type { Tokenizer } from '../../src/tokenize/types';
import { BUNDLED_KEYSET_PATH } from './keys';

// The evaluation's keys name tokenizer files by absolute file: URL (eval/lib/keys.ts), so the key-set
// path only matters for relative paths, which they do not use.
const resolveFile = cliTokenizerFiles({ keySetPath: BUNDLED_KEYSET_PATH, log: (line) => console.error(line) });

/** The key's tokenizer: a js-tiktoken encoding, or its pinned tokenizer.json. */
export function evalTokenizer(spec: Pick<KeySpec, 'tokenizer' | 'kid'>): Promise<Tokenizer> {
  return tokenizerFor(spec.tokenizer, spec.kid, resolveFile);
}

/**
 * What the evaluation's caches of token streams and generated texts (file names in eval/.cache/) are
 * keyed by: the encoding name (as before tokenizer files existed, so existing entries stay valid), or
 * "hf-" and the file's hash (and "+special" when special tokens are added).
 */
export function evalTokenizerId(spec: Pick<KeySpec, 'tokenizer'>): string {
  return tokenizerIdOf(spec.tokenizer).replace(/^hf:/, 'hf-');
}
