import { AlignedBuilder, type AlignedText } from './aligned';
import { array, bool, object, pattern, str, typeOf, unsupported, type JsonObject } from './config';
import { compilePattern } from './regex';

export type Normalizer = (input: AlignedText) => AlignedText;

const SUPPORTED = ['NFC', 'NFD', 'NFKC', 'NFKD', 'Lowercase', 'Prepend', 'Replace', 'Strip', 'Sequence'];

export function buildNormalizer(config: unknown, where = 'normalizer'): Normalizer | null {
  if (config === null || config === undefined) return null;
  const o = object(config, where);
  const type = typeOf(o, where);
  switch (type) {
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD':
      return (a) => unicodeNormalize(a, type);
    case 'Lowercase':
      return lowercase;
    case 'Prepend': {
      const prefix = str(o, 'prepend', where);
      // The Rust Prepend adds its prefix only to non-empty text, aligned with the first character.
      return (a) => {
        if (a.text.length === 0) return a;
        const b = new AlignedBuilder();
        b.put(prefix, a.starts[0], a.ends[0]);
        b.keep(a, 0, a.text.length);
        return b.build();
      };
    }
    case 'Replace': {
      const p = pattern(o, where);
      const regex = compilePattern(p, where);
      const content = str(o, 'content', where);
      // One UTF-16 unit for one (SentencePiece's " " → "▁"): every unit keeps its alignment.
      if (p.kind === 'string' && p.value.length === 1 && content.length === 1 && !/[\ud800-\udfff]/.test(p.value + content)) {
        return (a) => (a.text.includes(p.value) ? { text: a.text.replaceAll(p.value, content), starts: a.starts, ends: a.ends } : a);
      }
      return (a) => replaceAll(a, regex, content);
    }
    case 'Strip': {
      const left = bool(o, 'strip_left', where, false);
      const right = bool(o, 'strip_right', where, false);
      return (a) => {
        let start = 0;
        let end = a.text.length;
        if (left) while (start < end && /\s/u.test(a.text[start])) start++;
        if (right) while (end > start && /\s/u.test(a.text[end - 1])) end--;
        const b = new AlignedBuilder();
        b.keep(a, start, end);
        return b.build();
      };
    }
    case 'Sequence': {
      const parts = array(o, 'normalizers', where).map((n, i) => buildNormalizer(n, `${where}.normalizers[${i}]`));
      return (a) => parts.reduce((acc, n) => (n === null ? acc : n(acc)), a);
    }
    default:
      throw unsupported(where, type, SUPPORTED);
  }
}

function replaceAll(a: AlignedText, regex: RegExp, content: string): AlignedText {
  regex.lastIndex = 0;
  if (!regex.test(a.text)) return a;
  const b = new AlignedBuilder();
  let at = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(a.text); m !== null; m = regex.exec(a.text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      regex.lastIndex++;
      continue;
    }
    b.keep(a, at, start);
    b.put(content, a.starts[start], a.ends[end - 1]);
    at = end;
  }
  b.keep(a, at, a.text.length);
  return b.build();
}

// A code point that can combine with what precedes it under normalization: combining marks and
// the Hangul vowel and trailing-consonant jamo. Text is cut into clusters before every other code
// point and each cluster normalized alone; the result is checked against normalizing the whole text.
const COMBINING = /^[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]/u;

function unicodeNormalize(a: AlignedText, form: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'): AlignedText {
  const text = a.text;
  const whole = text.normalize(form);
  if (whole === text) return a;
  const b = new AlignedBuilder();
  let clusterStart = 0;
  let produced = '';
  const flush = (end: number) => {
    if (end === clusterStart) return;
    const cluster = text.slice(clusterStart, end);
    const normalized = cluster.normalize(form);
    if (normalized === cluster) b.keep(a, clusterStart, end);
    else b.put(normalized, a.starts[clusterStart], a.ends[end - 1]);
    produced += normalized;
    clusterStart = end;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (i > 0 && !COMBINING.test(text.slice(i, i + width))) flush(i);
    i += width;
  }
  flush(text.length);
  if (produced === whole) return b.build();
  // Some composition crossed a cluster cut: keep the exact text, with every unit covering the whole input.
  const coarse = new AlignedBuilder();
  coarse.put(whole, a.starts[0], a.ends[text.length - 1]);
  return coarse.build();
}

/** Rust's char::to_lowercase, character by character (a character may become several). */
function lowercase(a: AlignedText): AlignedText {
  const text = a.text;
  const lower = text.toLowerCase();
  if (lower === text) return a;
  const b = new AlignedBuilder();
  for (let i = 0; i < text.length; ) {
    const width = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    const l = ch.toLowerCase();
    if (l === ch) b.keep(a, i, i + width);
    else b.put(l, a.starts[i], a.ends[i + width - 1]);
    i += width;
  }
  return b.build();
}
