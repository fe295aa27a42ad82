import { describe, expect, it } from 'vitest';
import { parseSpanId, spanId, summarize, type BlockView } from './page-state';

const range = (start: number, end: number, pValue: number, zScore = 5) => ({ start, end, pValue, zScore, keySetName: 'Ref', kid: 'k' });

describe('summarize', () => {
  it('counts blocks and lists flagged spans strongest first', () => {
    const blocks: BlockView[] = [
      { id: 'b1', text: 'a'.repeat(50) + ' strong span text ' + 'b'.repeat(50), verdict: 'watermarked', tests: 2, ranges: [range(51, 67, 1e-12, 9)], truncated: false },
      { id: 'b2', text: 'weaker span here', verdict: 'watermarked', tests: 2, ranges: [range(0, 16, 1e-5)], truncated: true },
      { id: 'b3', text: 'human', verdict: 'not-detected', tests: 2, ranges: [], truncated: false },
      { id: 'b4', text: 'short', verdict: 'too-short', tests: 2, ranges: [], truncated: false },
      { id: 'b5', text: 'pending', verdict: null, tests: 0, ranges: [], truncated: false },
    ];
    const s = summarize(blocks, { url: 'http://x/', scanning: true, autoScanEnabled: true });
    expect(s).toMatchObject({ blocksFound: 5, blocksScored: 4, blocksFlagged: 2, blocksTooShort: 1, blocksTruncated: 1, testsRun: 8, scanning: true });
    expect(s.flaggedSpans.map((f) => f.spanId)).toEqual(['b1/0', 'b2/0']);
    expect(s.flaggedSpans[0].excerpt).toBe('strong span text');
    expect(s).not.toHaveProperty('error');
  });
});

describe('spanId', () => {
  it('round-trips', () => {
    expect(parseSpanId(spanId('r12', 3))).toEqual({ blockId: 'r12', index: 3 });
    expect(parseSpanId('nope')).toBeNull();
  });
});
