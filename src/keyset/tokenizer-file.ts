// Checks on a tokenizer file's bytes that every host applies before using or storing them (design
// §3.1): size first, then the SHA-256 pinned by the key set, then strict UTF-8. No parsing here, so the
// extension's background can verify a download without loading the tokenizer engine.
import { keySetFingerprint } from './fingerprint';
import { type HuggingFaceTokenizerFile, MAX_TOKENIZER_FILE_BYTES } from './types';

/** A tokenizer file that could not be used; the message names the file, its URL and why. */
export class TokenizerFileError extends Error {
  override name = 'TokenizerFileError';
  constructor(
    readonly file: HuggingFaceTokenizerFile,
    readonly reason: string,
  ) {
    super(`tokenizer ${file.name} from ${file.url}: ${reason}`);
  }
}

/** The file's text if its bytes are the pinned ones; a TokenizerFileError saying why not otherwise. */
export async function checkTokenizerBytes(file: HuggingFaceTokenizerFile, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > MAX_TOKENIZER_FILE_BYTES) {
    throw new TokenizerFileError(file, `the file is ${bytes.byteLength} bytes; a tokenizer file may be at most 32 MiB (${MAX_TOKENIZER_FILE_BYTES} bytes)`);
  }
  const { sha256 } = await keySetFingerprint(bytes);
  if (sha256 !== file.sha256) {
    throw new TokenizerFileError(file, `the file's SHA-256 is ${sha256}, but the key set pins ${file.sha256}; refused (the file changed, or is not the one the key set names)`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TokenizerFileError(file, 'the file is not valid UTF-8 text (a tokenizer.json is JSON)');
  }
}
