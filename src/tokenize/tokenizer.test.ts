import { Tiktoken } from 'js-tiktoken/lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENCODING_NAMES, loadEncodingRanks } from './encodings';
import { randomStrings, TRICKY_STRINGS, wellFormed } from './test-strings';
import { loadTokenizer } from './tokenizer';
import type { TokenizedText, Tokenizer } from './tokenizer';

/** Everything the offsets promise, as a list of violations (empty when all hold). */
function offsetProblems(tokenizer: Tokenizer, text: string, t: TokenizedText): string[] {
  const problems: string[] = [];
  const n = t.ids.length;
  if (t.starts.length !== n || t.ends.length !== n) return ['arrays differ in length'];
  if (n === 0) return text === '' ? [] : ['no tokens for non-empty text'];
  if (t.starts[0] !== 0) problems.push(`first start ${t.starts[0]}`);
  if (t.ends[n - 1] !== text.length) problems.push(`last end ${t.ends[n - 1]} != ${text.length}`);
  let groupStart = 0;
  let rebuilt = '';
  for (let i = 0; i < n; i++) {
    if (t.starts[i] >= t.ends[i]) problems.push(`token ${i} empty range`);
    if (i > 0) {
      if (t.starts[i] < t.starts[i - 1] || t.ends[i] < t.ends[i - 1]) problems.push(`token ${i} goes backwards`);
      if (t.starts[i] > t.ends[i - 1]) problems.push(`gap before token ${i}`);
      if (t.starts[i] < t.ends[i - 1] && [...text.slice(t.starts[i], t.ends[i - 1])].length !== 1) {
        problems.push(`tokens ${i - 1} and ${i} overlap by more than one character`);
      }
    }
    // Tokens that share a character form a group; a group's bytes are exactly its text's bytes.
    if (i === n - 1 || t.starts[i + 1] >= t.ends[i]) {
      const slice = text.slice(t.starts[groupStart], t.ends[i]);
      const decoded = tokenizer.decode(t.ids.subarray(groupStart, i + 1));
      if (decoded !== wellFormed(slice)) problems.push(`tokens ${groupStart}..${i} decode to ${JSON.stringify(decoded)}, range holds ${JSON.stringify(slice)}`);
      rebuilt += slice;
      groupStart = i + 1;
    }
  }
  if (rebuilt !== text) problems.push('ranges do not rebuild the text');
  return problems;
}

const FUZZ = randomStrings(300, 40);

describe.each(ENCODING_NAMES)('%s', (name) => {
  let reference: Tiktoken;
  let tokenizer: Tokenizer;
  beforeAll(async () => {
    reference = new Tiktoken(await loadEncodingRanks(name));
    tokenizer = await loadTokenizer(name);
  });

  it('gives the ids of js-tiktoken encode(text, [], []) on tricky and random text', () => {
    for (const text of [...TRICKY_STRINGS, ...FUZZ]) {
      expect([...tokenizer.encode(text).ids], JSON.stringify(text)).toEqual(reference.encode(text, [], []));
    }
  });

  it('gives ranges that satisfy the offset contract', () => {
    for (const text of [...TRICKY_STRINGS, ...FUZZ]) {
      expect(offsetProblems(tokenizer, text, tokenizer.encode(text)), JSON.stringify(text)).toEqual([]);
    }
  });

  it('encodes special-token text as ordinary text instead of throwing or emitting the special id', () => {
    const text = 'a<|endoftext|>b';
    const { ids } = tokenizer.encode(text);
    expect([...ids]).toEqual(reference.encode(text, [], []));
    expect([...ids]).not.toContain(reference.encode('<|endoftext|>', 'all')[0]);
    expect(() => reference.encode(text)).toThrow(/special token/);
  });

  it('decodes back to the text (lone surrogates become U+FFFD) and decodes special ids', () => {
    for (const text of TRICKY_STRINGS) expect(tokenizer.decode(tokenizer.encode(text).ids)).toBe(wellFormed(text));
    const eot = reference.encode('<|endoftext|>', 'all');
    expect(tokenizer.decode(eot)).toBe('<|endoftext|>');
    expect(tokenizer.decode([])).toBe('');
  });

  it('refuses ids outside the vocabulary', () => {
    expect(() => tokenizer.decode([-1])).toThrow(RangeError);
    expect(() => tokenizer.decode([10_000_000])).toThrow(/not in the/);
    expect(() => tokenizer.decode([1.5])).toThrow(RangeError);
  });

  it('returns fresh arrays on every call', () => {
    const a = tokenizer.encode('first text');
    const b = tokenizer.encode('second, different');
    expect(tokenizer.decode(a.ids)).toBe('first text');
    expect(a.ids.buffer).not.toBe(b.ids.buffer);
  });
});

describe('ranges of split characters', () => {
  it('gives every token of a byte-split character the whole character', async () => {
    const gpt2 = await loadTokenizer('gpt2');
    // GPT-2 has no single token for this emoji: its 4 bytes come out as several tokens.
    const t = gpt2.encode('x🙂y');
    expect(t.ids.length).toBeGreaterThan(3);
    const inner = [...t.starts].map((s, i) => [s, t.ends[i]]).slice(1, -1);
    for (const range of inner) expect(range).toEqual([1, 3]);
    expect([t.starts[0], t.ends[0]]).toEqual([0, 1]);
    expect([t.starts.at(-1), t.ends.at(-1)]).toEqual([3, 4]);
  });

  it('gives a lone surrogate (3 bytes as U+FFFD) a one-unit range', async () => {
    const gpt2 = await loadTokenizer('gpt2');
    for (const text of ['x\ud800', 'x\udc00']) {
      const t = gpt2.encode(text);
      expect([t.starts[0], t.ends[0]]).toEqual([0, 1]);
      for (let i = 1; i < t.ids.length; i++) expect(t.ends[i] - t.starts[i]).toBe(1);
      expect(gpt2.decode(t.ids)).toBe(wellFormed(text));
    }
  });

  it('handles a 20,000-token text in one call', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const text = 'The 3 quick émigrés — 東京 🙂 — jumped.\n'.repeat(2000);
    const t = o200k.encode(text);
    expect(t.ids.length).toBeGreaterThan(20_000);
    expect(offsetProblems(o200k, text, t)).toEqual([]);
  });
});
