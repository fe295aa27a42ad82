// Generation side, for tests, fixtures, demos and the evaluation: an n-gram stand-in for an LLM, the
// reference's KGW logit bias, and a seeded sampling loop whose text survives decode → detect().
export { NgramModel, type NgramTrainOptions } from './ngram-model';
export { RepetitionGuard, type RepetitionGuardOptions } from './repetition-guard';
export type { LogitBias } from './logit-bias';
export { WatermarkBias, biasKeyFor, topByLogit, type BiasKey, LMW_SELF_HASH_CANDIDATES, HF_SELF_HASH_CANDIDATES } from './watermark-bias';
export { Prng } from './prng';
export { type SamplingOptions, samplingDistribution, drawIndex } from './sampler';
export { RoundTripCheck } from './round-trip';
export {
  generate,
  generateWatermarked,
  generateUnwatermarked,
  type GenerateOptions,
  type WatermarkedGenerateOptions,
  type GenerationResult,
} from './generate';
export { STAND_IN_MODEL, STAND_IN_SAMPLING, paragraphsOf, trainOnParagraphs } from './training';
