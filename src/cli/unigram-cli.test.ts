// Unigram keys through the CLI as outside checkers run it: every unigram.json case (and a held-back set
// via WMLENS_VECTORS_DIR) through `wmlens score` from a key-set file written from the case's config —
// green mask, counts and both z-scores identical — plus keyset check, detect and generate.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { referenceVectorsFor, unigramDocument, unigramKey } from '../unigram/unigram-keyset.test-util';
import { type UnigramCase, loadUnigramCases } from '../unigram/unigram-vectors.test-util';
import type { CliIo } from './cli-io';
import { runCli } from './main';
import { runScore } from './score-command';

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const dir = mkdtempSync(join(tmpdir(), 'wmlens-unigram-'));
function keySetFile(name: string, keys: Record<string, unknown>[]): string {
  const path = join(dir, name);
  writeFileSync(path, unigramDocument(keys));
  return path;
}

// One key-set file and one `score` run per distinct config, every case of it one input line.
const byConfig = new Map<string, UnigramCase[]>();
for (const c of loadUnigramCases()) {
  const id = `${c.config.watermarkKey}_${c.config.fraction}_${c.config.vocabSize}`;
  byConfig.set(id, [...(byConfig.get(id) ?? []), c]);
}

describe('wmlens score on unigram.json cases', () => {
  it('has cases', () => expect(byConfig.size).toBeGreaterThan(0));

  it.each([...byConfig].map(([id, cases]) => [id, cases] as const))('%s', async (id, cases) => {
    const { watermarkKey, fraction, vocabSize } = cases[0].config;
    const file = keySetFile(`${id}.json`, [unigramKey({ kid: 'k', watermarkKey, fraction, vocabSize })]);
    const io = capture();
    const input = Readable.from(cases.map((c) => JSON.stringify(c.ids) + '\n').join(''));
    expect(await runScore(['--keyset', file], io, input)).toBe(0);
    const lines = io.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      const out = lines[i];
      expect(out.greenMask.join(''), c.name).toBe(c.expected.greenMask);
      expect(out.numTokensScored).toBe(c.ids.length);
      expect(out.numGreenTokens).toBe([...c.expected.greenMask].filter((x) => x === '1').length);
      expect(out.zScore, c.name).toBe(c.expected.zScore);
      expect(out.uniqueZScore, c.name).toBe(c.expected.uniqueZScore);
      expect(out.pValue).toBeGreaterThan(0);
      expect(out.pValue).toBeLessThanOrEqual(1);
      expect(out.numUnits).toBeLessThanOrEqual(new Set(c.ids).size);
    });
  });

  it('answers an empty line of ids with an error on that line and goes on', async () => {
    const file = keySetFile('plain.json', [unigramKey({ kid: 'k', watermarkKey: 0, fraction: 0.5, vocabSize: 50257 })]);
    const io = capture();
    expect(await runScore(['--keyset', file], io, Readable.from('[]\n[1,2,3]\n'))).toBe(0);
    const [first, second] = io.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(first.error).toMatch(/^line 1: too short/);
    expect(second.numTokensScored).toBe(3);
  });

  it('refuses --window for a unigram key (a usage error, exit 2)', async () => {
    const file = keySetFile('w.json', [unigramKey({ kid: 'k', watermarkKey: 0, fraction: 0.5, vocabSize: 50257 })]);
    const io = capture();
    expect(await runCli(['score', '--keyset', file, '--window', 'max'], io)).toBe(2);
    expect(io.err).toMatch(/--window is for kgw keys/);
  });
});

describe('wmlens keyset check / generate / detect with unigram keys', () => {
  const vectors = referenceVectorsFor('42', 0.5, 50257);
  const file = keySetFile('set.json', [
    unigramKey({ kid: 'uni-42', watermarkKey: 42, fraction: 0.5, vocabSize: 50257, testVectors: vectors }),
    unigramKey({ kid: 'uni-7', watermarkKey: '7', fraction: 0.25, vocabSize: 50257 }),
  ]);

  it('keyset check reproduces the reference vectors and names the keys', async () => {
    const io = capture();
    expect(await runCli(['keyset', 'check', file], io)).toBe(0);
    expect(io.out).toMatch(/2 key\(s\) \(uni-42: unigram unigram-watermark fraction 0\.5; uni-7: unigram unigram-watermark fraction 0\.25\)/);
    expect(io.out).toMatch(new RegExp(`${vectors.length} test vector\\(s\\) reproduced`));
  });

  it('generate writes text that detect flags under its key only', async () => {
    const gen = capture();
    expect(await runCli(['generate', '--keyset', file, '--key', 'uni-42', '--tokens', '400', '--seed', '5', '--json'], gen)).toBe(0);
    const generated = JSON.parse(gen.out);
    expect(generated.detection).toMatchObject({ kid: 'uni-42', verdict: 'watermarked' });
    const textFile = join(dir, 'text.txt');
    writeFileSync(textFile, generated.text);
    const io = capture();
    expect(await runCli(['detect', '--keyset', file, '--json', textFile], io)).toBe(0);
    const { results } = JSON.parse(io.out);
    expect(results.map((r: { kid: string; verdict: string }) => [r.kid, r.verdict])).toEqual([
      ['uni-42', 'watermarked'],
      ['uni-7', expect.not.stringMatching(/^watermarked$/)],
    ]);
    expect(results[0].uniqueZScore).toBeGreaterThan(4);
    expect(results[0].spans.length).toBeGreaterThan(0);
    // Without --json: the verdict line names the key, and the distinct-token z is shown.
    const plain = capture();
    expect(await runCli(['detect', '--keyset', file, '--key', 'uni-42', textFile], plain)).toBe(0);
    expect(plain.out).toMatch(/^Unigram test keys \/ uni-42: WATERMARKED/);
    expect(plain.out).toMatch(/z over distinct tokens = \d/);
    // --key narrows detect to one key of either scheme, its fields also at the top level.
    const one = capture();
    expect(await runCli(['detect', '--keyset', file, '--key', 'uni-7', '--json', textFile], one)).toBe(0);
    expect(JSON.parse(one.out)).toMatchObject({ kid: 'uni-7', results: [{ kid: 'uni-7' }] });
  });
});
