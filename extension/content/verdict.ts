// From per-key detections to what the page shows: a block's verdict, the ranges to highlight and the
// spans the popup lists. Pure.
import type { KeyDetection, Verdict } from '../../src/detect-types';

/**
 * Watermarked if any key says so; not detected if at least one key had enough tokens to decide; too
 * short when none did. Null when there was no key to test with (nothing was really scanned).
 */
export function blockVerdict(detections: readonly KeyDetection[]): Verdict | null {
  if (detections.length === 0) return null;
  if (detections.some((d) => d.verdict === 'watermarked')) return 'watermarked';
  if (detections.some((d) => d.verdict === 'not-detected')) return 'not-detected';
  return 'too-short';
}

/** Watermarked keys, strongest evidence first. */
export function matchingKeys(detections: readonly KeyDetection[]): KeyDetection[] {
  return detections.filter((d) => d.verdict === 'watermarked').sort(byStrength);
}

export function byStrength(a: { pValue: number; zScore: number }, b: { pValue: number; zScore: number }): number {
  return a.pValue - b.pValue || b.zScore - a.zScore;
}

export interface Range {
  start: number;
  end: number;
}

/** Sorted union of ranges (touching ranges join), ignoring empty ones. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter((r) => r.end > r.start).map((r) => ({ start: r.start, end: r.end }));
  sorted.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push(r);
  }
  return out;
}

export interface FlaggedRange extends Range {
  keySetName: string;
  kid: string;
  zScore: number;
  pValue: number;
}

/**
 * The watermarked stretches of one block: spans of every matching key, overlapping ones merged, each
 * labelled with its strongest span. A matching key that reports no span flags the whole text.
 */
export function flaggedRanges(detections: readonly KeyDetection[], textLength: number): FlaggedRange[] {
  const spans: FlaggedRange[] = [];
  for (const d of matchingKeys(detections)) {
    const label = { keySetName: d.keySetName, kid: d.kid };
    if (d.spans.length === 0) spans.push({ start: 0, end: textLength, ...label, zScore: d.zScore, pValue: d.pValue });
    for (const s of d.spans) spans.push({ start: s.start, end: s.end, ...label, zScore: s.zScore, pValue: s.pValue });
  }
  const clipped = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(textLength, s.end) }))
    .filter((s) => s.end > s.start);
  const out: FlaggedRange[] = [];
  for (const merged of mergeRanges(clipped)) {
    const members = clipped.filter((s) => s.start < merged.end && s.end > merged.start);
    const best = members.sort(byStrength)[0];
    out.push({ ...best, start: merged.start, end: merged.end });
  }
  return out;
}

/** A short quote of `text` [start, end) for lists: whitespace folded, cut at a word near `max`. */
export function excerpt(text: string, start: number, end: number, max = 120): string {
  const s = text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max - 1);
  return `${s.slice(0, cut > max * 0.6 ? cut : max - 1)}…`;
}
