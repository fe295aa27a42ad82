// Page-like transformations of a text (what happens between a model's output and a page's DOM text)
// and word replacement (light human editing), all deterministic for a given seed.
import { Prng } from '../../src/generate/prng';

export interface Transform {
  name: string;
  /** What it does, for the report. */
  description: string;
  apply(text: string, seed: number): string;
}

/** Straight quotes to typographic ones (opening after start/space/bracket, closing elsewhere). */
function smartQuotes(text: string): string {
  return text
    .replace(/(^|[\s([{])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/(^|[\s([{])'/g, '$1\u2018')
    .replace(/'/g, '\u2019');
}

/** Hard line breaks at ~72 columns, as innerText gives for text laid out in narrow <p>/<br> blocks. */
function wrapLines(text: string, width = 72): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current.length > 0 && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current.length > 0 ? `${current} ${word}` : word;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

/** Drops everything up to and including the first sentence end followed by a space. */
function dropFirstSentence(text: string): string {
  const m = /[.!?]["'\u201d\u2019)]?\s+/.exec(text);
  if (m === null || m.index > text.length / 2) return text;
  return text.slice(m.index + m[0].length);
}

export const PAGE_TRANSFORMS: Transform[] = [
  { name: 'whitespace collapsed', description: 'every whitespace run → one space (HTML rendering of source newlines/indent)', apply: (t) => t.replace(/\s+/g, ' ').trim() },
  { name: 'smart quotes', description: 'straight \' and " → typographic ‘ ’ “ ”', apply: smartQuotes },
  {
    name: 'NBSP',
    description: 'the space after every word of ≤ 3 letters → U+00A0 (typographic no-break spaces)',
    apply: (t) => t.replace(/(^|\s)([A-Za-z]{1,3}) /g, '$1$2\u00a0'),
  },
  { name: 'line breaks', description: 'hard line breaks at ~72 columns (text laid out in narrow blocks, read back with innerText)', apply: (t) => wrapLines(t) },
  { name: 'first sentence dropped', description: 'text up to the first sentence end removed (a quote or excerpt that starts late)', apply: dropFirstSentence },
  {
    name: 'all page changes',
    description: 'all of the above together',
    apply: (t) => wrapLines(smartQuotes(dropFirstSentence(t.replace(/\s+/g, ' ').trim()).replace(/(^|\s)([A-Za-z]{1,3}) /g, '$1$2\u00a0'))),
  },
];

/**
 * Replaces `share` of the words (maximal runs of letters) by words drawn from `vocabulary`
 * (a list with repeats, so draws follow human word frequencies), keeping the original's capitalisation.
 */
export function replaceWords(text: string, share: number, vocabulary: readonly string[], seed: number): string {
  const rng = new Prng(seed);
  const words = [...text.matchAll(/[A-Za-z]+/g)];
  const count = Math.round(share * words.length);
  // Partial Fisher–Yates over word indices: `count` distinct positions.
  const index = words.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.nextFloat() * (index.length - i));
    [index[i], index[j]] = [index[j], index[i]];
  }
  const chosen = new Set(index.slice(0, count));
  let out = '';
  let at = 0;
  words.forEach((m, i) => {
    out += text.slice(at, m.index);
    let w = m[0];
    if (chosen.has(i)) {
      let r = vocabulary[Math.floor(rng.nextFloat() * vocabulary.length)];
      if (/^[A-Z]/.test(w)) r = r[0].toUpperCase() + r.slice(1);
      w = r;
    }
    out += w;
    at = m.index + m[0].length;
  });
  return out + text.slice(at);
}

export function wordReplacementTransform(share: number, vocabulary: readonly string[]): Transform {
  return {
    name: `${Math.round(share * 100)}% words replaced`,
    description: `${Math.round(share * 100)}% of the words replaced by words drawn from human text (Brown corpus frequencies)`,
    apply: (t, seed) => replaceWords(t, share, vocabulary, seed),
  };
}
