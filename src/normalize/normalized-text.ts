/**
 * A normalized text and where each of its UTF-16 units came from in the original text.
 *
 * `sourceIndex` has `text.length + 1` entries and never decreases; `sourceIndex[i]` is the original
 * index where unit i's source begins and `sourceIndex[text.length]` is the original length. Units
 * with equal entries came from one inseparable source (e.g. `é` composed from `e\u0301`), and a
 * unit's source extends to the next larger entry, so characters the normalizer deleted belong to the
 * unit before them. Use `mapRangeToSource` (src/tokenize/offsets) to map ranges back.
 */
export interface NormalizedText {
  readonly text: string;
  readonly sourceIndex: Int32Array;
}

export function identityNormalized(text: string): NormalizedText {
  const sourceIndex = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) sourceIndex[i] = i;
  return { text, sourceIndex };
}

/** `second` normalized `first.text`; the result maps `second.text` back to `first`'s original. */
export function composeNormalized(first: NormalizedText, second: NormalizedText): NormalizedText {
  const inner = first.sourceIndex;
  const outer = second.sourceIndex;
  const length = second.text.length;
  const sourceIndex = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    const q = outer[i];
    // A unit whose source starts inside one of `first`'s inseparable groups shares that group with
    // the unit before it (e.g. after "\n" was deleted, a second NFC composes across the gap).
    sourceIndex[i] = i > 0 && q > 0 && inner[q] === inner[q - 1] ? sourceIndex[i - 1] : inner[q];
  }
  sourceIndex[length] = inner[outer[length]];
  return { text: second.text, sourceIndex };
}
