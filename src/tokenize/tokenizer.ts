import { BpeTokenizer } from './bpe-tokenizer';
import { isEncodingName, loadEncodingRanks, unknownEncodingError } from './encodings';
import type { EncodingName } from './encodings';
import type { Tokenizer } from './types';

export type { TokenizedText, Tokenizer } from './types';

// One tokenizer per encoding: building one parses megabytes of ranks. The promise is cached so that
// concurrent callers share a single load.
const tokenizers = new Map<EncodingName, Promise<Tokenizer>>();

export function loadTokenizer(name: EncodingName): Promise<Tokenizer> {
  // Names arrive from key sets at run time, whatever the type says.
  if (!isEncodingName(name)) return Promise.reject(unknownEncodingError(name));
  let tokenizer = tokenizers.get(name);
  if (tokenizer === undefined) {
    tokenizer = loadEncodingRanks(name).then((ranks) => new BpeTokenizer(name, ranks));
    tokenizers.set(name, tokenizer);
    // A failed load (e.g. a chunk that could not be fetched) must not poison later attempts.
    tokenizer.catch(() => {
      if (tokenizers.get(name) === tokenizer) tokenizers.delete(name);
    });
  }
  return tokenizer;
}
