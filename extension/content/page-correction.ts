// The page-level correction (design §4, "many tests on one page"): each paragraph × key is a test at
// α, so a page of 500 posts under two key sets runs 1,000 of them. With the correction on, a key's
// match stands only if it survives Holm's step-down over every test on the page, which keeps the chance
// of any false flag on the whole page at α. Pure; result-display.ts applies it to the page.
import type { KeyDetection, Verdict } from '../../src/detect-types';
import { holm } from '../../src/stats/verdict';
import { blockVerdict, flaggedRanges, type FlaggedRange } from './verdict';

/**
 * The detections (by identity) that survive Holm at family-wise level `alpha` over `tests`: one list
 * of detections per distinct text on the page (the same text twice is one test per key).
 */
export function holmSurvivors(tests: ReadonlyArray<readonly KeyDetection[]>, alpha: number): Set<KeyDetection> {
  const all = tests.flat();
  const reject = holm(
    all.map((d) => d.pValue),
    alpha,
  );
  const out = new Set<KeyDetection>();
  all.forEach((d, i) => {
    if (reject[i] && d.verdict === 'watermarked') out.add(d);
  });
  return out;
}

/** A block's detections as the corrected page shows them: a match that did not survive is not one. */
export function correctedDetections(detections: readonly KeyDetection[], survivors: ReadonlySet<KeyDetection>): KeyDetection[] {
  return detections.map((d) => (d.verdict === 'watermarked' && !survivors.has(d) ? { ...d, verdict: 'not-detected', spans: [] } : d));
}

/**
 * One list of detections per distinct text, from the page's answered blocks: the same text shown twice
 * is one test per key (the last block's answer stands; equal texts get equal answers).
 */
export function testsPerText(blocks: Iterable<{ hash: string; detections: readonly KeyDetection[] }>): (readonly KeyDetection[])[] {
  const byHash = new Map<string, readonly KeyDetection[]>();
  for (const b of blocks) byHash.set(b.hash, b.detections);
  return [...byHash.values()];
}

/** What a block shows: its verdict and highlighted ranges, matches limited to `survivors` unless null. */
export function shownResult(
  detections: readonly KeyDetection[],
  survivors: ReadonlySet<KeyDetection> | null,
  textLength: number,
): { verdict: Verdict | null; ranges: FlaggedRange[] } {
  const shown: readonly KeyDetection[] = survivors === null ? detections : correctedDetections(detections, survivors);
  const verdict = blockVerdict(shown);
  return { verdict, ranges: verdict === 'watermarked' ? flaggedRanges(shown, textLength) : [] };
}

/** Equal highlight ranges (same place, key and evidence): a block showing these need not be redrawn. */
export function sameRanges(a: readonly FlaggedRange[], b: readonly FlaggedRange[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.start !== y.start || x.end !== y.end || x.kid !== y.kid || x.keySetName !== y.keySetName || x.pValue !== y.pValue) return false;
  }
  return true;
}
