// The page summary the popup shows, computed from the content script's block records. Pure.
import type { Verdict } from '../../src/detect-types';
import type { FlaggedSpan, PageState } from '../shared/messages';
import { byStrength, excerpt, type FlaggedRange } from './verdict';

export interface BlockView {
  id: string;
  text: string;
  verdict: Verdict | null;
  /** Number of keys the block was tested with. */
  tests: number;
  ranges: readonly FlaggedRange[];
  truncated: boolean;
}

/** The popup lists this many spans at most; the counts still cover every block. */
export const MAX_LISTED_SPANS = 200;

export function spanId(blockId: string, index: number): string {
  return `${blockId}/${index}`;
}

export function parseSpanId(id: string): { blockId: string; index: number } | null {
  const m = /^(.+)\/(\d+)$/.exec(id);
  return m ? { blockId: m[1], index: Number(m[2]) } : null;
}

export function summarize(
  blocks: Iterable<BlockView>,
  page: { url: string; scanning: boolean; autoScanEnabled: boolean; error?: string },
): PageState & { blocksTruncated: number } {
  let found = 0;
  let scored = 0;
  let flagged = 0;
  let tooShort = 0;
  let truncated = 0;
  let testsRun = 0;
  // Excerpts are cut only for the spans listed (a long page polled by the popup has thousands).
  const spans: { b: BlockView; r: FlaggedRange; i: number; pValue: number; zScore: number }[] = [];
  for (const b of blocks) {
    found++;
    if (b.truncated) truncated++;
    if (b.verdict === null) continue;
    scored++;
    testsRun += b.tests;
    if (b.verdict === 'too-short') tooShort++;
    if (b.verdict !== 'watermarked') continue;
    flagged++;
    b.ranges.forEach((r, i) => spans.push({ b, r, i, pValue: r.pValue, zScore: r.zScore }));
  }
  spans.sort(byStrength);
  const listed: FlaggedSpan[] = spans.slice(0, MAX_LISTED_SPANS).map(({ b, r, i }) => ({
    spanId: spanId(b.id, i),
    excerpt: excerpt(b.text, r.start, r.end),
    keySetName: r.keySetName,
    kid: r.kid,
    zScore: r.zScore,
    pValue: r.pValue,
  }));
  const state: PageState & { blocksTruncated: number } = {
    url: page.url,
    scanning: page.scanning,
    blocksFound: found,
    blocksScored: scored,
    blocksFlagged: flagged,
    blocksTooShort: tooShort,
    blocksTruncated: truncated,
    flaggedSpans: listed,
    testsRun,
    autoScanEnabled: page.autoScanEnabled,
  };
  if (page.error !== undefined) state.error = page.error;
  return state;
}
