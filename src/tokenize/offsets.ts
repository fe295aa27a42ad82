/** [start, end) in UTF-16 code units. */
export type CharRange = readonly [start: number, end: number];

/**
 * Maps [start, end) in a normalized text back to the original text, given the normalizer's
 * `sourceIndex` (see NormalizedText): the result runs from the source of the first unit to the end
 * of the source of the last one. A unit shares its source with neighbours of equal entries (e.g. the
 * two units NFC made from one combining sequence), so a range touching any of them gets all of it.
 */
export function mapRangeToSource(range: CharRange, sourceIndex: Int32Array): [number, number] {
  const [start, end] = range;
  const length = sourceIndex.length - 1;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length) {
    throw new RangeError(`Range [${start}, ${end}) is not inside a normalized text of length ${length}`);
  }
  const from = sourceIndex[start];
  if (end === start) return [from, from];
  const lastSource = sourceIndex[end - 1];
  let next = end;
  while (next < length && sourceIndex[next] === lastSource) next++;
  return [from, sourceIndex[next]];
}

/** mapRangeToSource for every token at once. */
export function mapTokenRangesToSource(
  tokens: { readonly starts: Int32Array; readonly ends: Int32Array },
  sourceIndex: Int32Array,
): { starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(tokens.starts.length);
  const ends = new Int32Array(tokens.ends.length);
  for (let i = 0; i < starts.length; i++) {
    [starts[i], ends[i]] = mapRangeToSource([tokens.starts[i], tokens.ends[i]], sourceIndex);
  }
  return { starts, ends };
}
