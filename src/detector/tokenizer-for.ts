// A key's tokenizer: a js-tiktoken encoding (bundled), or a Hugging Face tokenizer.json whose bytes
// the host supplies (the CLI reads or downloads the file, the extension's Worker reads it from its
// store), so this module needs neither Node nor browser APIs. The bytes are checked here whatever the
// host did: size first, then SHA-256 against the key's pin, then strict UTF-8; only then parsed.
// Parsed tokenizers are kept per process (per Worker) by hash, so keys and key sets naming the same
// file share one instance and the file is parsed once.
import { TokenizerFileError, checkTokenizerBytes } from '../keyset/tokenizer-file';
import { describeTokenizer, isHuggingFaceTokenizer, tokenizerIdOf } from '../keyset/tokenizer-spec';
import type { HuggingFaceTokenizerFile, TokenizerSpec } from '../keyset/types';
import { loadHfTokenizer } from '../tokenize/hf/index';
import { loadTokenizer } from '../tokenize/tokenizer';
import type { Tokenizer } from '../tokenize/types';

export { TokenizerFileError, checkTokenizerBytes };

/**
 * The host's way to get a tokenizer file's bytes. It may check the hash itself (the CLI's cache and
 * the extension's store do) but need not: the bytes are verified again before they are used.
 * `kid` is the first key that needs the file, for the host's error messages.
 */
export type TokenizerFileResolver = (file: HuggingFaceTokenizerFile, kid: string) => Promise<Uint8Array>;

const hfTokenizers = new Map<string, Promise<Tokenizer>>();

async function loadFromFile(spec: Extract<TokenizerSpec, { huggingface: unknown }>, kid: string, resolve: TokenizerFileResolver): Promise<Tokenizer> {
  const file = spec.huggingface;
  let bytes: Uint8Array;
  try {
    bytes = await resolve(file, kid);
  } catch (error) {
    if (error instanceof TokenizerFileError) throw error;
    throw new TokenizerFileError(file, error instanceof Error ? error.message : String(error));
  }
  const text = await checkTokenizerBytes(file, bytes);
  try {
    return loadHfTokenizer(text, { addSpecialTokens: spec.addSpecialTokens, name: file.name });
  } catch (error) {
    throw new TokenizerFileError(file, `not a usable tokenizer.json: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The tokenizer of a key; `resolve` is needed only for tokenizer files not loaded yet in this process. */
export function tokenizerFor(spec: TokenizerSpec, kid: string, resolve: TokenizerFileResolver | undefined): Promise<Tokenizer> {
  if (!isHuggingFaceTokenizer(spec)) return loadTokenizer(spec.encoding);
  const id = tokenizerIdOf(spec);
  let tokenizer = hfTokenizers.get(id);
  if (tokenizer === undefined) {
    if (resolve === undefined) {
      return Promise.reject(new TokenizerFileError(spec.huggingface, `key ${kid} needs ${describeTokenizer(spec)}, and this program was given no way to read tokenizer files`));
    }
    tokenizer = loadFromFile(spec, kid, resolve);
    hfTokenizers.set(id, tokenizer);
    // A failed load (file not downloaded yet, network, wrong bytes) must not stop a later attempt.
    tokenizer.catch(() => {
      if (hfTokenizers.get(id) === tokenizer) hfTokenizers.delete(id);
    });
  }
  return tokenizer;
}
