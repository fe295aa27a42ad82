// Power, spans and false alarms for SynthID and Unigram keys, all through the p-value detect() reports:
// power on the stand-in's texts (detect() on the decoded text at each α) beside the reference's simple
// z-test on the same texts; spans as for KGW (one watermarked passage inside human text, IoU of the
// reported spans with it); false alarms per corpus × length on the corpora's token streams.
import { detect } from '../../src/detect';
import type { SynthIdKeyDetection } from '../../src/detect-types';
import { normalSf } from '../../src/stats/normal-tail';
import type { Tokenizer } from '../../src/tokenize/types';
import type { LoadedCorpus } from './pipeline';
import type { CompiledSchemeKey } from './scheme-keys';
import { synthIdKeyOf, unigramKeyOf } from './scheme-keys';
import { schemeTexts, type Strength } from './scheme-texts';
import { spanIou } from './spans';
import { type SchemeAlarmCell, synthIdFalseAlarms } from './synthid-windows';
import { unigramFalseAlarms } from './unigram-windows';
import type { TokenStream } from './windows';

export function isSynthId(key: CompiledSchemeKey): boolean {
  return key.keySet.synthidKeys.length > 0;
}

export function schemeFalseAlarms(
  key: CompiledSchemeKey,
  corpus: LoadedCorpus,
  stream: TokenStream,
  lengths: readonly number[],
  alphas: readonly number[],
  maxWindows: number,
): SchemeAlarmCell[] {
  if (isSynthId(key)) return synthIdFalseAlarms(key.key.name, stream, corpus.heldOut, synthIdKeyOf(key), lengths, alphas, maxWindows);
  const u = unigramKeyOf(key);
  return unigramFalseAlarms(stream, u.mask, u.spec.fraction, u.calibration, lengths, alphas, maxWindows).map((c) => ({
    key: key.key.name,
    corpus: corpus.name,
    heldOut: corpus.heldOut,
    length: c.length,
    windows: c.windows,
    calibrated: c.calibrated,
    // The reference's unidetect (distinct tokens, normal tail): the test its README recommends.
    reference: c.referenceUnique,
    meanUnits: NaN,
  }));
}

/** The reference's simple tests' p-values for one detection: SynthID's z; Unigram's detect z and unidetect z. */
function referencePValues(d: ReturnType<typeof detect>[number]): number[] {
  if ((d as SynthIdKeyDetection).scheme === 'synthid') return [normalSf(d.zScore)];
  const u = d as unknown as { zScore: number; uniqueZScore: number };
  return [normalSf(u.zScore), normalSf(u.uniqueZScore)];
}

export interface SchemePowerCell {
  key: string;
  strength: string;
  length: number;
  texts: number;
  /** Per alpha: share of texts whose detect() pValue (decided at that α) is ≤ α. */
  calibrated: number[];
  /** Per reference test, per alpha: share of the same texts it flags. */
  reference: number[][];
  /** Median units (SynthID: distinct scored n-grams) and median zScore. */
  medianZ: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
}

export function schemePower(
  key: CompiledSchemeKey,
  strength: Strength,
  options: { lengths: readonly number[]; count: number; firstSeed: number; alphas: readonly number[] },
): SchemePowerCell[] {
  return options.lengths.map((length) => {
    const texts = schemeTexts(key, strength, { length, count: options.count, firstSeed: options.firstSeed });
    const calibrated = options.alphas.map(() => 0);
    const reference: number[][] = [];
    const zs: number[] = [];
    for (const t of texts) {
      options.alphas.forEach((alpha, i) => {
        const [d] = detect(t.text, [key.keySet], { alpha, spans: false });
        if (d.pValue <= alpha) calibrated[i]++;
        if (i === 0) {
          zs.push(d.zScore);
          const refs = referencePValues(d);
          refs.forEach((p, r) => {
            reference[r] ??= options.alphas.map(() => 0);
            options.alphas.forEach((a, j) => (p <= a ? reference[r][j]++ : 0));
          });
        }
      });
    }
    const n = texts.length;
    return {
      key: key.key.name,
      strength: strength.label,
      length,
      texts: n,
      calibrated: calibrated.map((c) => c / n),
      reference: reference.map((r) => r.map((c) => c / n)),
      medianZ: median(zs),
    };
  });
}

export interface SchemeSpanRow {
  key: string;
  share: number;
  blocks: number;
  /** Share of blocks flagged at α. */
  detected: number;
  /** IoU per block, undetected = 0. */
  ious: number[];
}

/**
 * Blocks of `total` tokens: human tokens (consecutive, from `human`) before and after a watermarked
 * passage of share·total tokens, decoded and joined by spaces, through detect() at α.
 */
export function schemeSpans(
  key: CompiledSchemeKey,
  tokenizer: Tokenizer,
  human: Int32Array,
  strength: Strength,
  options: { total: number; shares: readonly number[]; count: number; firstSeed: number; alpha: number },
): SchemeSpanRow[] {
  return options.shares.map((share) => {
    const wmTokens = Math.round(options.total * share);
    const humanTokens = options.total - wmTokens;
    const texts = schemeTexts(key, strength, { length: wmTokens, count: options.count, firstSeed: options.firstSeed });
    const span = Math.max(1, human.length - humanTokens);
    let detected = 0;
    const ious = texts.map((t, i) => {
      const from = Math.floor(((i * 0.6180339887) % 1) * span);
      const before = Math.floor(humanTokens * (0.2 + 0.6 * ((i * 0.381966) % 1)));
      const pre = tokenizer.decode(human.subarray(from, from + before)).trim();
      const post = tokenizer.decode(human.subarray(from + before, from + humanTokens)).trim();
      const wm = t.text.trim();
      const start = pre.length + 1;
      const [d] = detect(`${pre} ${wm} ${post}`, [key.keySet], { alpha: options.alpha });
      if (d.verdict !== 'watermarked') return 0;
      detected++;
      return spanIou(d.spans, start, start + wm.length);
    });
    return { key: key.key.name, share, blocks: texts.length, detected: detected / Math.max(1, texts.length), ious };
  });
}

/** Pure human blocks of `total` tokens flagged at each α (false flags of the whole block test + span search). */
export function humanBlockFlags(key: CompiledSchemeKey, tokenizer: Tokenizer, human: Int32Array, options: { total: number; count: number; alphas: readonly number[] }): number[] {
  const flags = options.alphas.map(() => 0);
  const stride = Math.max(options.total, Math.floor(human.length / Math.max(1, options.count)));
  for (let i = 0; i < options.count; i++) {
    const from = (i * stride) % Math.max(1, human.length - options.total);
    const text = tokenizer.decode(human.subarray(from, from + options.total));
    options.alphas.forEach((alpha, j) => {
      if (detect(text, [key.keySet], { alpha, spans: false })[0].verdict === 'watermarked') flags[j]++;
    });
  }
  return flags;
}
