// Text generation with the n-gram stand-in model: the reference's generation loop in miniature.
// Each step: model log-probabilities → repetition guard → (watermark bias) → temperature / top-p →
// one seeded draw, refusing candidates that would not survive decode → normalize → re-encode.
import { isHuggingFaceTokenizer } from '../keyset/tokenizer-spec';
import type { KgwKeySpec as KeySpec, NormalizerName } from '../keyset/types';
import type { LogitBias } from './logit-bias';
import type { Tokenizer } from '../tokenize/types';
import type { NgramModel } from './ngram-model';
import { Prng } from './prng';
import { RepetitionGuard, type RepetitionGuardOptions } from './repetition-guard';
import { RoundTripCheck } from './round-trip';
import { type SamplingOptions, checkSamplingOptions, drawIndex, samplingDistribution } from './sampler';
import { WatermarkBias, biasKeyFor } from './watermark-bias';

export interface GenerateOptions extends SamplingOptions {
  model: NgramModel;
  /** Decodes the ids and checks the round trip; must be the tokenizer the model was trained with. */
  tokenizer: Tokenizer;
  /**
   * Ids the generated text continues (the model reads the start of the prompt as a paragraph start).
   * Default: none. It should be the tokenizer's own encoding of the prompt text, normalized.
   */
  prompt?: ArrayLike<number>;
  /** Tokens to generate. */
  length: number;
  /** PRNG seed (any safe integer): the same options and seed give the same ids. */
  seed: number;
  /** Default: 4-gram repeats penalised by 4 nats. false = no guard. */
  repetition?: RepetitionGuardOptions | false;
  /** Up to this many extra tokens to end the text at a sentence end. Default 0 (exactly `length`). */
  finishSentence?: number;
  /** Normalizers the detector will apply (round-trip check). Default: the key's, or ["unicode"]. */
  normalizers?: readonly NormalizerName[];
}

export interface WatermarkedGenerateOptions extends GenerateOptions {
  key: KeySpec;
  /** Logit bias δ added to favoured tokens (the reference's default is 2). */
  delta: number;
}

export interface GenerationResult {
  /** The generated ids (the prompt is not included). */
  ids: number[];
  /** decode(prompt + ids): the text as a page would show it. */
  text: string;
  /** Steps at which the drawn token was one the bias favoured (0 without a bias). */
  favouredSteps: number;
  /** Draws refused because the token would not survive the text round trip. */
  roundTripRefusals: number;
  /** Whether encode(normalize(text)) gives prompt + ids back exactly (checked on the whole text at the end). */
  roundTrips: boolean;
}

/** Text watermarked under `key` with bias δ, using the key's own seeding and green lists. */
export function generateWatermarked(options: WatermarkedGenerateOptions): GenerationResult {
  const { key, delta, tokenizer } = options;
  // A tokenizer file's identity is its hash, which the Tokenizer does not carry: the caller passes the
  // key's own (CompiledKey.tokenizer). Encodings can be checked by name.
  if (!isHuggingFaceTokenizer(key.tokenizer) && tokenizer.name !== key.tokenizer.encoding) {
    throw new RangeError(`generateWatermarked: key ${key.kid} uses ${key.tokenizer.encoding}, the tokenizer is ${tokenizer.name}`);
  }
  return generate({ ...options, normalizers: options.normalizers ?? key.detection.normalizers }, new WatermarkBias(biasKeyFor(key), delta));
}

/** The same sampler without any bias: the model's own text, for comparisons. */
export function generateUnwatermarked(options: GenerateOptions): GenerationResult {
  return generate(options, null);
}

/** The shared loop, with any bias (e.g. an eval's own key or δ). */
export function generate(options: GenerateOptions, bias: LogitBias | null): GenerationResult {
  const { model, tokenizer, length, seed } = options;
  checkSamplingOptions(options);
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`length must be a non-negative integer, got ${length}`);
  const extra = options.finishSentence ?? 0;
  if (!Number.isInteger(extra) || extra < 0) throw new RangeError(`finishSentence must be a non-negative integer, got ${extra}`);
  const sampling: SamplingOptions = { temperature: options.temperature ?? 1, topP: options.topP ?? 1 };
  const rng = new Prng(seed);
  const guard = options.repetition === false ? null : new RepetitionGuard(options.repetition ?? {});
  const check = new RoundTripCheck(tokenizer, options.normalizers ?? ['unicode']);
  const indexOf = (id: number) => model.indexOf(id);
  const candidates = model.vocab;

  const history: number[] = Array.from(options.prompt ?? []);
  // Otherwise every candidate would be refused for a fault that is the prompt's.
  if (history.length > 0 && !check.roundTrips(history)) {
    throw new RangeError('generate: the prompt ids are not what the tokenizer gives for their (normalized) text');
  }
  const ids: number[] = [];
  const logits = new Float64Array(candidates.length);
  const p = new Float64Array(candidates.length);
  let favouredSteps = 0;
  let refusals = 0;
  const accept = (i: number): boolean => {
    // The prompt is part of the text shown, so the round trip is checked across it too.
    if (check.accepts(history, candidates[i])) return true;
    refusals++;
    return false;
  };

  while (ids.length < length + extra) {
    if (ids.length >= length && endsSentence(tokenizer.decode(ids.slice(-2)))) break;
    model.logProbs(history, logits);
    guard?.apply(history, logits, indexOf);
    const favoured = bias === null ? [] : bias.apply(history, candidates, logits);
    let pick = drawIndex(samplingDistribution(logits, sampling, p), rng, accept);
    // The nucleus held nothing that round-trips: fall back to the whole distribution.
    if (pick < 0) pick = drawIndex(samplingDistribution(logits, { temperature: sampling.temperature }, p), rng, accept);
    if (pick < 0) throw new Error(`generate: no candidate keeps the text round-tripping after ${ids.length} tokens`);
    if (favoured.includes(pick)) favouredSteps++;
    history.push(candidates[pick]);
    ids.push(candidates[pick]);
  }
  return { ids, text: tokenizer.decode(history), favouredSteps, roundTripRefusals: refusals, roundTrips: check.roundTrips(history) };
}

function endsSentence(tail: string): boolean {
  return /[.!?]["'”’)]?$/u.test(tail);
}
