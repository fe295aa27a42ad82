// `npm run bench`: generator, green-list and scoring throughput, JS against native, printed as a table
// and written as JSON to bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, runRngBench } from './rng-bench';
import { REFERENCE_TOKENS_PER_SECOND, runScoringBench } from './scoring-bench';
import { runUnigramBench } from './unigram-bench';

const here = dirname(fileURLToPath(import.meta.url));

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(value < 10 ? 3 : 0);
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
};
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.log(`Reference detector (lm-watermarking, torch CPU): ~${REFERENCE_TOKENS_PER_SECOND} tokens/s on this machine kind (issue #2; torch is not installable here)\n`);

const rows: BenchRow[] = [...(await runRngBench()), ...(await runScoringBench()), ...(await runUnigramBench())];
const width = Math.max(...rows.map((r) => r.name.length));
for (const row of rows) {
  console.log(`${row.name.padEnd(width)}  ${formatValue(row.value).padStart(9)} ${row.unit.padEnd(11)} ${row.note ?? ''}`);
}

const out = join(here, 'results/latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ machine, referenceTokensPerSecond: REFERENCE_TOKENS_PER_SECOND, rows }, null, 2) + '\n');
console.log(`\nwrote ${out}`);
