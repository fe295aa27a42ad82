// Training the stand-in model on plain text, with the settings the CLI, the fixtures and the tests share.
import type { Tokenizer } from '../tokenize/types';
import { NgramModel, type NgramTrainOptions } from './ngram-model';
import type { SamplingOptions } from './sampler';

/**
 * Order 4 with the discounts halved, sampled at temperature 0.8: on the bundled human sample this reads
 * as spliced sentences rather than word salad, and its entropy is in the range where an LLM's is
 * (δ = 2, γ = 0.25, 200 tokens: z ≈ 5–9), so it neither flatters nor starves the detector. With Ney's
 * full discounts the text is mostly back-off babble and z runs to 13–15.
 */
export const STAND_IN_MODEL: Required<NgramTrainOptions> = { order: 4, discountScale: 0.5 };
export const STAND_IN_SAMPLING: Required<SamplingOptions> = { temperature: 0.8, topP: 1 };

/** Paragraphs of a text: separated by blank lines, inner whitespace collapsed to single spaces. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** Tokenizes each paragraph as one training sequence and trains the model. */
export function trainOnParagraphs(paragraphs: Iterable<string>, tokenizer: Tokenizer, options: NgramTrainOptions = STAND_IN_MODEL): NgramModel {
  const sequences: Int32Array[] = [];
  for (const p of paragraphs) sequences.push(tokenizer.encode(p).ids);
  return NgramModel.train(sequences, options);
}
