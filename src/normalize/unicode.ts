import { nfcWithSourceIndex } from './nfc';
import type { NormalizedText } from './normalized-text';

// The reference's "whitespaces" rule set, character for character (normalizers.py, UnicodeSanitizer).
function becomesSpace(c: number): boolean {
  return (
    c === 0x00a0 || c === 0x1680 || c === 0x180e ||
    (c >= 0x2000 && c <= 0x200f) || (c >= 0x202a && c <= 0x202f) ||
    c === 0x205f || c === 0x2060 || c === 0x2063 || c === 0x3000 || c === 0x3164 ||
    (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff || c === 0xffa0 || (c >= 0xfff9 && c <= 0xfffb)
  );
}

function isControl(c: number): boolean {
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f); // general category Cc
}

/**
 * lm-watermarking's default `unicode` normalizer (UnicodeSanitizer, ruleset "whitespaces"): NFC, each
 * listed space-like or invisible character → " ", runs of " " → one " ", then every Cc character
 * deleted. The steps run in that order, so a control character still separates two spaces when runs
 * are collapsed ("a \n b" → "a  b") and "\n" vanishes without leaving a space ("end.\nNext" → "end.Next").
 */
export function normalizeUnicode(original: string): NormalizedText {
  const nfc = nfcWithSourceIndex(original);
  const s = nfc.text;
  const sourceIndex = new Int32Array(s.length + 1);
  const parts: string[] = [];
  let out = 0;
  let copiedUpTo = 0; // s before this index is already in `parts` (or dropped)
  let previousWasSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const control = isControl(c);
    const space = !control && (c === 0x20 || becomesSpace(c));
    const dropped = control || (space && previousWasSpace);
    previousWasSpace = space;
    if (dropped || (space && c !== 0x20)) {
      if (i > copiedUpTo) parts.push(s.slice(copiedUpTo, i));
      copiedUpTo = i + 1;
      if (dropped) continue;
      parts.push(' ');
    }
    sourceIndex[out++] = nfc.sourceIndex[i];
  }
  if (copiedUpTo === 0) return nfc;
  if (copiedUpTo < s.length) parts.push(s.slice(copiedUpTo));
  sourceIndex[out] = original.length;
  return { text: parts.join(''), sourceIndex: sourceIndex.slice(0, out + 1) };
}
