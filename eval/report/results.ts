// The measurements of one evaluation run as the report reads them: rows produced by eval/run-eval.ts,
// consumed by the plots (eval/report/figures.ts) and the markdown text (eval/report/markdown.ts).

export interface SpanRow {
  key: string;
  delta: number;
  share: number;
  blocks: number;
  detected: number;
  ious: number[];
  /** The same blocks decided at the looser levels: share detected and median IoU (undetected = 0). */
  looser: Array<{ alpha: number; detected: number; medianIou: number }>;
  /**
   * Ceiling: share of blocks whose passage, scored alone (its place known, nothing searched), reaches
   * α with the plain binomial over its units at γ — no allowance, no search correction. No test that
   * keeps its false alarms at α can detect more of these blocks.
   */
  oracle: number;
}

export interface FalseSpanRow {
  key: string;
  blocks: number;
  flagged: Record<string, number>;
  withSpans: number;
}

export interface ThresholdRow {
  key: string;
  alpha: number;
  nullRateAt200: number;
  forAlpha: number;
  toTell: number;
  unitsPerTokenHuman: number;
  unitsPerTokenWatermarked: number;
}

export interface DetectSpeed {
  compileMs: number;
  keys: number;
  texts: number;
  tokens: number;
  coldMs: number;
  warmMs: number;
}

/** bench/results/latest.json as the report reads it. */
export interface BenchResults {
  machine: Record<string, unknown>;
  referenceTokensPerSecond: number;
  rows: Array<{ name: string; value: number; unit: string; note?: string }>;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}
