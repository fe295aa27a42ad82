import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledKeySet, compileKeySet, detect } from '../detect';
import { applyNormalizers } from '../normalize/index';
import { loadTokenizer } from '../tokenize/tokenizer';
import type { Tokenizer } from '../tokenize/types';
import { generateUnwatermarked, generateWatermarked } from './generate';
import type { NgramModel } from './ngram-model';
import { STAND_IN_SAMPLING, paragraphsOf, trainOnParagraphs } from './training';

const SAMPLE = new URL('../../data/human-sample/', import.meta.url);

let keySet: CompiledKeySet;
let tok: Tokenizer;
let model: NgramModel;

beforeAll(async () => {
  keySet = await compileKeySet(readFileSync(new URL('../../public/keysets/reference-defaults.json', import.meta.url)));
  tok = await loadTokenizer('gpt2');
  const index = JSON.parse(readFileSync(new URL('index.json', SAMPLE), 'utf8')) as { files: { file: string }[] };
  const paragraphs = index.files.flatMap(({ file }) => paragraphsOf(readFileSync(new URL(file, SAMPLE), 'utf8')));
  model = trainOnParagraphs(paragraphs, tok);
});

const keyOf = (kid: string) => keySet.keys.find((k) => k.spec.kid === kid)!;
const only = (kid: string): CompiledKeySet => ({ ...keySet, keys: [keyOf(kid)] });

describe('generateWatermarked', () => {
  it('is a function of the seed', () => {
    const run = (seed: number) => generateWatermarked({ key: keyOf('lmw-lefthash').spec, model, tokenizer: tok, length: 60, delta: 2, seed, ...STAND_IN_SAMPLING });
    expect(run(5).ids).toEqual(run(5).ids);
    expect(run(5).text).toBe(run(5).text);
    expect(run(5).ids).not.toEqual(run(6).ids);
    const plain = (seed: number) => generateUnwatermarked({ model, tokenizer: tok, length: 60, seed, ...STAND_IN_SAMPLING }).ids;
    expect(plain(5)).toEqual(plain(5));
    // Same draws, different distribution: the bias changes the text.
    expect(plain(5)).not.toEqual(run(5).ids);
  });

  // The requirement the whole module exists for: text a page shows, re-tokenized by detect(), carries the watermark.
  // selfhash needs longer texts: its calibrated p-value counts each self-anchored token once and allows for
  // the key's shift on human text (eval/calibration-notes.md: 65% power at 200 tokens, δ = 2).
  for (const [kid, length] of [['lmw-lefthash', 200], ['lmw-selfhash', 300]] as const) {
    it(`${kid}: δ = 2, γ = 0.25, ${length} tokens: the decoded text re-tokenizes to the same ids and detect() flags it`, () => {
      const key = keyOf(kid);
      const zs: number[] = [];
      for (const seed of [1, 2, 3]) {
        const r = generateWatermarked({ key: key.spec, model, tokenizer: tok, length, delta: 2, seed, ...STAND_IN_SAMPLING });
        expect(r.ids).toHaveLength(length);
        expect(r.roundTrips).toBe(true);
        expect(Array.from(tok.encode(applyNormalizers(r.text, ['unicode']).text).ids)).toEqual(r.ids);
        const [d] = detect(r.text, [only(kid)], { alpha: 1e-4 });
        expect(d.numTokensScored).toBeGreaterThan(150);
        expect(d.zScore).toBeGreaterThan(4.5);
        expect(d.verdict).toBe('watermarked');
        zs.push(d.zScore);
      }
      expect(zs.reduce((a, b) => a + b) / zs.length).toBeGreaterThan(5);
    });
  }

  it('without the bias the same sampler is not flagged', () => {
    for (const seed of [1, 2, 3]) {
      const r = generateUnwatermarked({ model, tokenizer: tok, length: 200, seed, ...STAND_IN_SAMPLING });
      expect(r.roundTrips).toBe(true);
      expect(r.favouredSteps).toBe(0);
      for (const d of detect(r.text, [keySet], { alpha: 1e-4 })) {
        expect(d.zScore).toBeLessThan(3.5);
        expect(d.verdict).toBe('not-detected');
      }
    }
  });

  it('continues a prompt: the text starts with it and the ids do not include it', () => {
    const prompt = Array.from(tok.encode('The Congress').ids);
    const r = generateWatermarked({ key: keyOf('lmw-selfhash').spec, model, tokenizer: tok, prompt, length: 30, delta: 2, seed: 1 });
    expect(r.ids).toHaveLength(30);
    expect(r.text.startsWith('The Congress')).toBe(true);
    expect(r.text).toBe(tok.decode([...prompt, ...r.ids]));
    expect(r.roundTrips).toBe(true);
  });

  it('refuses a prompt that would not read back as its own ids', () => {
    const split = [...tok.encode(' the').ids, ...tok.encode('re').ids]; // reads back as " there"
    expect(() => generateUnwatermarked({ model, tokenizer: tok, prompt: split, length: 5, seed: 1 })).toThrow(/prompt/);
  });

  it('can run on to the end of a sentence', () => {
    const r = generateUnwatermarked({ model, tokenizer: tok, length: 40, finishSentence: 60, seed: 4, ...STAND_IN_SAMPLING });
    expect(r.ids.length).toBeGreaterThanOrEqual(40);
    expect(r.ids.length).toBeLessThanOrEqual(100);
    if (r.ids.length < 100) expect(r.text).toMatch(/[.!?]["')]?$/);
  });

  it('refuses a tokenizer that is not the key’s', async () => {
    const cl100k = await loadTokenizer('cl100k_base');
    expect(() => generateWatermarked({ key: keyOf('lmw-lefthash').spec, model, tokenizer: cl100k, length: 5, delta: 2, seed: 1 })).toThrow(/gpt2/);
  });
});
