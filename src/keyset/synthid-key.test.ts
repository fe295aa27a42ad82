import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKeySet } from '../detector/compile';
import { KeySetError } from './errors';
import { parseKeySetDocument } from './parse';
import type { SynthIdKeySpec } from './types';

const example = readFileSync(join(resolve(__dirname, '../..'), 'public/keysets/synthid-docs-example.json'), 'utf8');

function withKey(key: Record<string, unknown>): string {
  const doc = JSON.parse(example);
  doc.keys = [{ kid: 'k', scheme: 'synthid', ngramLen: 5, keys: [1, 2], tokenizer: { encoding: 'gpt2' }, ...key }];
  return JSON.stringify(doc);
}

function issuesOf(document: string): string[] {
  try {
    parseKeySetDocument(document);
  } catch (e) {
    if (e instanceof KeySetError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('synthid keys', () => {
  it('fill in the references’ defaults', () => {
    const [key] = parseKeySetDocument(withKey({ implementation: 'hf-transformers' })).keys as SynthIdKeySpec[];
    expect(key).toMatchObject({
      scheme: 'synthid',
      contextHistorySize: 1024,
      samplingTableSize: 65536,
      samplingTableSeed: 0n,
      samplingTable: null,
      rng: 'torch-cpu',
      eosTokenId: null,
      score: 'mean',
      keys: [1n, 2n],
    });
    const [hash] = parseKeySetDocument(withKey({ implementation: 'synthid-text' })).keys as SynthIdKeySpec[];
    expect(hash).toMatchObject({ samplingTableSize: null, samplingTableSeed: null, rng: null });
  });

  it('take full int64 layer keys as decimal strings, negative included', () => {
    const keys = ['-9223372036854775808', '9223372036854775807', -5];
    const [key] = parseKeySetDocument(withKey({ implementation: 'synthid-text', keys })).keys as SynthIdKeySpec[];
    expect(key.keys).toEqual([-(1n << 63n), (1n << 63n) - 1n, -5n]);
  });

  it.each([
    [{ implementation: 'synthid-text', samplingTableSeed: 3 }, 'keys[0].samplingTableSeed: only for hf-transformers keys'],
    [{ implementation: 'hf-transformers', samplingTable: 'AAAA', samplingTableSeed: 1, samplingTableSize: 24 }, 'keys[0].samplingTableSeed: give either samplingTable or samplingTableSeed, not both'],
    [{ implementation: 'hf-transformers', samplingTable: 'AAAA', samplingTableSize: 64 }, 'keys[0].samplingTable: must be the base64 of 8 bytes'],
    [{ implementation: 'synthid-text', keys: ['9223372036854775808'] }, 'keys[0].keys[0]: must be an int64'],
    [{ implementation: 'synthid-text', keys: Array.from({ length: 257 }, (_, i) => i) }, 'keys[0].keys: must have at most 256 layer keys, got 257'],
    [{ implementation: 'synthid-text', keys: [] }, 'keys[0].keys: must contain at least one layer key'],
    [{ implementation: 'synthid-text', ngramLen: 1 }, 'keys[0].ngramLen: must be an integer from 2 to 64, got 1'],
    [{ implementation: 'synthid-text', score: 'bayesian' }, 'keys[0].score: must be one of "mean", "weighted-mean", got "bayesian"'],
    [{ implementation: 'synthid-text', testVectors: [{ ids: new Array(4097).fill(1), numTokensScored: 0, meanScore: null }] }, 'keys[0].testVectors[0].ids: must have at most 4096 ids, got 4097'],
    [{ implementation: 'tgi' }, 'keys[0].implementation: must be one of "hf-transformers", "synthid-text", got "tgi"'],
  ])('refuse %j', (key, message) => {
    expect(issuesOf(withKey(key)).join('\n')).toContain(message);
  });

  it('compile only when their test vectors reproduce (the bundled example does)', async () => {
    const compiled = await compileKeySet(example);
    expect(compiled.synthidKeys.map((k) => k.spec.kid)).toEqual(['synthid-hf-docs', 'synthid-text-docs']);
    const doc = JSON.parse(example);
    doc.keys[1].testVectors[1].meanScore += 1e-15;
    await expect(compileKeySet(JSON.stringify(doc))).rejects.toThrow(/keys\[1\]\.testVectors\[1\]: expected meanScore/);
  });
});
