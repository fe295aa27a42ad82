// Text → one KeyDetection per key: normalize and tokenize once per (normalizers, tokenizer), score with
// the reference's rules, and decide on the calibrated layer: the key's fitted null over its counted
// units, for the whole block and for the span search together (calibration/block-test.ts), which also
// locates the watermarked spans among the same counted units.
import { decideBlock } from '../calibration/block-test';
import type { CalibratedUnits } from '../calibration/calibration';
import { DEFAULT_ALPHA, type DetectOptions, type KeyDetection, type KgwKeyDetection, type SpanResult } from '../detect-types';
import { tokenizerIdOf } from '../keyset/tokenizer-spec';
import { detectSynthId } from '../synthid/detect-synthid';
import { applyNormalizers, type NormalizedText } from '../normalize/index';
import { type ReferenceScore, scoreIds } from '../score/score-ids';
import { TooShortError } from '../score/too-short';
import type { Span } from '../stats/spans';
import { mapRangeToSource } from '../tokenize/offsets';
import type { TokenizedText, Tokenizer } from '../tokenize/types';
import type { NormalizerName, TokenizerSpec } from '../keyset/types';
import type { CompiledUnigramKey } from '../unigram/compiled-key';
import { decideUnigram, unigramResultCounts } from '../unigram/decide';
import type { CompiledKey, CompiledKeySet, CompiledSynthIdKey } from './compiled';

export interface PreparedText {
  normalized: NormalizedText;
  tokens: TokenizedText;
}

type PreparedKey = { spec: { detection: { normalizers: readonly NormalizerName[] }; tokenizer: TokenizerSpec }; tokenizer: Tokenizer };

// Which keys prepare a text alike, by key (a compiled key's spec does not change): built once per
// key instead of once per key and block.
const preparationIds = new WeakMap<PreparedKey, string>();

function preparationId(key: PreparedKey): string {
  let id = preparationIds.get(key);
  if (id === undefined) {
    id = `${key.spec.detection.normalizers.join(',')}|${tokenizerIdOf(key.spec.tokenizer)}`;
    preparationIds.set(key, id);
  }
  return id;
}

export function detectText(text: string, keySets: readonly CompiledKeySet[], options: DetectOptions = {}): KeyDetection[] {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const wantSpans = options.spans ?? true;
  const prepared = new Map<string, PreparedText>();
  const prepare = (key: PreparedKey): PreparedText => {
    const id = preparationId(key);
    let entry = prepared.get(id);
    if (entry === undefined) {
      const normalized = applyNormalizers(text, key.spec.detection.normalizers);
      entry = { normalized, tokens: key.tokenizer.encode(normalized.text) };
      prepared.set(id, entry);
    }
    return entry;
  };

  const results: KeyDetection[] = [];
  for (const keySet of keySets) {
    for (const key of keySet.keys) {
      const identity = { keySetId: keySet.id, keySetName: keySet.name, kid: key.spec.kid };
      results.push({ ...identity, ...detectWithKey(key, prepare(key), alpha, wantSpans) });
    }
    for (const key of keySet.unigramKeys ?? []) {
      const identity = { keySetId: keySet.id, keySetName: keySet.name, kid: key.spec.kid };
      results.push({ ...identity, ...detectWithUnigramKey(key, prepare(key), alpha, wantSpans) });
    }
    for (const key of keySet.synthidKeys) {
      const identity = { keySetId: keySet.id, keySetName: keySet.name, kid: key.spec.kid };
      results.push({ ...identity, ...detectSynthId(key, prepare(key), alpha, wantSpans) });
    }
  }
  return results;
}

type Scores = Omit<KgwKeyDetection, 'keySetId' | 'keySetName' | 'kid'>;

function detectWithKey(key: CompiledKey, text: PreparedText, alpha: number, wantSpans: boolean): Scores {
  let score: ReferenceScore;
  try {
    score = scoreIds(key.scoring, text.tokens.ids);
  } catch (error) {
    if (error instanceof TooShortError) return tooShort(key);
    throw error;
  }
  const gamma = key.spec.gamma;
  const units = key.calibration.apply(score, gamma);
  const { numUnits, numGreenUnits } = units;
  // The span search runs on every block: it is half of the test, not only a way to draw highlights.
  const decision = decideBlock(key.calibration.nullModel(gamma), units, alpha);
  const { pValue, verdict } = decision;
  const result: Scores = {
    numTokensScored: score.numTokensScored,
    numGreenTokens: score.numGreenTokens,
    greenFraction: score.greenFraction,
    zScore: score.zScore,
    pValueNormal: score.pValueNormal,
    pValue,
    numUnits,
    numGreenUnits,
    verdict,
    spans: verdict === 'watermarked' && wantSpans ? locateSpans(score, units, text, decision.spans, pValue) : [],
  };
  if (score.pValueHf !== undefined) result.pValueHf = score.pValueHf;
  return result;
}

function detectWithUnigramKey(key: CompiledUnigramKey, text: PreparedText, alpha: number, wantSpans: boolean): Scores {
  if (text.tokens.ids.length === 0) return { ...tooShort(null), uniqueZScore: 0 };
  const decided = decideUnigram({ ...key, fraction: key.spec.fraction }, text.tokens.ids, alpha);
  const { score, units, decision } = decided;
  const { pValue, verdict } = decision;
  return {
    ...unigramResultCounts(decided),
    verdict,
    // Every token is scored: unit positions are token indices.
    spans:
      verdict === 'watermarked' && wantSpans
        ? locateSpans({ firstScoredIndex: 0, zScore: score.zScore }, units, text, decision.spans, pValue)
        : [],
  };
}

function tooShort(key: CompiledKey | null): Scores {
  const result: Scores = {
    numTokensScored: 0,
    numGreenTokens: 0,
    greenFraction: 0,
    zScore: 0,
    pValueNormal: 1,
    pValue: 1,
    numUnits: 0,
    numGreenUnits: 0,
    verdict: 'too-short',
    spans: [],
  };
  if (key?.spec.implementation === 'hf-transformers') result.pValueHf = 1;
  return result;
}

/**
 * Char ranges (in the caller's text) of the spans the search found, over the counted units. When the
 * block was flagged on its whole-block evidence and no window stands out on its own, the whole scored
 * range is the span, with the block's p-value.
 */
function locateSpans(score: Pick<ReferenceScore, 'firstScoredIndex' | 'zScore'>, units: CalibratedUnits, text: PreparedText, spans: readonly Span[], pValue: number): SpanResult[] {
  const toChars = (firstUnit: number, lastUnit: number): { start: number; end: number } => {
    const firstToken = score.firstScoredIndex + units.position[firstUnit];
    const lastToken = score.firstScoredIndex + units.position[lastUnit];
    const [start, end] = mapRangeToSource(
      [text.tokens.starts[firstToken], text.tokens.ends[lastToken]],
      text.normalized.sourceIndex,
    );
    return { start, end };
  };
  if (spans.length === 0) {
    return [{ ...toChars(0, units.numUnits - 1), zScore: score.zScore, pValue }];
  }
  return spans.map((span) => ({ ...toChars(span.start, span.end - 1), zScore: span.zScore, pValue: span.pValue }));
}
