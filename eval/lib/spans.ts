// Span localization: one watermarked passage (a share of the block's tokens) inside human text, run
// through detect() exactly as a page block would be; and pure human blocks, for false spans.
import type { CompiledKeySet } from '../../src/detect';
import { detect } from '../../src/detect';
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import type { Tokenizer } from '../../src/tokenize/types';
import { watermarkedTexts } from './watermarked';

export interface MixedBlock {
  text: string;
  /** Char range of the watermarked passage. */
  start: number;
  end: number;
}

/** Intersection over union of [start, end) with the union of the reported spans (which never overlap). */
export function spanIou(spans: ReadonlyArray<{ start: number; end: number }>, start: number, end: number): number {
  let inter = 0;
  let covered = 0;
  for (const s of spans) {
    covered += s.end - s.start;
    inter += Math.max(0, Math.min(s.end, end) - Math.max(s.start, start));
  }
  const union = covered + (end - start) - inter;
  return union === 0 ? 0 : inter / union;
}

interface MixedOptions {
  totalTokens: number;
  share: number;
  count: number;
  delta: number;
  firstSeed?: number;
}

/** The watermarked passages of a set of mixed blocks, and how many human tokens surround each. */
async function passages(spec: KeySpec, options: MixedOptions) {
  const wmTokens = Math.round(options.totalTokens * options.share);
  const texts = wmTokens > 0 ? await watermarkedTexts(spec, { delta: options.delta, length: wmTokens, count: options.count, firstSeed: options.firstSeed ?? 5000 }) : [];
  return { humanTokens: options.totalTokens - wmTokens, texts };
}

/**
 * Blocks of about `totalTokens` tokens: human tokens (from `human`, consecutive slices) before and
 * after a watermarked passage of share·totalTokens tokens, decoded to text and joined by spaces.
 */
export async function mixedBlocks(
  spec: KeySpec,
  tokenizer: Tokenizer,
  human: Int32Array,
  options: MixedOptions,
): Promise<MixedBlock[]> {
  const { humanTokens, texts } = await passages(spec, options);
  const blocks: MixedBlock[] = [];
  const stride = Math.max(humanTokens, Math.floor((human.length - humanTokens) / Math.max(1, options.count)));
  for (let i = 0; i < options.count; i++) {
    const from = (i * stride) % Math.max(1, human.length - humanTokens);
    const before = Math.floor(humanTokens * (0.2 + 0.6 * ((i * 0.618) % 1)));
    const pre = tokenizer.decode(human.subarray(from, from + before)).trim();
    const post = tokenizer.decode(human.subarray(from + before, from + humanTokens)).trim();
    const wm = texts[i]?.text.trim() ?? '';
    const start = pre.length + 1;
    const text = wm === '' ? `${pre} ${post}` : `${pre} ${wm} ${post}`;
    blocks.push({ text, start, end: start + wm.length });
  }
  return blocks;
}

export interface SpanStats {
  blocks: number;
  /** Share of blocks flagged under the key. */
  detected: number;
  /** IoU of the reported spans with the watermarked passage, per detected block. */
  ious: number[];
  medianIou: number;
}

export function measureSpans(blocks: readonly MixedBlock[], keySet: CompiledKeySet, alpha: number): SpanStats {
  const ious: number[] = [];
  let detected = 0;
  for (const b of blocks) {
    const [d] = detect(b.text, [keySet], { alpha });
    if (d.verdict !== 'watermarked') continue;
    detected++;
    ious.push(spanIou(d.spans, b.start, b.end));
  }
  const sorted = [...ious].sort((a, b) => a - b);
  return {
    blocks: blocks.length,
    detected: detected / Math.max(1, blocks.length),
    ious,
    // Undetected blocks count as IoU 0 for the median over all blocks.
    medianIou: [...sorted, ...new Array(blocks.length - ious.length).fill(0)].sort((a, b) => a - b)[Math.floor(blocks.length / 2)] ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------------
// The same at the token level, without decoding: human ids, watermarked ids, human ids, concatenated.
// Lets the evaluation try other span-search settings (share of α) on identical blocks, quickly.

export interface IdBlock {
  ids: number[];
  /** Token range [start, end) of the watermarked passage. */
  start: number;
  end: number;
}

export async function mixedIdBlocks(
  spec: KeySpec,
  human: Int32Array,
  options: MixedOptions,
): Promise<IdBlock[]> {
  const { humanTokens, texts } = await passages(spec, options);
  const span = Math.max(1, human.length - humanTokens);
  return Array.from({ length: options.count }, (_, i) => {
    const from = Math.floor(((i * 0.6180339887) % 1) * span);
    const before = Math.floor(humanTokens * (0.2 + 0.6 * ((i * 0.381966) % 1)));
    const wm = texts[i]?.ids ?? [];
    const ids = [...human.subarray(from, from + before), ...wm, ...human.subarray(from + before, from + humanTokens)];
    return { ids, start: before, end: before + wm.length };
  });
}

/** IoU of token ranges [s, e) with the union of `ranges` (non-overlapping). */
export function rangeIou(ranges: ReadonlyArray<readonly [number, number]>, start: number, end: number): number {
  return spanIou(ranges.map(([s, e]) => ({ start: s, end: e })), start, end);
}
