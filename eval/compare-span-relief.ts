// Issue 13, the span search (eval/calibration-notes.md §10): the shipped search (Bonferroni across
// window lengths relieved by SEARCH_RELIEF) against plain Bonferroni, on identical token-level mixed
// blocks (one watermarked passage in 600 tokens of e-mail) and pure human blocks.
//
//   npx tsx eval/compare-span-relief.ts [--blocks 200]
//
// Plain Bonferroni is the shipped plan at α / SEARCH_RELIEF: both give the same grid, and for K ≥ 4
// lengths (every block here) the same thresholds as before the relief.
import { parseArgs } from 'node:util';
import { SPAN_SEARCH_ALPHA_SHARE } from '../src/calibration/block-test';
import { scoreIds } from '../src/score/score-ids';
import { SEARCH_RELIEF } from '../src/stats/scan-plan';
import { findSpans } from '../src/stats/spans';
import { loadSpamAssassinHam } from './lib/corpora';
import { spanStudyKey } from './lib/span-study';
import { mixedIdBlocks, rangeIou } from './lib/spans';

const { values } = parseArgs({ options: { blocks: { type: 'string', default: '200' } } });
const count = Number(values.blocks);
const email = loadSpamAssassinHam({ maxChars: 1_000_000 });

for (const seeding of ['lefthash', 'selfhash'] as const) {
  const { key, gamma, scoring, calibration, rate, human } = await spanStudyKey(seeding, email);

  /** decideBlock's rule, with the span search's level divided by `divide` (SEARCH_RELIEF: plain Bonferroni). */
  const decide = (ids: readonly number[], alpha: number, divide: number, plant?: { start: number; end: number }) => {
    const score = scoreIds(scoring, ids);
    const units = calibration.apply(score, gamma);
    const spans = findSpans(units.green, rate, { alpha: (SPAN_SEARCH_ALPHA_SHARE * alpha) / divide, gamma });
    const flagged = units.pValue <= (1 - SPAN_SEARCH_ALPHA_SHARE) * alpha || spans.length > 0;
    if (!flagged || plant === undefined) return { flagged, iou: 0 };
    const base = score.firstScoredIndex;
    const ranges = spans.map((s) => [base + units.position[s.start], base + units.position[s.end - 1] + 1] as [number, number]);
    return { flagged, iou: ranges.length === 0 ? 0 : rangeIou(ranges, plant.start, plant.end) };
  };
  const summary = (outcomes: Array<{ flagged: boolean; iou: number }>) => {
    const ious = outcomes.map((o) => o.iou).sort((a, b) => a - b);
    return `${((100 * outcomes.filter((o) => o.flagged).length) / outcomes.length).toFixed(0)}% · ${ious[ious.length >> 1].toFixed(2)}`;
  };

  console.log(`\n## ${key.name}: detected · median IoU (undetected = 0), ${count} blocks per cell\n`);
  console.log('| passage | α | Bonferroni | relieved |');
  console.log('|---|---|---|---|');
  for (const [delta, share] of [[3, 0.1], [2, 0.25], [4, 0.1], [2, 0.5]] as const) {
    const blocks = await mixedIdBlocks(key.spec, human, { totalTokens: 600, share, count, delta, firstSeed: 5000 });
    for (const alpha of [1e-4, 1e-3]) {
      const before = summary(blocks.map((b) => decide(b.ids, alpha, SEARCH_RELIEF, b)));
      const after = summary(blocks.map((b) => decide(b.ids, alpha, 1, b)));
      console.log(`| δ ${delta}, ${share * 100}% | ${alpha} | ${before} | ${after} |`);
    }
  }
  const pure: number[][] = [];
  for (let s = 0; s + 600 <= human.length && pure.length < 400; s += 600) pure.push([...human.subarray(s, s + 600)]);
  for (const alpha of [1e-2, 1e-3]) {
    const [before, after] = [SEARCH_RELIEF, 1].map((d) => pure.filter((ids) => decide(ids, alpha, d).flagged).length);
    console.log(`| pure human, ${pure.length} blocks (flagged) | ${alpha} | ${before} | ${after} |`);
  }
}
