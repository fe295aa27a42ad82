import { describe, expect, it } from 'vitest';
import type { Tokenizer } from '../types';
import { loadHfTokenizer } from './index';
import { testTokenizerJson } from './test-files';

// The Tokenizer contract on a real file (Llama-3.1: its post-processor adds <|begin_of_text|>).
// Exact ids and offsets on the whole corpus: vectors.test.ts; each component: components.test.ts.
describe('a tokenizer.json as a Tokenizer', () => {
  const tokenizer = loadHfTokenizer(testTokenizerJson('llama3_1'), { name: 'llama-3.1' });

  it('is a Tokenizer named as asked, with the vocabulary size including added tokens', () => {
    const asInterface: Tokenizer = tokenizer;
    expect(asInterface.name).toBe('llama-3.1');
    expect(tokenizer.vocabSize).toBe(128256);
  });

  it('adds the BOS token only when asked, with an empty range before the text', () => {
    const text = 'Hello world';
    const plain = tokenizer.encode(text);
    const withBos = tokenizer.withOptions({ addSpecialTokens: true }).encode(text);
    expect(Array.from(withBos.ids)).toEqual([128000, ...plain.ids]);
    expect([withBos.starts[0], withBos.ends[0]]).toEqual([0, 0]);
    expect(Array.from(withBos.starts.slice(1))).toEqual(Array.from(plain.starts));
  });

  it('recognises special tokens written in the text, as the Rust library does', () => {
    const { ids, starts, ends } = tokenizer.encode('a<|eot_id|>b');
    expect(Array.from(ids)).toEqual([64, 128009, 65]);
    expect([starts[1], ends[1]]).toEqual([1, 11]);
  });

  it('gives a token holding part of a character the whole character', () => {
    // "🫠" is 4 UTF-8 bytes that Llama-3 splits over several tokens.
    const { ids, starts, ends } = tokenizer.encode('🫠');
    expect(ids.length).toBeGreaterThan(1);
    for (let k = 0; k < ids.length; k++) expect([starts[k], ends[k]]).toEqual([0, 2]);
    expect(tokenizer.decode(ids)).toBe('🫠');
  });

  it('refuses to decode an id outside the vocabulary', () => {
    expect(() => tokenizer.decode([128256])).toThrow(/128256 is not in the llama-3.1 vocabulary/);
    expect(() => tokenizer.decode([-1])).toThrow(RangeError);
  });
});
