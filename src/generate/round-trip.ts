// Generated ids are shown as text, and the detector tokenizes that text again. Any id sequence that is
// not what the tokenizer itself would produce (" the" + "re" instead of " there", two spaces the
// normalizer collapses, half of a UTF-8 character, a newline the `unicode` normalizer deletes) would be
// read back as different tokens, and every watermark decision around it would be lost. So a candidate
// is accepted only if the text re-tokenizes to exactly the ids generated: the rule is
//
//   encode(normalize(decode(tail + [c]))) == tail + [c]
//
// where the tail starts at a token boundary that is also a boundary of the tokenizer's pre-splitting
// (a token beginning with a space followed by a non-space character, with no whitespace before it),
// so the tail's tokenization is the whole text's. Given that the ids so far round-trip, appending c
// can only disturb the last few pre-split pieces, all inside the tail.
import { applyNormalizers } from '../normalize/index';
import type { NormalizerName } from '../keyset/types';
import type { Tokenizer } from '../tokenize/types';

export interface RoundTripOptions {
  /** Tokens of tail re-encoded with each candidate (more if no boundary is found there). Default 12. */
  lookback?: number;
}

export class RoundTripCheck {
  private readonly lookback: number;
  private readonly texts = new Map<number, string>();

  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly normalizers: readonly NormalizerName[],
    options: RoundTripOptions = {},
  ) {
    this.lookback = options.lookback ?? 12;
  }

  /**
   * Whether `ids` followed by `candidate` still round-trips, assuming `ids` does. The first token may
   * not begin with whitespace either: a page trims it, and the first token would change.
   */
  accepts(ids: ArrayLike<number>, candidate: number): boolean {
    const text = this.tokenText(candidate);
    if (text.length === 0) return false;
    if (ids.length === 0 && /^\s/u.test(text)) return false;
    const start = this.tailStart(ids);
    const tail = Array.prototype.slice.call(ids, start) as number[];
    tail.push(candidate);
    return this.roundTrips(tail);
  }

  /** The whole check on a finished sequence. */
  roundTrips(ids: ArrayLike<number>): boolean {
    const normalized = applyNormalizers(this.tokenizer.decode(ids), this.normalizers).text;
    const again = this.tokenizer.encode(normalized).ids;
    if (again.length !== ids.length) return false;
    for (let i = 0; i < again.length; i++) if (again[i] !== ids[i]) return false;
    return true;
  }

  private tailStart(ids: ArrayLike<number>): number {
    const from = ids.length - this.lookback;
    if (from <= 0) return 0;
    for (let j = from; j > 0 && j > from - 64; j--) {
      if (/^ \S/u.test(this.tokenText(ids[j])) && !/\s$/u.test(this.tokenText(ids[j - 1]))) return j;
    }
    return 0;
  }

  private tokenText(id: number): string {
    let text = this.texts.get(id);
    if (text === undefined) {
      text = this.tokenizer.decode([id]);
      this.texts.set(id, text);
    }
    return text;
  }
}
