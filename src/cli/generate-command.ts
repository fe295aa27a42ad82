// `wmlens generate`: text watermarked under one key of a key set, for tests and demos. The language
// model is the n-gram stand-in (src/generate) trained on the bundled public-domain human sample, so
// nothing has to be downloaded; the bias is the reference's, on the key's own seeding and green lists
// (KGW) or its one fixed green list (Unigram).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CompiledKey, detect } from '../detect';
import { isHuggingFaceTokenizer } from '../keyset/tokenizer-spec';
import { applyNormalizers } from '../normalize/index';
import type { NgramModel } from '../generate/ngram-model';
import { type GenerationResult, generate, generateWatermarked } from '../generate/generate';
import { SynthIdTournament } from '../synthid/tournament';
import { STAND_IN_MODEL, STAND_IN_SAMPLING, paragraphsOf, trainOnParagraphs } from '../generate/training';
import type { Tokenizer } from '../tokenize/types';
import type { CliIo } from './cli-io';
import { InputError, UsageError } from './errors';
import { isSynthIdCompiled, isUnigramCompiled, loadKeySet, selectKeySet, selectOneKey } from './load-keyset';
import { UnigramBias } from '../unigram/bias';

export const HUMAN_SAMPLE_DIR = fileURLToPath(new URL('../../data/human-sample/', import.meta.url));

export interface HumanSampleFile {
  /** Path relative to the sample directory. */
  file: string;
  paragraphs: string[];
}

/** The bundled human sample (data/human-sample): its index.json lists the text files. */
export function readHumanSample(dir: string = HUMAN_SAMPLE_DIR): HumanSampleFile[] {
  let index: { files: { file: string }[] };
  try {
    index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as typeof index;
  } catch (error) {
    throw new InputError(`human sample ${join(dir, 'index.json')}: ${(error as Error).message}`);
  }
  return index.files.map(({ file }) => {
    try {
      return { file, paragraphs: paragraphsOf(readFileSync(join(dir, file), 'utf8')) };
    } catch (error) {
      throw new InputError(`human sample ${join(dir, file)}: ${(error as Error).message}`);
    }
  });
}

// Training takes under a second on the bundled sample, so the model is kept per process, not on disk:
// per tokenizer instance (one per encoding or tokenizer file), then per sample directory.
const models = new WeakMap<Tokenizer, Map<string, NgramModel>>();

/** The stand-in model for a tokenizer, trained on the bundled human sample once per process. */
export function standInModel(tokenizer: Tokenizer, dir: string = HUMAN_SAMPLE_DIR): NgramModel {
  let byDir = models.get(tokenizer);
  if (byDir === undefined) {
    byDir = new Map();
    models.set(tokenizer, byDir);
  }
  let model = byDir.get(dir);
  if (model === undefined) {
    model = trainOnParagraphs(readHumanSample(dir).flatMap((f) => f.paragraphs), tokenizer, STAND_IN_MODEL);
    byDir.set(dir, model);
  }
  return model;
}

const DEFAULT_TOKENS = 200;
const DEFAULT_DELTA = 2;
const MAX_TOKENS = 100_000;

function numberOption(name: string, raw: string | undefined, fallback: number, valid: (x: number) => boolean, what: string): number {
  if (raw === undefined) return fallback;
  const x = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!valid(x)) throw new UsageError(`generate: --${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return x;
}

export async function runGenerate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      keyset: { type: 'string' },
      key: { type: 'string' },
      tokens: { type: 'string' },
      delta: { type: 'string' },
      seed: { type: 'string' },
      prompt: { type: 'string' },
      temperature: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.keyset === undefined) throw new UsageError('generate: --keyset FILE is required');
  if (positionals.length > 0) throw new UsageError(`generate: unexpected argument ${JSON.stringify(positionals[0])}`);
  const tokens = numberOption('tokens', values.tokens, DEFAULT_TOKENS, (x) => Number.isInteger(x) && x >= 1 && x <= MAX_TOKENS, `an integer from 1 to ${MAX_TOKENS}`);
  const delta = numberOption('delta', values.delta, DEFAULT_DELTA, (x) => Number.isFinite(x) && x >= 0, 'a number >= 0');
  const seed = numberOption('seed', values.seed, 0, (x) => Number.isSafeInteger(x) && x >= 0, 'a non-negative integer');
  const temperature = numberOption('temperature', values.temperature, STAND_IN_SAMPLING.temperature, (x) => Number.isFinite(x) && x >= 0, 'a number >= 0');

  const keySet = await loadKeySet(values.keyset, io);
  const key = selectOneKey(keySet, values.key);
  const { spec, tokenizer } = key;
  if (isHuggingFaceTokenizer(spec.tokenizer) && spec.tokenizer.addSpecialTokens) {
    // Its encode() adds BOS/EOS-style tokens that no decoded text contains, so no generated text could
    // re-tokenize to the generated ids. The green lists do not depend on the setting.
    throw new UsageError(
      `generate: key ${spec.kid} tokenizes with addSpecialTokens: true, whose added tokens the stand-in model cannot write into text; ` +
        'generate with a copy of the key without addSpecialTokens (same seeding and green lists)',
    );
  }
  // The prompt is part of the shown text, so it is given exactly as the detector will tokenize it.
  const promptText = applyNormalizers(values.prompt ?? '', spec.detection.normalizers).text.trim();
  const prompt = tokenizer.encode(promptText).ids;

  const model = standInModel(tokenizer);
  const common = { model, tokenizer, prompt, length: tokens, seed, temperature };
  let result: GenerationResult;
  if (isSynthIdCompiled(key)) {
    // SynthID has no δ: the tournament over the top 40 candidates is the watermark (the reference
    // samples from top-k only, so no top-p here).
    if (values.delta !== undefined) throw new UsageError('generate: --delta is for KGW and Unigram keys; a synthid key\'s strength is its tournament');
    if (!(temperature > 0)) throw new UsageError('generate: synthid keys need --temperature > 0 (the reference refuses greedy decoding)');
    const tournament = new SynthIdTournament(key.scorer, { temperature });
    result = generate({ ...common, topP: 1, normalizers: spec.detection.normalizers }, tournament);
  } else if (isUnigramCompiled(key)) {
    // Unigram: gptwm.py's warper, +δ on the key's one fixed green list at every step.
    result = generate({ ...common, topP: STAND_IN_SAMPLING.topP, normalizers: key.spec.detection.normalizers }, new UnigramBias(key.mask, delta));
  } else {
    result = generateWatermarked({ ...common, key: (key as CompiledKey).spec, delta, topP: STAND_IN_SAMPLING.topP });
  }
  if (!values.json) {
    io.stdout(`${result.text}\n`);
    return 0;
  }
  const [detection] = detect(result.text, [selectKeySet(keySet, spec.kid)]);
  io.stdout(
    `${JSON.stringify({
      keySetId: keySet.id,
      kid: spec.kid,
      ...(spec.scheme === 'synthid' ? {} : { delta }),
      seed,
      tokens,
      temperature,
      prompt: promptText,
      model: `n-gram stand-in (order ${STAND_IN_MODEL.order}, discount scale ${STAND_IN_MODEL.discountScale}) trained on data/human-sample`,
      text: result.text,
      ids: result.ids,
      promptIds: Array.from(prompt),
      roundTrips: result.roundTrips,
      detection,
    })}\n`,
  );
  return 0;
}
