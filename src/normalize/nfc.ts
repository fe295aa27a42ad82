import { isNfcBoundaryBefore, isNfcUnchangedAlone } from './nfc-boundary';
import { identityNormalized } from './normalized-text';
import type { NormalizedText } from './normalized-text';

/**
 * NFC with a map back to the original. The text is cut before every code point NFC cannot join to
 * what precedes it; a piece NFC leaves alone maps unit by unit, a piece it changes mostly as a whole.
 * The joined pieces are checked against NFC of the whole text (the cut rule rests on Unicode data the
 * runtime might not share); on a mismatch the text is cut only before ASCII, which is always safe.
 */
export function nfcWithSourceIndex(text: string, isBoundaryBefore: (cp: number) => boolean = isNfcBoundaryBefore): NormalizedText {
  const expected = text.normalize('NFC');
  if (expected === text) return identityNormalized(text);
  return (
    nfcInPieces(text, expected, isBoundaryBefore) ??
    nfcInPieces(text, expected, (cp) => cp < 0x80) ??
    // Unreachable unless the runtime's NFC is broken; one piece keeps the map valid, if coarse.
    nfcInPieces(text, expected, () => false)!
  );
}

function nfcInPieces(text: string, expected: string, isBoundaryBefore: (cp: number) => boolean): NormalizedText | null {
  const sourceIndex = new Int32Array(expected.length + 1);
  const parts: string[] = [];
  let out = 0;
  let copiedUpTo = 0; // text before this index is already in `parts`

  // Appends NFC(text[start, end)); false when the output outgrows the expected text.
  const addPiece = (start: number, end: number): boolean => {
    const firstCp = text.codePointAt(start)!;
    if (end - start === (firstCp > 0xffff ? 2 : 1) && isNfcUnchangedAlone(firstCp)) {
      // A lone code point NFC leaves alone: no slice, no normalize call.
      if (out + end - start > expected.length) return false;
      for (let k = start; k < end; k++) sourceIndex[out++] = k;
      return true;
    }
    const piece = text.slice(start, end);
    const normalized = piece.normalize('NFC');
    if (out + normalized.length > expected.length) return false;
    if (normalized === piece) {
      for (let k = start; k < end; k++) sourceIndex[out++] = k;
      return true;
    }
    if (start > copiedUpTo) parts.push(text.slice(copiedUpTo, start));
    parts.push(normalized);
    copiedUpTo = end;
    mapChangedPiece(piece, normalized, start, sourceIndex, out);
    out += normalized.length;
    return true;
  };

  let pieceStart = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (i > pieceStart && isBoundaryBefore(cp)) {
      if (!addPiece(pieceStart, i)) return null;
      pieceStart = i;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (!addPiece(pieceStart, text.length)) return null;
  if (copiedUpTo < text.length) parts.push(text.slice(copiedUpTo));
  if (out !== expected.length || parts.join('') !== expected) return null;
  sourceIndex[out] = text.length;
  return { text: expected, sourceIndex };
}

// Longer pieces (only long runs of combining marks get there) map as one whole: splitting costs
// a quadratic number of normalize calls.
const MAX_SPLIT_UNITS = 64;

/**
 * Maps a piece NFC changed, cut further wherever NFC of the two sides joins to NFC of the whole
 * (checked, not assumed): "\u2000\u0b3e" becomes "\u2002" + "\u0b3e" although U+0B3E can compose
 * backwards. Parts NFC leaves alone map unit by unit, changed parts as one whole. This keeps a space
 * that a later step deletes from sharing an entry with the characters after it.
 */
function mapChangedPiece(piece: string, normalized: string, start: number, sourceIndex: Int32Array, out: number): void {
  if (piece.length > MAX_SPLIT_UNITS) {
    sourceIndex.fill(start, out, out + normalized.length);
    return;
  }
  const emit = (from: number, to: number, result: string) => {
    if (result === piece.slice(from, to)) {
      for (let k = 0; k < result.length; k++) sourceIndex[out + k] = start + from + k;
    } else {
      sourceIndex.fill(start + from, out, out + result.length);
    }
    out += result.length;
  };
  let partStart = 0;
  let rest = normalized; // NFC of piece[partStart..]
  for (let k = partStart + 1; k < piece.length; k++) {
    if (isLowSurrogate(piece.charCodeAt(k)) && isHighSurrogate(piece.charCodeAt(k - 1))) continue;
    const head = piece.slice(partStart, k).normalize('NFC');
    const tail = piece.slice(k).normalize('NFC');
    if (head.length + tail.length === rest.length && head + tail === rest) {
      emit(partStart, k, head);
      partStart = k;
      rest = tail;
    }
  }
  emit(partStart, piece.length, rest);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
