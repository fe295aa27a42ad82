import { describe, expect, it } from 'vitest';
import { KeySetError } from './errors';
import { parseKeySetDocument } from './parse';
import { describeTokenizer, tokenizerFilesOf, tokenizerIdOf } from './tokenizer-spec';

const QWEN_SHA = 'aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4';
const LLAMA_SHA = 'c05a3c2174e9edd5be19dc5a0748c42a9037bec2811ce062728bfd71f8702d78';

function doc(...tokenizers: unknown[]) {
  return JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'org.example.open-models',
    name: 'Open models',
    publisher: { name: 'Example' },
    version: 1,
    issued: '2026-11-01T00:00:00Z',
    keys: tokenizers.map((tokenizer, i) => ({
      kid: `k${i}`,
      scheme: 'kgw',
      implementation: 'lm-watermarking',
      seeding: 'lefthash',
      gamma: 0.25,
      vocabSize: 151_936,
      rng: 'torch-cpu',
      tokenizer,
    })),
  });
}

const qwen = (over: Record<string, unknown> = {}) => ({
  huggingface: { url: 'https://publisher.example/qwen/tokenizer.json', sha256: QWEN_SHA, name: 'Qwen/Qwen3-0.6B', ...over },
});

/** The issues of a refused document, as "path: message" lines. */
function refusal(text: string): string[] {
  try {
    parseKeySetDocument(text);
  } catch (error) {
    if (error instanceof KeySetError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('tokenizer.huggingface', () => {
  it('parses a pinned tokenizer.json, addSpecialTokens defaulting to false', () => {
    const keySet = parseKeySetDocument(doc(qwen(), { ...qwen(), addSpecialTokens: true }));
    expect(keySet.keys[0].tokenizer).toEqual({
      huggingface: { url: 'https://publisher.example/qwen/tokenizer.json', sha256: QWEN_SHA, name: 'Qwen/Qwen3-0.6B' },
      addSpecialTokens: false,
    });
    expect(keySet.keys[1].tokenizer).toMatchObject({ addSpecialTokens: true });
  });

  it('keeps js-tiktoken encodings as they were', () => {
    expect(parseKeySetDocument(doc({ encoding: 'cl100k_base' })).keys[0].tokenizer).toEqual({ encoding: 'cl100k_base' });
  });

  it('lower-cases the hash: it is the file identity and a cache key', () => {
    const keySet = parseKeySetDocument(doc(qwen({ sha256: QWEN_SHA.toUpperCase() })));
    expect(keySet.keys[0].tokenizer).toMatchObject({ huggingface: { sha256: QWEN_SHA } });
  });

  it.each([
    ['http://localhost:8123/t.json'],
    ['http://127.0.0.1/t.json'],
    ['file:///srv/tokenizers/qwen.json'],
    ['tokenizers/qwen.json'],
    ['../shared/qwen tokenizer.json'],
  ])('accepts %s as the file location', (url) => {
    expect(parseKeySetDocument(doc(qwen({ url }))).keys[0].tokenizer).toMatchObject({ huggingface: { url } });
  });

  it.each([
    ['http://publisher.example/t.json', /plain http is accepted only for localhost \(tests\); publish tokenizer files over https/],
    ['ftp://publisher.example/t.json', /must be an https URL, a file: URL or a path relative to the key set, not a ftp: URL/],
    ['javascript:alert(1)', /not a javascript: URL/],
    ['data:application/json,{}', /not a data: URL/],
    ['https://user:pw@publisher.example/t.json', /must not carry a user name or password/],
    ['', /must be a non-empty URL or path/],
    [`https://publisher.example/${'a'.repeat(2100)}`, /must be at most 2048 characters/],
  ])('refuses the location %s', (url, message) => {
    const issues = refusal(doc(qwen({ url })));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^keys\[0\]\.tokenizer\.huggingface\.url: /);
    expect(issues[0]).toMatch(message);
  });

  it.each([
    [QWEN_SHA.slice(1), /must be 64 hex digits \(the SHA-256 of the file's bytes\), got 63 digits/],
    [`${QWEN_SHA.slice(0, 63)}g`, /must be 64 hex digits \(0-9, a-f/],
    [`sha256:${QWEN_SHA}`, /must be the bare 64 hex digits, without the "sha256:" prefix/],
  ])('refuses the hash %s', (sha256, message) => {
    const issues = refusal(doc(qwen({ sha256 })));
    expect(issues).toEqual([expect.stringMatching(/^keys\[0\]\.tokenizer\.huggingface\.sha256: /)]);
    expect(issues[0]).toMatch(message);
  });

  it('names each missing or unknown field where it is', () => {
    expect(refusal(doc({ huggingface: { url: 'https://a.example/t.json', name: 'x' } }))).toEqual(['keys[0].tokenizer.huggingface.sha256: required']);
    expect(refusal(doc({ huggingface: { ...qwen().huggingface, revision: 'main' } }))).toEqual([
      'keys[0].tokenizer.huggingface.revision: unknown field (not part of this format version; check the spelling)',
    ]);
    expect(refusal(doc(qwen({ name: '  ' })))).toEqual([expect.stringMatching(/^keys\[0\]\.tokenizer\.huggingface\.name: must be a non-empty string/)]);
    expect(refusal(doc({ ...qwen(), addSpecialTokens: 'yes' }))).toEqual(['keys[0].tokenizer.addSpecialTokens: must be true or false, got "yes"']);
  });

  it('wants exactly one kind of tokenizer', () => {
    expect(refusal(doc({}))).toEqual([expect.stringMatching(/^keys\[0\]\.tokenizer: must name a tokenizer: "encoding" .* or "huggingface"/)]);
    expect(refusal(doc({ encoding: 'gpt2', ...qwen() }))).toEqual(['keys[0].tokenizer: must name one tokenizer: "encoding" or "huggingface", not both']);
    expect(refusal(doc({ encoding: 'gpt2', addSpecialTokens: false }))).toEqual([
      'keys[0].tokenizer.addSpecialTokens: applies only to "huggingface" tokenizers (a js-tiktoken encoding never adds special tokens)',
    ]);
  });
});

describe('tokenizer identity', () => {
  it('is the hash (not the URL) plus the special-token setting, and the encoding name for tiktoken', () => {
    const keySet = parseKeySetDocument(
      doc(qwen(), qwen({ url: 'tokenizers/qwen.json' }), { ...qwen(), addSpecialTokens: true }, { encoding: 'gpt2' }, qwen({ sha256: LLAMA_SHA, name: 'meta-llama/Meta-Llama-3-8B' })),
    );
    const ids = keySet.keys.map((k) => tokenizerIdOf(k.tokenizer));
    expect(ids).toEqual([`hf:${QWEN_SHA}`, `hf:${QWEN_SHA}`, `hf:${QWEN_SHA}+special`, 'gpt2', `hf:${LLAMA_SHA}`]);
    // One download per distinct file, whichever key names it first.
    expect(tokenizerFilesOf(keySet).map((f) => f.sha256)).toEqual([QWEN_SHA, LLAMA_SHA]);
    expect(describeTokenizer(keySet.keys[0].tokenizer)).toBe('Qwen/Qwen3-0.6B (tokenizer.json sha256 aeb13307a71a…)');
  });
});

describe('tokenizer files per key set', () => {
  it('allows 4 distinct files (any number of keys sharing them) and refuses a 5th, naming the key', () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => qwen({ sha256: String(i).repeat(64).slice(0, 64) }));
    expect(parseKeySetDocument(doc(...files(4), ...files(4), { encoding: 'gpt2' })).keys).toHaveLength(9);
    expect(refusal(doc(...files(6)))).toEqual([
      'keys[4].tokenizer.huggingface: a key set may name at most 4 distinct tokenizer files (each up to 32 MiB, all downloaded when it is added); this is file 5',
      'keys[5].tokenizer.huggingface: a key set may name at most 4 distinct tokenizer files (each up to 32 MiB, all downloaded when it is added); this is file 6',
    ]);
  });
});
