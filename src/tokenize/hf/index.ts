import { UnsupportedTokenizerError } from './config';
import { HfTokenizer, type HfTokenizerOptions } from './hf-tokenizer';

export { UnsupportedTokenizerError } from './config';
export { HfTokenizer } from './hf-tokenizer';
export type { HfTokenizerOptions } from './hf-tokenizer';

/** Parses a Hugging Face tokenizer.json (its text) into a Tokenizer; unsupported components are refused by name. */
export function loadHfTokenizer(json: string, options: HfTokenizerOptions = {}): HfTokenizer {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (e) {
    throw new UnsupportedTokenizerError(`tokenizer.json is not valid JSON (${(e as Error).message})`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new UnsupportedTokenizerError('tokenizer.json must be a JSON object');
  }
  return new HfTokenizer(root as never, options);
}
