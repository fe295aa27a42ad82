// Unigram keys end to end through the public core: key-set parsing (fields, limits, messages), compile
// (reference test vectors reproduced, wrong ones refused), and detect() on text the stand-in model wrote
// under the key's bias vs human text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { standInModel } from '../cli/generate-command';
import { compileKeySet, detect } from '../detect';
import type { KgwKeyDetection } from '../detect-types';
import { generate } from '../generate/generate';
import { STAND_IN_SAMPLING } from '../generate/training';
import { KeySetError } from '../keyset/errors';
import { parseKeySetDocument } from '../keyset/parse';
import { UnigramBias } from './bias';
import { unigramGreenMask } from './green-mask';
import { referenceVectorsFor, unigramDocument, unigramKey } from './unigram-keyset.test-util';

// Public domain (US Declaration of Independence, 1776).
const HUMAN =
  'When in the Course of human events, it becomes necessary for one people to dissolve the political bands ' +
  'which have connected them with another, and to assume among the powers of the earth, the separate and equal ' +
  "station to which the Laws of Nature and of Nature's God entitle them, a decent respect to the opinions of " +
  'mankind requires that they should declare the causes which impel them to the separation. We hold these ' +
  'truths to be self-evident, that all men are created equal, that they are endowed by their Creator with ' +
  'certain unalienable Rights, that among these are Life, Liberty and the pursuit of Happiness.';

const vectors42 = referenceVectorsFor('42', 0.5, 50257);
const key42 = unigramKey({ kid: 'uni-42', watermarkKey: 42, fraction: 0.5, vocabSize: 50257, testVectors: vectors42 });

function issuesOf(doc: string): string[] {
  try {
    parseKeySetDocument(doc);
  } catch (e) {
    if (e instanceof KeySetError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('unigram keys in a key set', () => {
  it('parses a unigram key with every default resolved, int64 keys as decimal strings', () => {
    const set = parseKeySetDocument(
      unigramDocument([key42, unigramKey({ kid: 'min', watermarkKey: '-9223372036854775808', fraction: 0.25, vocabSize: 1 << 20 })]),
    );
    expect(set.keys[0]).toEqual({
      kid: 'uni-42',
      scheme: 'unigram',
      implementation: 'unigram-watermark',
      watermarkKey: 42n,
      fraction: 0.5,
      vocabSize: 50257,
      tokenizer: { encoding: 'gpt2' },
      detection: { normalizers: [] },
      testVectors: vectors42,
    });
    expect(set.keys[1]).toMatchObject({ watermarkKey: -(1n << 63n), vocabSize: 1 << 20 });
  });

  it.each([
    ['a key beyond int64', { watermarkKey: '9223372036854775808' }, 'keys[0].watermarkKey: must be a decimal integer string (optionally negative) within int64, got "9223372036854775808"'],
    ['an unsafe JSON number', { watermarkKey: 2 ** 60 }, 'keys[0].watermarkKey: 1152921504606847000 is outside the exact range'],
    ['a vocabulary above 2^20', { vocabSize: (1 << 20) + 1 }, 'keys[0].vocabSize: must be an integer from 2 to 1048576 (2^20), got 1048577'],
    ['a fraction of 1', { fraction: 1 }, 'keys[0].fraction: must be between 0 and 1 (exclusive), got 1'],
    ['a KGW field', { gamma: 0.5 }, 'keys[0].gamma: unknown field'],
    ['another implementation', { implementation: 'markllm' }, 'keys[0].implementation: must be one of "unigram-watermark" for unigram keys, got "markllm"'],
  ])('refuses %s, naming the field', (_what, change, message) => {
    const issues = issuesOf(unigramDocument([{ ...unigramKey({ kid: 'k', watermarkKey: 0, fraction: 0.5, vocabSize: 50257 }), ...change }]));
    expect(issues.some((i) => i.startsWith(message)), issues.join('\n')).toBe(true);
  });

  it('reproduces the reference test vectors at compile time and refuses a wrong one, naming it', async () => {
    expect(vectors42.length).toBeGreaterThan(0);
    const compiled = await compileKeySet(unigramDocument([key42]));
    expect(compiled.keys).toEqual([]);
    expect(compiled.unigramKeys?.map((k) => k.spec.kid)).toEqual(['uni-42']);
    const bad = [{ ...vectors42[0], numGreenTokens: vectors42[0].numGreenTokens + 1 }];
    const error = await compileKeySet(unigramDocument([{ ...key42, testVectors: bad }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeySetError);
    expect((error as KeySetError).issues[0]).toMatchObject({ path: 'keys[0].testVectors[0]' });
    expect((error as KeySetError).issues[0].message).toMatch(/expected numGreenTokens/);
  });
});

describe('detect() with a unigram key', async () => {
  const compiled = await compileKeySet(unigramDocument([key42]));
  const key = compiled.unigramKeys![0];

  it('does not flag human text and reports the reference z-scores', () => {
    // Short human text: too short to tell at fraction ½ (≈ 45 counted distinct tokens).
    expect(detect(HUMAN, [compiled])[0].verdict).toBe('too-short');
    const long = readFileSync(new URL('../../data/human-sample/sotu/1791-george-washington.txt', import.meta.url), 'utf8');
    const [d] = detect(long, [compiled]) as KgwKeyDetection[];
    expect(d.kid).toBe('uni-42');
    expect(d.verdict).toBe('not-detected');
    expect(d.numTokensScored).toBe(key.tokenizer.encode(long).ids.length);
    expect(typeof d.uniqueZScore).toBe('number');
    expect(d.numUnits).toBeLessThanOrEqual(d.numTokensScored);
  });

  it('flags text written under the key (δ = 2), with a span, and not under another key', async () => {
    const model = standInModel(key.tokenizer);
    const { text } = generate({ model, tokenizer: key.tokenizer, length: 400, seed: 3, ...STAND_IN_SAMPLING }, new UnigramBias(key.mask, 2));
    const [d] = detect(text, [compiled]) as KgwKeyDetection[];
    expect(d.verdict).toBe('watermarked');
    expect(d.pValue).toBeLessThanOrEqual(1e-4);
    expect(d.spans.length).toBeGreaterThan(0);
    expect(d.spans[0].end).toBeGreaterThan(d.spans[0].start);
    const other = await compileKeySet(unigramDocument([unigramKey({ kid: 'other', watermarkKey: 7, fraction: 0.5, vocabSize: 50257 })]));
    expect(detect(text, [other])[0].verdict).not.toBe('watermarked');
  });

  it('gives every key its own mask', async () => {
    const a = await unigramGreenMask({ watermarkKey: 42n, fraction: 0.5, vocabSize: 50257 });
    expect(Array.from(key.mask.bits)).toEqual(Array.from(a.bits));
  });

  it('accepts an empty green list as the reference does, and never tests under it', async () => {
    const empty = await compileKeySet(unigramDocument([unigramKey({ kid: 'e', watermarkKey: 0, fraction: 0.1, vocabSize: 7 })]));
    const [d] = detect(HUMAN, [empty]) as KgwKeyDetection[];
    expect(d.numGreenTokens).toBe(0);
    expect(d.pValue).toBe(1);
    expect(d.verdict).toBe('too-short');
  });

  it('says too short for an empty text', () => {
    expect(detect('', [compiled])[0].verdict).toBe('too-short');
  });
});
