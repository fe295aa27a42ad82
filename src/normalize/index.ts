import { UnknownNormalizerError, UnsupportedNormalizerError } from './errors';
import { composeNormalized, identityNormalized } from './normalized-text';
import type { NormalizedText } from './normalized-text';
import { normalizeUnicode } from './unicode';

export { NormalizerError, UnknownNormalizerError, UnsupportedNormalizerError } from './errors';
export { composeNormalized, identityNormalized } from './normalized-text';
export type { NormalizedText } from './normalized-text';
export { normalizeUnicode } from './unicode';

export const SUPPORTED_NORMALIZERS = ['unicode'] as const;
export type SupportedNormalizer = (typeof SUPPORTED_NORMALIZERS)[number];

const NORMALIZERS: Record<SupportedNormalizer, (text: string) => NormalizedText> = {
  unicode: normalizeUnicode,
};

const WHY_UNSUPPORTED: Record<string, string> = {
  homoglyphs:
    'the reference HomoglyphCanonizer replaces each foreign-script character with the first element of a ' +
    'Python set, whose order depends on the per-process string hash seed (PYTHONHASHSEED), so even the ' +
    'reference gives different text from run to run and the generator’s text cannot be reproduced',
  truecase:
    'the reference TrueCaser re-capitalizes words from the part-of-speech tags of a spaCy (en_core_web_sm) ' +
    'or NLTK statistical tagger, which cannot run here, so its output cannot be reproduced',
};

function normalizerFor(name: string): (text: string) => NormalizedText {
  if (Object.hasOwn(NORMALIZERS, name)) return NORMALIZERS[name as SupportedNormalizer];
  if (Object.hasOwn(WHY_UNSUPPORTED, name)) {
    throw new UnsupportedNormalizerError(
      name,
      `Normalizer "${name}" is not supported: ${WHY_UNSUPPORTED[name]}. Supported: ${SUPPORTED_NORMALIZERS.join(', ')}.`,
    );
  }
  throw new UnknownNormalizerError(
    name,
    `Unknown normalizer ${JSON.stringify(name)}: lm-watermarking defines unicode, homoglyphs and truecase, ` +
      `and only ${SUPPORTED_NORMALIZERS.join(', ')} is supported.`,
  );
}

/** Throws the error `applyNormalizers` would throw for this list, without normalizing anything. */
export function validateNormalizers(names: readonly string[]): void {
  for (const name of names) normalizerFor(name);
}

/**
 * Runs the named normalizers in list order, as the reference detector does before tokenizing, and
 * keeps a map from the result back to `text` (an empty list is the identity). All names are checked
 * before any work is done.
 */
export function applyNormalizers(text: string, names: readonly string[]): NormalizedText {
  const steps = names.map(normalizerFor);
  if (steps.length === 0) return identityNormalized(text);
  let result = steps[0](text);
  for (const step of steps.slice(1)) result = composeNormalized(result, step(result.text));
  return result;
}
