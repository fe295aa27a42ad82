// Corpus → one token stream per tokenizer (documents joined by a blank line, as posts on a page),
// and the stream → windows of L tokens. Windows of one length never overlap, so their false alarms
// are (nearly) independent trials; different lengths reuse the same text.
import type { NormalizerName } from '../../src/keyset/types';
import { applyNormalizers } from '../../src/normalize/index';
import type { Tokenizer } from '../../src/tokenize/types';
import type { Corpus } from './corpora';

export interface TokenStream {
  corpus: string;
  ids: Int32Array;
}

/** Length bins of the evaluation (tokens per window). */
export const LENGTH_BINS = [16, 32, 64, 128, 200, 400, 1000] as const;

export function tokenizeCorpus(corpus: Corpus, tokenizer: Tokenizer, normalizers: readonly NormalizerName[]): TokenStream {
  const separator = tokenizer.encode('\n\n').ids;
  const parts: Int32Array[] = [];
  let total = 0;
  for (const doc of corpus.documents) {
    const ids = tokenizer.encode(applyNormalizers(doc, normalizers).text).ids;
    if (parts.length > 0) {
      parts.push(separator);
      total += separator.length;
    }
    parts.push(ids);
    total += ids.length;
  }
  const ids = new Int32Array(total);
  let at = 0;
  for (const p of parts) {
    ids.set(p, at);
    at += p.length;
  }
  return { corpus: corpus.name, ids };
}

/**
 * Start offsets of non-overlapping windows of `length` tokens; when the stream holds more than
 * `maxWindows`, that many spread evenly over it (so every part of the corpus is represented).
 */
export function windowStarts(streamLength: number, length: number, maxWindows = Infinity): number[] {
  const count = Math.floor(streamLength / length);
  const take = Math.min(count, maxWindows);
  return Array.from({ length: take }, (_, i) => Math.floor((i * count) / take) * length);
}
