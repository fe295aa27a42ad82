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

export interface KeyDetection extends ReferenceCounts {
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

export interface DetectOptions {
  /** False-alarm level per block and key. */
  alpha?: number;
  /** Look for watermarked spans inside the text (default true). */
  spans?: boolean;
}

export const DEFAULT_ALPHA = 1e-4;
