// Writes the texts the extension's e2e tests and the demo page show:
//   e2e/fixtures/texts/watermarked.json  watermarked posts, in the shape e2e/texts.ts reads ({ items: [{ kid, keySetId, text }] })
//   e2e/fixtures/texts/posts.json        a whole thread: human, watermarked, mixed, too-short, appended-later posts
//   demo/posts.json                      the demo page's thread
// Run: npx tsx scripts/make-fixture-texts.ts   (deterministic: same code, sample and seeds give the same files)
//
// Watermarked text comes from the core's own embedding code (src/generate, as `wmlens generate`): the
// n-gram stand-in model trained on data/human-sample, the reference KGW bias δ = 2 under the bundled
// default keys, seeded sampling. Human text is real: paragraphs of data/human-sample (public-domain State
// of the Union excerpts). Every text is checked with detect() here at α = 1e-4, and nothing is written if
// a watermarked text is not flagged under its key (with a margin), anything is flagged under a key it was
// not made with, a human text is flagged, a short one is not "too short", or a mixed post's watermarked
// paragraph is not localized. Seeds are fixed in the plan below, not searched for.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHumanSample, standInModel } from '../src/cli/generate-command';
import { type CompiledKeySet, type KeyDetection, compileKeySet, detect } from '../src/detect';
import { generateWatermarked } from '../src/generate/generate';
import { STAND_IN_MODEL, STAND_IN_SAMPLING } from '../src/generate/training';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KEYSET_PATH = 'public/keysets/reference-defaults.json';
const ALPHA = 1e-4;
const DELTA = 2;
// Extra tokens allowed to end a watermarked post at a sentence end.
const FINISH_SENTENCE = 40;
const MIN_SPAN_IOU = 0.5;
// A watermarked or mixed post must clear α by this factor, so that small differences in how a page
// hands the text over cannot flip its verdict in the e2e tests.
const MARGIN = 10;

const METHOD =
  `Watermarked posts: wmlens's embedding code (src/generate) — an order-${STAND_IN_MODEL.order} interpolated Kneser–Ney ` +
  `n-gram model (discount scale ${STAND_IN_MODEL.discountScale}) trained on data/human-sample stands in for an LLM ` +
  `(no model weights can be downloaded here); at each step the lm-watermarking KGW bias delta = ${DELTA} is added under ` +
  `the key (lefthash: +delta to the green list seeded by the previous token; selfhash: the reference's rejection sampling ` +
  `over the 41 most likely candidates), then sampling at temperature ${STAND_IN_SAMPLING.temperature} with the stated ` +
  `PRNG seed, keeping only tokens whose text re-tokenizes to the same ids. "tokens" is the requested length; a text ` +
  `runs on up to ${FINISH_SENTENCE} more tokens to end a sentence. Human posts: paragraphs of data/human-sample ` +
  `(State of the Union addresses, US public domain). Every text was checked with detect() at alpha = ${ALPHA}; ` +
  `"measured" records the result. Regenerate with: npx tsx scripts/make-fixture-texts.ts`;

type Kind = 'human' | 'watermarked' | 'mixed' | 'too-short';
type Range = { start: number; end: number };

interface Measured {
  verdict: KeyDetection['verdict'];
  zScore: number;
  pValue: number;
  numTokensScored: number;
  spans?: Range[];
}

interface Entry {
  id: string;
  kind: Kind;
  /** To be added to the page after load (infinite scroll, "load more"). */
  appendLater: boolean;
  text: string;
  /** Mixed posts: the paragraphs; `text` is them joined with a blank line. */
  paragraphs?: string[];
  /** The key whose watermark the text carries, or null. */
  expectedKid: string | null;
  /** The post's verdict with the whole bundled key set enabled. */
  expectedVerdict: KeyDetection['verdict'];
  /** Char range [start, end) of `text` that is watermarked (the whole text for watermarked posts). */
  watermarkedRange?: Range;
  generation?: { keySetId: string; kid: string; seed: number; delta: number; tokens: number; generatedTokens: number; temperature: number };
  source?: string;
  measured: Record<string, Measured>;
}

const failures: string[] = [];
function fail(message: string): void {
  failures.push(message);
  console.error(`FAIL ${message}`);
}

function measure(text: string, keySet: CompiledKeySet): Record<string, Measured> {
  const out: Record<string, Measured> = {};
  for (const d of detect(text, [keySet], { alpha: ALPHA })) {
    out[d.kid] = {
      verdict: d.verdict,
      zScore: Number(d.zScore.toPrecision(4)),
      pValue: Number(d.pValue.toPrecision(3)),
      numTokensScored: d.numTokensScored,
      ...(d.spans.length > 0 ? { spans: d.spans.map((s) => ({ start: s.start, end: s.end })) } : {}),
    };
  }
  return out;
}

/** Intersection over union of a range and a set of spans (detect() merges overlapping spans, so lengths add). */
function iou(range: Range, spans: Range[]): number {
  let inter = 0;
  let union = range.end - range.start;
  for (const s of spans) {
    const overlap = Math.max(0, Math.min(range.end, s.end) - Math.max(range.start, s.start));
    inter += overlap;
    union += s.end - s.start - overlap;
  }
  return union === 0 ? 0 : inter / union;
}

/** Checks a text against what it is supposed to be; problems go to `report` (default: fail). */
function verify(
  label: string,
  text: string,
  keySet: CompiledKeySet,
  expectedKid: string | null,
  kind: Kind,
  range?: Range,
  report: (message: string) => void = fail,
): Record<string, Measured> {
  const measured = measure(text, keySet);
  for (const [kid, m] of Object.entries(measured)) {
    const want = kind === 'too-short' ? 'too-short' : kid === expectedKid ? 'watermarked' : 'not-detected';
    if (m.verdict !== want) report(`${label}: under ${kid} expected ${want}, got ${m.verdict} (z = ${m.zScore}, p = ${m.pValue})`);
  }
  if (kind === 'mixed' && expectedKid !== null && range !== undefined) {
    const spans = measured[expectedKid].spans ?? [];
    const score = iou(range, spans);
    if (score < MIN_SPAN_IOU) report(`${label}: watermarked paragraph [${range.start}, ${range.end}) found as ${JSON.stringify(spans)} (IoU ${score.toFixed(2)})`);
    else console.log(`  ${label}: span IoU ${score.toFixed(2)}`);
  }
  return measured;
}

function checkMargin(label: string, m: Measured): void {
  if (!(m.pValue <= ALPHA / MARGIN)) fail(`${label}: p = ${m.pValue} is not ${MARGIN}× below alpha`);
}

interface Context {
  keySet: CompiledKeySet;
  human: { text: string; source: string }[];
}

function watermarkedEntry(ctx: Context, id: string, kid: string, seed: number, tokens: number, appendLater = false): Entry {
  const key = ctx.keySet.keys.find((k) => k.spec.kid === kid)!;
  const r = generateWatermarked({
    key: key.spec,
    model: standInModel(key.tokenizer),
    tokenizer: key.tokenizer,
    length: tokens,
    delta: DELTA,
    seed,
    finishSentence: FINISH_SENTENCE,
    ...STAND_IN_SAMPLING,
  });
  if (!r.roundTrips) fail(`${id}: the text does not re-tokenize to the generated ids`);
  const measured = verify(id, r.text, ctx.keySet, kid, 'watermarked');
  checkMargin(id, measured[kid]);
  console.log(`  ${id}: ${kid} seed ${seed}, ${r.ids.length} tokens, z = ${measured[kid].zScore}, p = ${measured[kid].pValue}`);
  return {
    id,
    kind: 'watermarked',
    appendLater,
    text: r.text,
    expectedKid: kid,
    expectedVerdict: 'watermarked',
    watermarkedRange: { start: 0, end: r.text.length },
    generation: { keySetId: ctx.keySet.id, kid, seed, delta: DELTA, tokens, generatedTokens: r.ids.length, temperature: STAND_IN_SAMPLING.temperature },
    measured,
  };
}

function humanEntry(ctx: Context, id: string, index: number, appendLater = false): Entry {
  // A human post must be long enough for every key to tell (else it reads "too short", not "not
  // detected"): the first paragraph from `index` on that is, by a fixed rule rather than a search.
  while (index + 1 < ctx.human.length && Object.values(measure(ctx.human[index].text, ctx.keySet)).some((m) => m.verdict === 'too-short')) index++;
  const { text, source } = ctx.human[index];
  const measured = verify(id, text, ctx.keySet, null, 'human');
  return { id, kind: 'human', appendLater, text, expectedKid: null, expectedVerdict: 'not-detected', source, measured };
}

function mixedEntry(ctx: Context, id: string, before: number, wm: Entry, after: number): Entry {
  const paragraphs = [ctx.human[before].text, wm.text, ctx.human[after].text];
  const text = paragraphs.join('\n\n');
  const start = paragraphs[0].length + 2;
  const range = { start, end: start + wm.text.length };
  const measured = verify(id, text, ctx.keySet, wm.expectedKid, 'mixed', range);
  checkMargin(id, measured[wm.expectedKid!]);
  // Pages hand paragraph breaks over in different ways (the `unicode` normalizer deletes newlines);
  // the watermarked paragraph must be found with any of them.
  for (const [name, sep] of [['line break', '\n'], ['space', ' '], ['nothing', '']] as const) {
    const s = paragraphs[0].length + sep.length;
    verify(`${id} (joined with ${name})`, paragraphs.join(sep), ctx.keySet, wm.expectedKid, 'mixed', { start: s, end: s + wm.text.length });
  }
  return {
    id,
    kind: 'mixed',
    appendLater: false,
    text,
    paragraphs,
    expectedKid: wm.expectedKid,
    expectedVerdict: 'watermarked',
    watermarkedRange: range,
    generation: wm.generation,
    source: `${ctx.human[before].source}; generated; ${ctx.human[after].source}`,
    measured,
  };
}

function shortEntry(ctx: Context, id: string, text: string): Entry {
  const measured = verify(id, text, ctx.keySet, null, 'too-short');
  return { id, kind: 'too-short', appendLater: false, text, expectedKid: null, expectedVerdict: 'too-short', source: 'written for the fixtures', measured };
}

/** Human paragraphs of 80–220 tokens from the 20th- and 21st-century addresses, in file order. */
function humanParagraphs(keySet: CompiledKeySet): { text: string; source: string }[] {
  const tok = keySet.keys[0].tokenizer;
  const out: { text: string; source: string }[] = [];
  for (const { file, paragraphs } of readHumanSample()) {
    if (Number(/(\d{4})/.exec(file)?.[1]) < 1900) continue;
    paragraphs.forEach((p, i) => {
      const n = tok.encode(p).ids.length;
      if (n >= 80 && n <= 220) out.push({ text: p, source: `data/human-sample/${file} paragraph ${i + 1}` });
    });
  }
  return out;
}

/**
 * The e2e pages also use e2e/fixtures/texts/human.json (hand-written posts): those must not be flagged.
 * Its mixed post (e2e/pages.ts mixedPost(): texts[5], a watermarked text, texts[7] in one <p>, separated
 * by <br><br>) is tried with every watermarked item; how each does is recorded, and items[0], the one
 * the mixed page uses, must work.
 */
function checkHandWritten(ctx: Context, watermarked: Entry[]): Map<Entry, { verdict: string; spanIoU: number }> {
  const results = new Map<Entry, { verdict: string; spanIoU: number }>();
  let human: { texts: string[]; short: string[] };
  try {
    human = JSON.parse(readFileSync(join(ROOT, 'e2e/fixtures/texts/human.json'), 'utf8')) as typeof human;
  } catch {
    console.log('(no e2e/fixtures/texts/human.json to check)');
    return results;
  }
  human.texts.forEach((t, i) => verify(`human.json texts[${i}]`, t, ctx.keySet, null, 'human'));
  human.short.forEach((t, i) => verify(`human.json short[${i}]`, t, ctx.keySet, null, 'too-short'));
  if (human.texts.length <= 7) return results;
  for (const [i, wm] of watermarked.entries()) {
    const problems: string[] = [];
    let worst = { verdict: 'watermarked', spanIoU: 1 };
    for (const sep of ['\n\n', '']) {
      const text = human.texts[5] + sep + wm.text + sep + human.texts[7];
      const start = human.texts[5].length + sep.length;
      const range = { start, end: start + wm.text.length };
      const label = `human.json mixed post with watermarked.json items[${i}] (${JSON.stringify(sep)})`;
      const m = verify(label, text, ctx.keySet, wm.expectedKid, 'mixed', range, (message) => problems.push(message))[wm.expectedKid!];
      const spanIoU = Number(iou(range, m.spans ?? []).toFixed(2));
      if (m.verdict !== 'watermarked') worst = { verdict: m.verdict, spanIoU };
      else if (worst.verdict === 'watermarked' && spanIoU < worst.spanIoU) worst = { verdict: m.verdict, spanIoU };
    }
    results.set(wm, worst);
    for (const message of problems) {
      if (i === 0) fail(message);
      else console.log(`  note: ${message}`);
    }
  }
  return results;
}

function writeJson(relative: string, value: unknown): void {
  const path = join(ROOT, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  console.log(`wrote ${relative}`);
}

async function main(): Promise<void> {
  const keySet = await compileKeySet(readFileSync(join(ROOT, KEYSET_PATH)));
  const ctx: Context = { keySet, human: humanParagraphs(keySet) };
  // Spread over the eras of the sample.
  const pickHuman = (k: number) => Math.floor((k * ctx.human.length) / 13);

  console.log('e2e fixtures');
  // [kid, seed, tokens]. Keys alternate, so the first few items (which the e2e thread uses) cover both.
  // Selfhash texts are longer: its calibrated p-value counts a token that is its own min-hash anchor only
  // once, and the bias favours exactly such tokens, so it needs more tokens for the same evidence.
  const plan: [string, number, number][] = [
    ['lmw-lefthash', 104, 280],
    ['lmw-selfhash', 201, 240],
    ['lmw-lefthash', 102, 160],
    ['lmw-selfhash', 202, 280],
    ['lmw-lefthash', 103, 280],
    ['lmw-selfhash', 203, 300],
    ['lmw-lefthash', 101, 200],
    ['lmw-selfhash', 204, 260],
  ];
  const watermarked = plan.map(([kid, seed, tokens], i) => watermarkedEntry(ctx, `wm-${i + 1}-${kid}`, kid, seed, tokens));
  const thread: Entry[] = [
    humanEntry(ctx, 'human-1', pickHuman(0)),
    watermarked[0],
    humanEntry(ctx, 'human-2', pickHuman(1)),
    watermarked[1],
    shortEntry(ctx, 'short-1', 'Same here, thanks!'),
    humanEntry(ctx, 'human-3', pickHuman(2)),
    mixedEntry(ctx, 'mixed-1', pickHuman(3), watermarkedEntry(ctx, 'mixed-1-middle', 'lmw-lefthash', 301, 240), pickHuman(4)),
    watermarked[2],
    humanEntry(ctx, 'human-4', pickHuman(5)),
    mixedEntry(ctx, 'mixed-2', pickHuman(6), watermarkedEntry(ctx, 'mixed-2-middle', 'lmw-selfhash', 302, 360), pickHuman(7)),
    humanEntry(ctx, 'human-5-later', pickHuman(8), true),
    watermarkedEntry(ctx, 'wm-later-lmw-lefthash', 'lmw-lefthash', 401, 220, true),
    watermarkedEntry(ctx, 'wm-later-lmw-selfhash', 'lmw-selfhash', 402, 260, true),
    humanEntry(ctx, 'human-6-later', pickHuman(9), true),
  ];
  const inMixed = checkHandWritten(ctx, watermarked);

  console.log('demo');
  const authors = ['marigold', 'tom_r', 'quietbee', 'halfpint', 'ossian', 'westerly', 'pennyroyal', 'kitecat', 'dunlin', 'bramble'];
  const demo = [
    humanEntry(ctx, 'demo-human-1', pickHuman(10)),
    watermarkedEntry(ctx, 'demo-wm-1', 'lmw-lefthash', 501, 220),
    humanEntry(ctx, 'demo-human-2', pickHuman(11)),
    mixedEntry(ctx, 'demo-mixed', pickHuman(12), watermarkedEntry(ctx, 'demo-mixed-middle', 'lmw-lefthash', 506, 260), pickHuman(0) + 1),
    watermarkedEntry(ctx, 'demo-wm-2', 'lmw-selfhash', 502, 260),
    shortEntry(ctx, 'demo-short', 'Agreed. +1'),
    humanEntry(ctx, 'demo-human-3', pickHuman(1) + 1),
    watermarkedEntry(ctx, 'demo-wm-3', 'lmw-lefthash', 504, 180),
    humanEntry(ctx, 'demo-human-4-later', pickHuman(2) + 1, true),
    watermarkedEntry(ctx, 'demo-wm-4-later', 'lmw-selfhash', 505, 420, true),
  ].map((e, i) => ({ author: authors[i % authors.length], ...e }));

  if (failures.length > 0) {
    console.error(`\n${failures.length} check(s) failed; nothing written.`);
    process.exitCode = 1;
    return;
  }

  const header = { generatedBy: 'npx tsx scripts/make-fixture-texts.ts', keySet: KEYSET_PATH, keySetId: keySet.id, alpha: ALPHA, delta: DELTA, method: METHOD };
  writeJson('e2e/fixtures/texts/watermarked.json', {
    ...header,
    about:
      'Watermarked posts, keys alternating. mixedWithHandWritten: the weakest result of the item placed between human.json ' +
      'texts[5] and texts[7] in one block (as e2e/pages.ts mixedPost() does), at alpha, with the span IoU.',
    items: watermarked.map((e) => ({
      kid: e.expectedKid,
      keySetId: keySet.id,
      text: e.text,
      seed: e.generation!.seed,
      delta: DELTA,
      tokens: e.generation!.generatedTokens,
      measured: e.measured,
      ...(inMixed.has(e) ? { mixedWithHandWritten: inMixed.get(e) } : {}),
    })),
  });
  writeJson('e2e/fixtures/texts/posts.json', {
    ...header,
    about:
      'A fixture thread in page order. kind: human | watermarked | mixed | too-short; appendLater: add after load; ' +
      'expectedVerdict: with the whole bundled key set enabled; watermarkedRange: char range of text ' +
      '(mixed posts: text = paragraphs joined by a blank line).',
    posts: thread,
  });
  writeJson('demo/posts.json', {
    ...header,
    about:
      'The demo forum thread in order (fields as in e2e/fixtures/texts/posts.json, plus author). Human posts quote ' +
      'State of the Union paragraphs; watermarked ones were written by the n-gram stand-in under the bundled default keys.',
    posts: demo,
  });
}

await main();
