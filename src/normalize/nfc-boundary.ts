// Starters that can be the second half of a canonical composition (ccc 0, NFC_Quick_Check = Maybe):
// Hangul medial vowels and final consonants, and vowel or length signs of Bengali, Oriya, Tamil,
// Kannada, Malayalam, Sinhala, Myanmar, Balinese and several historic scripts. Found by scanning every
// primary composite under Unicode 17 (Node 20's ICU 78). A later Unicode version that adds one is
// caught by the whole-text check in nfc.ts and costs map precision only, never text correctness.
const BACKWARD_COMBINING_RANGES: readonly (readonly [number, number])[] = [
  [0x09be, 0x09be], [0x09d7, 0x09d7], [0x0b3e, 0x0b3e], [0x0b56, 0x0b57], [0x0bbe, 0x0bbe], [0x0bd7, 0x0bd7],
  [0x0cc2, 0x0cc2], [0x0cd5, 0x0cd6], [0x0d3e, 0x0d3e], [0x0d57, 0x0d57], [0x0dcf, 0x0dcf], [0x0ddf, 0x0ddf],
  [0x102e, 0x102e], [0x1161, 0x1175], [0x11a8, 0x11c2], [0x1b35, 0x1b35], [0x11127, 0x11127], [0x1133e, 0x1133e],
  [0x11357, 0x11357], [0x113b8, 0x113b8], [0x113bb, 0x113bb], [0x113c2, 0x113c2], [0x113c9, 0x113c9],
  [0x114b0, 0x114b0], [0x114ba, 0x114ba], [0x114bd, 0x114bd], [0x115af, 0x115af], [0x11930, 0x11930],
  [0x1611e, 0x16120], [0x16129, 0x16129], [0x16d67, 0x16d67],
];

export const BACKWARD_COMBINING_STARTERS: ReadonlySet<number> = new Set(
  BACKWARD_COMBINING_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, k) => from + k)),
);

const BOUNDARY_BEFORE = 1;
const UNCHANGED_ALONE = 2;
const cache = new Map<number, number>();

/**
 * True when NFC can never join code point `cp` with anything before it, so text may be cut before
 * `cp` and normalized in pieces: the decomposition of `cp` starts with a starter that composes with
 * nothing before it (ICU's "composition boundary before"). `cp` itself may still change (U+212B Å).
 */
export function isNfcBoundaryBefore(cp: number): boolean {
  return (properties(cp) & BOUNDARY_BEFORE) !== 0;
}

/** True when NFC leaves `cp` unchanged when it stands alone. */
export function isNfcUnchangedAlone(cp: number): boolean {
  return (properties(cp) & UNCHANGED_ALONE) !== 0;
}

function properties(cp: number): number {
  // Everything below U+0300 (Latin-1, Latin Extended, IPA, spacing modifiers) is an inert starter.
  if (cp < 0x300) return BOUNDARY_BEFORE | UNCHANGED_ALONE;
  let answer = cache.get(cp);
  if (answer === undefined) {
    answer = probe(cp);
    cache.set(cp, answer);
  }
  return answer;
}

// The runtime's own Unicode data answers, so there is no combining-class table to ship.
function probe(cp: number): number {
  // A lone surrogate is inert under normalization.
  if (cp >= 0xd800 && cp <= 0xdfff) return BOUNDARY_BEFORE | UNCHANGED_ALONE;
  const c = String.fromCodePoint(cp);
  const unchanged = c.normalize('NFC') === c ? UNCHANGED_ALONE : 0;
  const decomposed = c.normalize('NFD');
  const first = decomposed.codePointAt(0)!;
  if (BACKWARD_COMBINING_STARTERS.has(first)) return unchanged;
  // Canonical ordering moves a mark with 0 < ccc < 240 in front of U+0345 (ccc 240, the largest);
  // a starter stays put.
  const starter = first !== 0x345 && ('\u0345' + decomposed).normalize('NFD') === '\u0345' + decomposed;
  return starter ? BOUNDARY_BEFORE | unchanged : unchanged;
}
