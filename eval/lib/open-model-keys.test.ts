// The evaluation's open-model keys measure what `wmlens detect` would report for them: the tokenizer
// comes through the CLI's resolution (pin checked), and the eval's p-value path (ids → scoreIds →
// calibration → decideBlock, eval/lib/power.ts and false-alarms.ts) gives detect()'s own numbers on a
// key set compiled the way the CLI compiles it.
import { Tokenizer as RustTokenizer } from '@anush008/tokenizers';
import { describe, expect, it } from 'vitest';
import { decideBlock } from '../../src/calibration/block-test';
import { calibrationFor } from '../../src/calibration/reference-sample';
import { cliTokenizerFiles } from '../../src/cli/tokenizer-files';
import { compileKeySet, detect } from '../../src/detect';
import type { KgwKeyDetection } from '../../src/detect-types';
import { scoringKeyFor } from '../../src/detector/scoring-key-for';
import { TokenizerFileError } from '../../src/detector/tokenizer-for';
import { scoreIds } from '../../src/score/score-ids';
import { testTokenizerJson, testTokenizerPath } from '../../src/tokenize/hf/test-files';
import { BUNDLED_KEYSET_PATH, openModelEvalKey } from './keys';
import { evalTokenizer, evalTokenizerId } from './tokenizers';
import { watermarkedTexts } from './watermarked';

describe('open-model eval keys', () => {
  it('pin the real file by its hash and give the tokenizer the CLI loads', async () => {
    const key = openModelEvalKey('qwen3', 'lefthash');
    expect(key.spec.vocabSize).toBe(151_669);
    expect(key.spec.tokenizer).toMatchObject({ huggingface: { sha256: key.sha256 }, addSpecialTokens: false });
    expect(evalTokenizerId(key.spec)).toBe(`hf-${key.sha256}`);
    // Every id of the file is below vocabSize (so all have a colour).
    const vocabSize = JSON.parse(testTokenizerJson('qwen3')).added_tokens.reduce((m: number, t: { id: number }) => Math.max(m, t.id + 1), 0);
    expect(vocabSize).toBe(key.spec.vocabSize);
    const tokenizer = await evalTokenizer(key.spec);
    const rust = RustTokenizer.fromFile(testTokenizerPath('qwen3'));
    for (const text of ['Hello 世界 <think>x</think>', '  def f(x):\n\treturn x ** 2  # 🙂']) {
      expect(Array.from(tokenizer.encode(text).ids)).toEqual((await rust.encode(text, null, { addSpecialTokens: false })).getIds());
    }
  });

  it('refuse a file whose bytes do not hash to the pin', async () => {
    const key = openModelEvalKey('llama3', 'selfhash');
    const wrong = { ...key.spec, tokenizer: { ...key.spec.tokenizer, huggingface: { ...(key.spec.tokenizer as { huggingface: { url: string; name: string } }).huggingface, sha256: '0'.repeat(64) } } };
    await expect(evalTokenizer(wrong)).rejects.toThrow(TokenizerFileError);
    await expect(evalTokenizer(wrong)).rejects.toThrow(/SHA-256 c05a3c21.*pins 0000/);
  });

  it("measure detect()'s pValue and counts on text generated with the key's tokenizer", async () => {
    for (const [model, seeding] of [['qwen3', 'selfhash'], ['llama3', 'lefthash']] as const) {
      const key = openModelEvalKey(model, seeding);
      const rust = RustTokenizer.fromFile(testTokenizerPath(model));
      const keySet = await compileKeySet(key.document, { tokenizerFiles: cliTokenizerFiles({ keySetPath: BUNDLED_KEYSET_PATH }) });
      const texts = await watermarkedTexts(key.spec, { delta: 2, length: 120, count: 2, firstSeed: 11, cache: false });
      const scoring = scoringKeyFor(key.spec);
      const calibration = await calibrationFor(key.spec, scoring.seeder, await evalTokenizer(key.spec));
      for (const t of texts) {
        const [d] = detect(t.text, [keySet], { alpha: 1e-4 }) as KgwKeyDetection[];
        // The generator's ids are the Rust library's ids for its text (what the eval scores is what a
        // Hugging Face pipeline would see).
        expect((await rust.encode(t.text, null, { addSpecialTokens: false })).getIds()).toEqual(t.ids);
        const score = scoreIds(scoring, t.ids);
        expect(d.numTokensScored).toBe(score.numTokensScored);
        expect(d.numGreenTokens).toBe(score.numGreenTokens);
        const cal = calibration.apply(score, key.spec.gamma);
        expect(d.numUnits).toBe(cal.numUnits);
        expect(d.numGreenUnits).toBe(cal.numGreenUnits);
        expect(d.pValue).toBe(decideBlock(calibration.nullModel(key.spec.gamma), cal, 1e-4).pValue);
        // The generated text is watermarked: more green than γ.
        expect(cal.numGreenUnits / cal.numUnits).toBeGreaterThan(key.spec.gamma);
      }
    }
  }, 120_000);
});
