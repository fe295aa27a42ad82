import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKeySet, detect } from '../detect';
import { KeySetError } from '../keyset/errors';

const bundledBytes = readFileSync(resolve(__dirname, '../../public/keysets/reference-defaults.json'));

// Public domain (US Declaration of Independence, 1776).
const HUMAN =
  'When in the Course of human events, it becomes necessary for one people to dissolve the political bands ' +
  'which have connected them with another, and to assume among the powers of the earth, the separate and equal ' +
  'station to which the Laws of Nature and of Nature\'s God entitle them, a decent respect to the opinions of ' +
  'mankind requires that they should declare the causes which impel them to the separation. We hold these ' +
  'truths to be self-evident, that all men are created equal, that they are endowed by their Creator with ' +
  'certain unalienable Rights, that among these are Life, Liberty and the pursuit of Happiness.';

describe('compileKeySet', () => {
  it('compiles the bundled key set with its fingerprint over the exact bytes', async () => {
    const compiled = await compileKeySet(bundledBytes);
    expect(compiled.id).toBe('org.watermark-lens.reference-defaults');
    expect(compiled.keys.map((k) => k.spec.kid)).toEqual(['lmw-lefthash', 'lmw-selfhash']);
    expect(compiled.fingerprint).toBe(createHash('sha256').update(bundledBytes).digest('hex'));
  });

  it('refuses a document whose test vector does not reproduce, naming the vector', async () => {
    const doc = JSON.parse(bundledBytes.toString('utf8'));
    doc.keys[0].hashKey = 7919;
    const error = await compileKeySet(JSON.stringify(doc)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeySetError);
    expect((error as KeySetError).issues.map((i) => i.path)).toContain('keys[0].testVectors[0]');
  });
});

describe('detect', () => {
  it('does not flag human text, and reports both layers for each key', async () => {
    const keySet = await compileKeySet(bundledBytes);
    const results = detect(HUMAN, [keySet]);
    expect(results.map((r) => [r.kid, r.verdict])).toEqual([
      ['lmw-lefthash', 'not-detected'],
      ['lmw-selfhash', 'not-detected'],
    ]);
    for (const r of results) {
      expect(r.keySetId).toBe(keySet.id);
      expect(r.numTokensScored).toBeGreaterThan(100);
      expect(r.numUnits).toBeLessThanOrEqual(r.numTokensScored);
      expect(r.pValue).toBeGreaterThan(1e-4);
      expect(r.spans).toEqual([]);
    }
  });

  it('says "too short" — never "not detected" — when even an all-green text could not reach α', async () => {
    const keySet = await compileKeySet(bundledBytes);
    for (const text of ['', 'Hi', 'Four score and seven']) {
      for (const r of detect(text, [keySet])) expect(r.verdict).toBe('too-short');
    }
  });

  it('treats special-token text and control characters on a page as ordinary text', async () => {
    const keySet = await compileKeySet(bundledBytes);
    const results = detect(`<|endoftext|>\u0000\u202e ${HUMAN}`, [keySet]);
    expect(results.every((r) => r.verdict === 'not-detected')).toBe(true);
  });
});
