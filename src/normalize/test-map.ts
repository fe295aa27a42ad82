// Test-only helpers for checking a NormalizedText's map against the normalizer it came from.
import type { NormalizedText } from './normalized-text';

/** The reference UnicodeSanitizer ported line by line (normalizers.py), without any map. */
export function referenceUnicode(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00A0\u1680\u180E\u2000-\u200B\u200C\u200D\u200E\u200F\u2060\u2063\u202F\u205F\u3000\uFEFF\uFFA0\uFFF9\uFFFA\uFFFB\uFE00-\uFE0F\u3164\u202A-\u202E]/g, ' ')
    .replace(/ +/g, ' ')
    .replace(/\p{Cc}/gu, '');
}

/**
 * Violations of the map contract: entries non-decreasing, ending at the original length, and every
 * group of units sharing an entry being exactly what `normalize` makes of that group's source.
 */
export function sourceMapProblems(original: string, result: NormalizedText, normalize: (s: string) => string): string[] {
  const { text, sourceIndex } = result;
  const problems: string[] = [];
  if (sourceIndex.length !== text.length + 1) return [`map has ${sourceIndex.length} entries for ${text.length} units`];
  if (sourceIndex[text.length] !== original.length) problems.push('last entry is not the original length');
  const head = original.slice(0, sourceIndex[0]);
  if (normalize(head) !== '') problems.push(`dropped head ${JSON.stringify(head)} does not normalize to nothing`);
  for (let a = 0; a < text.length; ) {
    let b = a + 1;
    while (b < text.length && sourceIndex[b] === sourceIndex[a]) b++;
    if (sourceIndex[b] < sourceIndex[a]) problems.push(`map decreases at ${b}`);
    const source = original.slice(sourceIndex[a], sourceIndex[b]);
    if (normalize(source) !== text.slice(a, b)) {
      problems.push(`units ${a}..${b} ${JSON.stringify(text.slice(a, b))} come from ${JSON.stringify(source)}`);
    }
    a = b;
  }
  return problems;
}

/** Strings heavy in what normalizers touch: marks, jamo, spaces, controls. */
export function randomNormalizerInput(count: number, maxAtoms: number, seed: number): string[] {
  const atoms = [
    'a', 'e', 'q', 'A', ' ', '  ', '\n', '\r\n', '\t', '\u0000', '\u0085', '\u00a0', '\u2000', '\u2003', '\u200b', '\u200d',
    '\u2060', '\u202e', '\u3000', '\ufeff', '\ufe0f', '\u3164', '\u0301', '\u0308', '\u0323', '\u0327', '\u0345', '\u0334',
    '\u0f73', '\u0958', '\u212b', '\u1100', '\u1161', '\u11a8', '\uac00', '\u0b47', '\u0b3e', '\u0bc6', '\u0bd7',
    'é', 'ñ', 'Å', 'ω', '\u1f00', '東', '🙂', '\ud800', '\udc00', '.', 'x\u0307\u0323', '\u{113c2}', '\u{1d15e}', '\ufa6c',
  ];
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return Array.from({ length: count }, () => {
    let s = '';
    const n = 1 + Math.floor(random() * maxAtoms);
    for (let k = 0; k < n; k++) s += atoms[Math.floor(random() * atoms.length)];
    return s;
  });
}
