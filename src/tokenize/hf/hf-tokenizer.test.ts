import { describe, expect, it } from 'vitest';
import { loadHfTokenizer, UnsupportedTokenizerError } from './index';
import { TEST_TOKENIZERS, testTokenizerJson } from './test-files';

// Range and round-trip properties on the real files; exact ids are checked against the
// cross-implementation vectors in vectors.test.ts.
describe.each(TEST_TOKENIZERS)('%s tokenizer.json', (name) => {
  const tokenizer = loadHfTokenizer(testTokenizerJson(name), { name });

  it('gives every token a range that covers the characters its text came from', () => {
    const text = "Hello,  world!\tIt's 2024 — 東京 👨‍👩‍👧 <|im_start|> café\r\n";
    const { ids, starts, ends } = tokenizer.encode(text);
    expect(ids.length).toBeGreaterThan(5);
    for (let i = 0; i < ids.length; i++) {
      expect(starts[i]).toBeLessThanOrEqual(ends[i]);
      if (i > 0) {
        expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1]);
        expect(ends[i]).toBeGreaterThanOrEqual(ends[i - 1]);
      }
    }
    expect(starts[0]).toBe(0);
    expect(ends[ids.length - 1]).toBe(text.length);
  });

  it('decodes its own ids back to the text', () => {
    const text = 'Plain words, 42 numbers and 東京 emoji 🙂.';
    const decoded = tokenizer.decode(tokenizer.encode(text).ids);
    // Llama-2's normalizer prepends "▁", which its decoder strips again.
    expect(decoded).toBe(text);
  });
});

describe('loadHfTokenizer errors', () => {
  it('names an unsupported model type', () => {
    expect(() => loadHfTokenizer(JSON.stringify({ model: { type: 'Unigram', vocab: [] } }))).toThrow(
      /model of type "Unigram" is not supported/,
    );
  });
  it('names an unsupported normalizer', () => {
    const json = JSON.parse(testTokenizerJson('llama2'));
    json.normalizer = { type: 'Precompiled', precompiled_charsmap: '' };
    expect(() => loadHfTokenizer(JSON.stringify(json))).toThrow(UnsupportedTokenizerError);
    expect(() => loadHfTokenizer(JSON.stringify(json))).toThrow(/normalizer of type "Precompiled"/);
  });
  it('refuses text that is not JSON', () => {
    expect(() => loadHfTokenizer('{nope')).toThrow(/not valid JSON/);
  });
});
