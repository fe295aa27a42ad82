// The path outside checkers take for SynthID: a key-set document written from each synthid.json case's
// config (with the case as its test vector, so compiling also runs `keyset check`'s vector check), then
// `wmlens score` on the case's ids. Every case must come out identical: g-values, mask, count, means.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSynthIdCases, type SynthIdCase } from '../synthid/vectors.test-util';
import { runScore } from './score-command';

export function synthIdDocumentFor(c: SynthIdCase): string {
  const { config } = c;
  const key: Record<string, unknown> = {
    kid: 'k',
    scheme: 'synthid',
    implementation: config.variant === 'hash' ? 'synthid-text' : 'hf-transformers',
    ngramLen: config.ngramLen,
    keys: config.keys,
    contextHistorySize: config.contextHistorySize,
    eosTokenId: config.eosTokenId,
    tokenizer: { encoding: 'gpt2' },
    testVectors: [{ ids: c.ids, numTokensScored: c.expected.numScored, meanScore: c.expected.meanScore }],
  };
  if (config.variant === 'table') {
    key.samplingTableSize = config.samplingTableSize;
    // Seeds can exceed 2^32 (only the low 32 bits reach the generator); a string keeps them exact.
    key.samplingTableSeed = String(config.samplingTableSeed);
    key.rng = 'torch-cpu';
  }
  return JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'synthid-vectors',
    name: 'synthid vectors',
    publisher: { name: 'test' },
    version: 1,
    issued: '2026-01-01T00:00:00Z',
    keys: [key],
  });
}

const dir = mkdtempSync(join(tmpdir(), 'wmlens-synthid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function wmlensScore(document: string, lines: string[]): Promise<{ code: number; out: Array<Record<string, unknown>>; err: string }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, document);
  let stdout = '';
  let stderr = '';
  const code = await runScore(['--keyset', file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, Readable.from(lines.map((l) => `${l}\n`)));
  return { code, out: stdout.trim().split('\n').map((l) => JSON.parse(l)), err: stderr };
}

describe('wmlens score on synthid.json cases', () => {
  it('answers a line shorter than one n-gram with an error and goes on', async () => {
    const [c] = loadSynthIdCases().filter((x) => x.ids.length >= x.config.ngramLen);
    const { code, out } = await wmlensScore(synthIdDocumentFor(c), [JSON.stringify(c.ids.slice(0, c.config.ngramLen - 1)), JSON.stringify(c.ids)]);
    expect(code).toBe(0);
    expect(out[0].error).toMatch(/^line 1: too short/);
    expect(out[1].gValues).toEqual(c.expected.gValues);
  });

  it.each(loadSynthIdCases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { code, out } = await wmlensScore(synthIdDocumentFor(c), [JSON.stringify(c.ids)]);
    expect(code).toBe(0);
    const [line] = out;
    expect(line.gValues).toEqual(c.expected.gValues);
    expect((line.mask as number[]).join('')).toBe(c.expected.mask);
    expect(line.numTokensScored).toBe(c.expected.numScored);
    expect(line.meanScore).toBe(c.expected.meanScore);
    expect(line.weightedMeanScore).toBe(c.expected.weightedMeanScore);
    expect(typeof line.pValue).toBe('number');
    expect(['watermarked', 'not-detected', 'too-short']).toContain(line.verdict);
  });
});
