// compileKeySet with keys naming a Hugging Face tokenizer.json (the real Qwen3 file): the host's
// resolver is asked once per file, keys sharing the file share one parsed tokenizer, the bytes are
// verified whatever the resolver does, and the calibration is keyed by the file's hash.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calibrationKeyOf } from '../calibration/reference-sample';
import { KeySetError } from '../keyset/errors';
import { parseKeySetDocument } from '../keyset/parse';
import type { KgwKeySpec } from '../keyset/types';
import { testTokenizerPath } from '../tokenize/hf/test-files';
import { compileKeySet, detect } from '../detect';

const BYTES = readFileSync(testTokenizerPath('qwen3'));
const SHA = createHash('sha256').update(BYTES).digest('hex');
const hf = (over: Record<string, unknown> = {}) => ({ huggingface: { url: 'https://tok.example/qwen3.json', sha256: SHA, name: 'Qwen/Qwen3-0.6B' }, ...over });

function doc(keys: Record<string, unknown>[]): string {
  return JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'test.hf-compile',
    name: 'HF compile',
    publisher: { name: 'Test' },
    version: 1,
    issued: '2026-11-01T00:00:00Z',
    keys: keys.map((k, i) => ({ kid: `k${i}`, scheme: 'kgw', implementation: 'lm-watermarking', seeding: 'lefthash', gamma: 0.25, vocabSize: 151_936, rng: 'torch-cpu', ...k })),
  });
}

describe('compileKeySet with tokenizer.json keys', () => {
  it('asks the host once per file; keys naming the same bytes share one tokenizer (and any vocabSize up to 2^20 works)', async () => {
    const asked: string[] = [];
    const keySet = await compileKeySet(
      doc([
        { tokenizer: hf() },
        { tokenizer: hf({ huggingface: { url: 'https://mirror.example/t.json', sha256: SHA, name: 'Qwen mirror' } }), seeding: 'selfhash', vocabSize: 2 ** 20 },
      ]),
      {
        tokenizerFiles: async (file, kid) => {
          asked.push(`${kid} ${file.url}`);
          return BYTES;
        },
      },
    );
    expect(asked).toEqual(['k0 https://tok.example/qwen3.json']);
    expect(keySet.keys[0].tokenizer).toBe(keySet.keys[1].tokenizer);
    const text = 'The committee will meet again in the spring to review the budget, and every member agreed.';
    const [a, b] = detect(text, [keySet]);
    // lefthash scores every token after the first; selfhash (width 4, the token itself included) every
    // token after the third: the same tokenization seen by both keys.
    expect(a.numTokensScored - b.numTokensScored).toBe(2);
    expect([a.verdict, b.verdict]).not.toContain('watermarked');
  });

  it('refuses a key set whose file the host cannot supply, or supplies wrong, naming the key and the field', async () => {
    const wrong = Buffer.from(BYTES);
    wrong[3] ^= 1;
    const otherSha = 'e'.repeat(64);
    // A hash no earlier test loaded, so the resolver is really consulted.
    const document = doc([{ tokenizer: hf({ huggingface: { url: 'https://tok.example/x.json', sha256: otherSha, name: 'X' } }) }]);
    await expect(compileKeySet(document)).rejects.toThrow(KeySetError);
    await expect(compileKeySet(document)).rejects.toThrow(/keys\[0\]\.tokenizer\.huggingface: key "k0": tokenizer X from https:\/\/tok\.example\/x\.json: key k0 needs X .* and this program was given no way to read tokenizer files/);
    await expect(compileKeySet(document, { tokenizerFiles: async () => wrong })).rejects.toThrow(/the file's SHA-256 is [0-9a-f]{64}, but the key set pins e{64}; refused/);
    await expect(compileKeySet(document, { tokenizerFiles: async () => Promise.reject(new Error('offline')) })).rejects.toThrow(/tokenizer X from https:\/\/tok\.example\/x\.json: offline/);
  });

  it('keys the calibration by the file (hash and special-token setting), not by its URL or name', () => {
    const keys = parseKeySetDocument(
      doc([
        { tokenizer: hf() },
        { tokenizer: hf({ huggingface: { url: 'file:///elsewhere.json', sha256: SHA, name: 'other name' } }) },
        { tokenizer: hf({ addSpecialTokens: true }) },
        { tokenizer: { encoding: 'gpt2' } },
      ]),
    ).keys;
    const ids = keys.map((k) => calibrationKeyOf(k as KgwKeySpec));
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toContain(`hf:${SHA}`);
    expect(ids[3]).toBe('lm-watermarking|lefthash|1|15485863|gpt2|');
  });
});
