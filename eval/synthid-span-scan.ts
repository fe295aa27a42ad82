// Issue 13 item 2 for SynthID, a candidate measured (not shipped): the span search dichotomises each unit
// (above the null mean or not) and runs the binomial scan. How much would a scan of the units' sums
// find instead? Token-level blocks of 600 tokens, e-mail around one passage of the stand-in's text
// (synthid-hf-docs, T = 0.8, seeds 5000…, placed as the report's span blocks), α = 1e-4:
//  - passage alone: its units' exact tail at α, its place known (the ceiling of any search);
//  - shipped: decideSynthId, the block test and the binary scan sharing α;
//  - sum scan: the block test at (1 − s)·α, and windows of L = 64·√2^k units starting every L/STEP units,
//    each window's exact tail (with the allowance) times the number of windows at s·α (Bonferroni).
//
//   npx tsx eval/synthid-span-scan.ts        (env COUNT=30 blocks per share, STEP=4)
import { loadSpamAssassinHam } from './lib/corpora';
import { compileSchemeKey, synthIdEvalKeys } from './lib/scheme-keys';
import { schemeTexts } from './lib/scheme-texts';
import { tokenizeCorpus } from './lib/windows';
import { SPAN_SEARCH_ALPHA_SHARE } from '../src/calibration/block-test';
import { computePositions } from '../src/synthid/g-values';
import { blockPValue, decideSynthId, unitTableSize } from '../src/synthid/statistics';
import { independentUnits, type SynthIdUnits } from '../src/synthid/units';

const ALPHA = 1e-4;
const TOTAL = 600;
const COUNT = Number(process.env.COUNT ?? 30);
const STEP = Number(process.env.STEP ?? 4);
const SHARE = SPAN_SEARCH_ALPHA_SHARE;

const evalKey = synthIdEvalKeys().find((k) => k.name === 'synthid-hf-docs')!;
const key = await compileSchemeKey(evalKey);
const { scorer, test, tokenizer } = key.keySet.synthidKeys[0];
const human = tokenizeCorpus({ ...loadSpamAssassinHam({ maxChars: 1_000_000 }) }, tokenizer, []).ids;

function slice(u: SynthIdUnits, from: number, to: number): SynthIdUnits {
  return { numUnits: to - from, position: u.position.subarray(from, to), value: u.value.subarray(from, to) };
}

function scanWindows(numUnits: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let length = 64; length <= numUnits; length = Math.round(length * Math.SQRT2)) {
    for (let s = 0; s + length <= numUnits; s += Math.max(1, Math.floor(length / STEP))) out.push([s, s + length]);
  }
  return out;
}

for (const share of [0.1, 0.25, 0.5]) {
  const wmTokens = Math.round(TOTAL * share);
  const humanTokens = TOTAL - wmTokens;
  const texts = schemeTexts(key, { label: 'T = 0.8', temperature: 0.8 }, { length: wmTokens, count: COUNT, firstSeed: 5000 });
  const room = human.length - humanTokens;
  let alone = 0;
  let shipped = 0;
  let scan = 0;
  let windowCount = 0;
  let scanMs = 0;
  for (const [i, t] of texts.entries()) {
    const from = Math.floor(((i * 0.6180339887) % 1) * room);
    const before = Math.floor(humanTokens * (0.2 + 0.6 * ((i * 0.381966) % 1)));
    const ids = [...human.subarray(from, from + before), ...t.ids, ...human.subarray(from + before, from + humanTokens)];
    const positions = computePositions(scorer, ids);
    const units = independentUnits(positions, test.weights, unitTableSize(scorer));
    let a = 0;
    while (a < units.numUnits && units.position[a] < before) a++;
    let b = a;
    while (b < units.numUnits && units.position[b] < before + t.ids.length) b++;
    if (blockPValue(test, slice(units, a, b)) <= ALPHA) alone++;
    if (decideSynthId(test, positions, ALPHA).verdict === 'watermarked') shipped++;
    const t0 = performance.now();
    const windows = scanWindows(units.numUnits);
    windowCount = windows.length;
    let best = Infinity;
    for (const [s, e] of windows) best = Math.min(best, blockPValue(test, slice(units, s, e)));
    if (Math.min(blockPValue(test, units) / (1 - SHARE), (best * windows.length) / SHARE) <= ALPHA) scan++;
    scanMs += performance.now() - t0;
  }
  const n = texts.length;
  console.log(
    `passage ${share * 100}% of ${TOTAL}: alone (place known) ${alone}/${n}; shipped ${shipped}/${n}; ` +
      `block + sum scan (${windowCount} windows, step L/${STEP}) ${scan}/${n}, ${(scanMs / n).toFixed(1)} ms a block (in process)`,
  );
}
