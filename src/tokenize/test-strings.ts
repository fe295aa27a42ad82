// Test-only: strings that stress pre-tokenization, byte-level BPE and offset mapping.

export const TRICKY_STRINGS: readonly string[] = [
  '',
  'Hello, world! This is a plain ASCII sentence.',
  "it's we'll they're I'M YOU'LL 'S 'd He'D",
  '(x+y)=z; a[i]->b {c: "d"} <tag/> #hash @user $100 50% ~!^&*_|\\',
  'a   b\t\tc \n\n d   \n  e',
  '   leading spaces and trailing   ',
  'line one\r\nline two\rline three\n\n\n\nend',
  ' \n \n\t \u00a0\u2003x',
  '1234567 3.14159 1,000,000 0x1F 2024-01-01',
  '👍🏽 👨‍👩‍👧‍👦 🇺🇸🇩🇪 ❤️ 1️⃣ 🏳️‍🌈 🙂🙂🙂',
  '東京は日本の首都です。𠀋𪚲 한국어 안녕하세요',
  'ภาษาไทย العربية नमस्ते Ελληνικά русский',
  'e\u0301 a\u0308\u0304 n\u0303 Z\u0351\u0323\u0300\u0301a\u0345l\u0358go é',
  '\u1100\u1161\u11a8 \uac00\u11a8',
  'lone \ud800 high, lone \udc00 low, \ud83d at end \ud83d',
  '\udfff\ud800x\ud800\udc00y\ud83d\ude00',
  '<|endoftext|>',
  'before<|endoftext|>after <|fim_prefix|><|fim_middle|><|fim_suffix|><|endofprompt|>',
  '\ufeffBOM at the start',
  'NUL\u0000 SOH\u0001 DEL\u007f NEL\u0085 ZW\u200b\u200c\u200d\u2060',
  ' '.repeat(300) + 'x',
  '-'.repeat(400) + '\n' + '=+'.repeat(150),
  'a'.repeat(300) + ' ' + 'ab'.repeat(150),
  '\u00e9'.repeat(100) + '東'.repeat(60),
  'https://example.com/path/to/page?query=1&x=%20#frag',
  'def f(x):\n    return x ** 2  # comment\n\n\tpass\n',
];

// Building blocks for random strings; together they cover every pattern branch of every encoding.
const ATOMS: readonly string[] = [
  'a', 'Z', 'the', ' the', 'The', 'ing', "'s", "'LL", "'ve", ' ', '  ', '\t', '\n', '\r\n', '\r', '0', '42', '31415',
  '.', ',', '!', '?', '...', '--', '—', '“', '”', '/', '\\', '(', ')', '$', '%', 'é', 'e\u0301', '\u0308', 'ß', 'ñ',
  'Ω', 'д', '東', '京', 'の', '한', '\u1100', '\u1161', 'ก', 'ا', 'न', '्', '🙂', '👍', '🏽', '\u200d', '\ufe0f', '🇺',
  '\ud800', '\udc00', '\u00a0', '\u2003', '\u200b', '\u0000', '\u0085', '<|endoftext|>', '<|', '|>', '𝔘', '\ufeff',
];

/** Deterministic random strings (mulberry32), so a failure can be replayed from its index. */
export function randomStrings(count: number, maxAtoms: number, seed = 1): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const atoms = 1 + Math.floor(next() * maxAtoms);
    let s = '';
    for (let k = 0; k < atoms; k++) s += ATOMS[Math.floor(next() * ATOMS.length)];
    out.push(s);
  }
  return out;
}

/** What TextEncoder does to a string: every lone surrogate becomes U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/\p{Cs}/gu, '\ufffd');
}
