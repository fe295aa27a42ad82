// False-alarm rates of the reference counts (normal and binomial), the binomial over independent units
// and the calibrated pValue, per key × corpus × length bin, on human text; optionally power and spans.
//
//   npx tsx eval/false-alarms.ts [--keys lefthash/15485863,selfhash/7919] [--chars 1000000]
//        [--max-windows 20000] [--power 200] [--spans 60] [--json out.json]
//
// Corpora: the devDependency corpora (SOTU without the calibration sample's addresses, SpamAssassin ham,
// Brown, JavaScript from node_modules) and held-out local ones when present (Python standard library
// source, Vim docs, and any given in WMLENS_HELDOUT as "name=genre=dir[=ext]" separated by ";").
// Colours and generated texts are cached in eval/.cache/ (git-ignored); a cold run of all six keys takes
// ~15 minutes on 2 cores, a warm one ~2.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileKeySet, detect } from '../src/detect';
import { type FalseAlarmCell, P_VALUE_KINDS, P_VALUE_LABELS, excessCells, measureFalseAlarms } from './lib/false-alarms';
import { type EvalKey, evalKeys } from './lib/keys';
import { loadEvalCorpora, saveColourTables, streamFor } from './lib/pipeline';
import { type PowerCell, measurePower } from './lib/power';
import { ALPHAS } from './lib/rates';
import { type SpanStats, measureSpans, mixedBlocks } from './lib/spans';
import { LENGTH_BINS } from './lib/windows';
import { evalTokenizer } from './lib/tokenizers';

const { values } = parseArgs({
  options: {
    keys: { type: 'string' },
    chars: { type: 'string', default: '1000000' },
    'max-windows': { type: 'string', default: '20000' },
    power: { type: 'string', default: '0' },
    spans: { type: 'string', default: '0' },
    json: { type: 'string' },
  },
});

const keys: EvalKey[] = evalKeys().filter((k) => values.keys === undefined || values.keys.split(',').includes(k.name));
const corpora = loadEvalCorpora({ maxChars: Number(values.chars) });
const maxWindows = Number(values['max-windows']);

function pct(rate: number): string {
  return `${(100 * rate).toFixed(rate < 0.001 && rate > 0 ? 3 : 2)}%`;
}

function falseAlarmTable(cells: FalseAlarmCell[], key: string): string {
  const head = `| corpus | tokens | windows | units | ${P_VALUE_KINDS.map((k) => `${P_VALUE_LABELS[k]} 1e-2 · 1e-3`).join(' | ')} |`;
  const rule = `|---|---|---|---|${P_VALUE_KINDS.map(() => '---').join('|')}|`;
  const rows = cells
    .filter((c) => c.key === key)
    .map((c) => {
      const kinds = P_VALUE_KINDS.map((k) => {
        const [r2, r3] = c.rates[k];
        const mark = (r: typeof r2) => (r.excessP < 0.01 ? '**' : '');
        return `${mark(r2)}${r2.alarms} (${pct(r2.rate)})${mark(r2)} · ${mark(r3)}${r3.alarms} (${pct(r3.rate)})${mark(r3)}`;
      });
      return `| ${c.corpus}${c.heldOut ? '*' : ''} | ${c.length} | ${c.windows} | ${c.meanUnits.toFixed(0)} | ${kinds.join(' | ')} |`;
    });
  return [head, rule, ...rows].join('\n');
}

function summary(cells: FalseAlarmCell[]): string {
  const lines = ['| p-value | cells with rate > α (1e-2 / 1e-3 / 1e-4) | of which beyond sampling error (P < 0.01) |', '|---|---|---|'];
  for (const kind of P_VALUE_KINDS) {
    const over = ALPHAS.map((a, i) => cells.filter((c) => c.rates[kind][i].rate > a).length);
    const beyond = ALPHAS.map((a) => excessCells(cells, kind, [a]).length);
    lines.push(`| ${P_VALUE_LABELS[kind]} | ${over.join(' / ')} of ${cells.length} | ${beyond.join(' / ')} |`);
  }
  return lines.join('\n');
}

function powerTable(cells: PowerCell[]): string {
  const head = `| key | δ | tokens | texts | units | green share | ${P_VALUE_KINDS.map((k) => `${P_VALUE_LABELS[k]} @1e-4 (median p)`).join(' | ')} |`;
  const rule = `|---|---|---|---|---|---|${P_VALUE_KINDS.map(() => '---').join('|')}|`;
  const i4 = ALPHAS.indexOf(1e-4);
  const rows = cells.map(
    (c) =>
      `| ${c.key} | ${c.delta} | ${c.length} | ${c.texts} | ${c.meanUnits.toFixed(0)} | ${c.greenShare.toFixed(2)} | ${P_VALUE_KINDS.map((k) => `${(100 * c.power[k][i4]).toFixed(0)}% (${c.medianP[k].toExponential(1)})`).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n');
}

console.log(`# False alarms on human text\n`);
console.log(`Corpora (* = held out: never used to choose anything): ${corpora.map((c) => `${c.name}${c.heldOut ? '*' : ''} (${c.genre}; ${c.documents.length} docs)`).join(', ')}.`);
console.log(`Counts are windows with p ≤ α; **bold** = above α beyond sampling error (P < 0.01 under rate α).\n`);

const cells = await measureFalseAlarms(keys, corpora, { lengths: LENGTH_BINS, maxWindows: () => maxWindows });
saveColourTables();
console.log(`## Summary over ${keys.length} keys × ${corpora.length} corpora × ${LENGTH_BINS.length} lengths\n\n${summary(cells)}\n`);
for (const key of keys) console.log(`## ${key.name}\n\n${falseAlarmTable(cells, key.name)}\n`);

const powerCount = Number(values.power);
const power: PowerCell[] = [];
if (powerCount > 0) {
  for (const key of keys) power.push(...(await measurePower(key, { lengths: [50, 100, 200, 400], deltas: [2], count: powerCount })));
  console.log(`## Power (stand-in n-gram model, δ = 2, γ = 0.25)\n\n${powerTable(power)}\n`);
}

const spanCount = Number(values.spans);
const spans: Array<{ key: string; delta: number; share: number } & SpanStats> = [];
if (spanCount > 0) {
  const human = corpora.find((c) => c.name === 'email') ?? corpora[0];
  const lines = ['| key | δ | watermarked share of 600 tokens | blocks | detected | median IoU (undetected = 0) |', '|---|---|---|---|---|---|'];
  for (const key of keys) {
    const keySet = await compileKeySet(key.document);
    const tokenizer = await evalTokenizer(key.spec);
    const stream = await streamFor(human, key.spec);
    for (const delta of [2, 4]) {
      for (const share of [0.1, 0.25, 0.5]) {
        const blocks = await mixedBlocks(key.spec, tokenizer, stream.ids, { totalTokens: 600, share, count: spanCount, delta });
        const s = measureSpans(blocks, keySet, 1e-4);
        spans.push({ key: key.name, delta, share, ...s });
        lines.push(`| ${key.name} | ${delta} | ${share} | ${s.blocks} | ${(100 * s.detected).toFixed(0)}% | ${s.medianIou.toFixed(2)} |`);
      }
    }
    // Pure human blocks of 600 tokens: any flag (and its spans) is a false one.
    const humanBlocks = await mixedBlocks(key.spec, tokenizer, stream.ids, { totalTokens: 600, share: 0, count: spanCount, delta: 2 });
    const falseFlags = humanBlocks.filter((b) => detect(b.text, [keySet], { alpha: 1e-2 })[0].verdict === 'watermarked').length;
    lines.push(`| ${key.name} | – | 0 (human only), flagged at α = 1e-2 | ${humanBlocks.length} | ${falseFlags} | – |`);
  }
  console.log(`## Spans (one watermarked passage inside e-mail text, 600 tokens, detect() at α = 1e-4)\n\n${lines.join('\n')}\n`);
}

if (values.json !== undefined) {
  writeFileSync(values.json, `${JSON.stringify({ corpora: corpora.map(({ documents, ...c }) => ({ ...c, documents: documents.length })), cells, power, spans }, null, 1)}\n`);
}
