// The shapes detect() hands to its callers (CLI, Worker, popup). Field names are part of the CLI contract.

export type Verdict = 'watermarked' | 'not-detected' | 'too-short';

export interface SpanResult {
  /** Char offsets into the text given to detect() (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  zScore: number;
  /** Corrected for the search over windows. */
  pValue: number;
}

/** The reference layer's numbers: bit-compatible with the reference implementation. */
export interface ReferenceCounts {
  numTokensScored: number;
  numGreenTokens: number;
  greenFraction: number;
  zScore: number;
  pValueNormal: number;
  /** hf-transformers keys only: the reference's own approximation. */
  pValueHf?: number;
}

/** A KGW key's result (no `scheme` field, for compatibility with results from before other schemes). */
export interface KgwKeyDetection extends ReferenceCounts {
  scheme?: 'kgw';
  keySetId: string;
  keySetName: string;
  kid: string;
  /** Calibrated layer: the verdict is taken from these. */
  pValue: number;
  numUnits: number;
  numGreenUnits: number;
  verdict: Verdict;
  spans: SpanResult[];
  /** Unigram keys only: the reference's `unidetect` z over distinct tokens (zScore is its `detect`). */
  uniqueZScore?: number;
}

/** A SynthID-Text key's result (design §5). */
export interface SynthIdKeyDetection {
  scheme: 'synthid';
  keySetId: string;
  keySetName: string;
  kid: string;
  /** Scored n-gram positions (the reference's mask: repeated contexts and positions after EOS left out). */
  numTokensScored: number;
  /** The reference's mean and weighted mean g-value; null when nothing is scored. */
  meanScore: number | null;
  weightedMeanScore: number | null;
  /** (mean − ½)/(½/√(n·depth)): the simple test third parties publish; 0 when nothing is scored. */
  zScore: number;
  /** Calibrated layer: distinct scored n-grams, and the p-value of the key's `score` statistic over them. */
  numUnits: number;
  pValue: number;
  verdict: Verdict;
  spans: SpanResult[];
}

/** One key's result; `scheme` tells the kinds apart (absent = KGW). */
export type KeyDetection = KgwKeyDetection | SynthIdKeyDetection;

export function isSynthIdDetection(d: KeyDetection): d is SynthIdKeyDetection {
  return d.scheme === 'synthid';
}

export interface DetectOptions {
  /** False-alarm level per block and key. */
  alpha?: number;
  /** Look for watermarked spans inside the text (default true). */
  spans?: boolean;
}

export const DEFAULT_ALPHA = 1e-4;
