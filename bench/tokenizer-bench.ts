// Hugging Face tokenizer.json: load time, heap, and encode throughput per family, for this engine and
// for @huggingface/tokenizers (the official pure-JS library, which gives no character offsets), on the
// committed vector corpus (2,411 strings). Run with `npm run bench:tokenizers` (needs --expose-gc for
// the heap figures, which the npm script passes).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer as HfJsTokenizer } from '@huggingface/tokenizers';
import { loadHfTokenizer } from '../src/tokenize/hf/index';
import { TEST_TOKENIZERS, testTokenizerPath, type TestTokenizerName } from '../src/tokenize/hf/test-files';
import { readCorpus } from '../src/tokenize/hf/vectors/format';
import { loadTokenizer } from '../src/tokenize/tokenizer';

const gc = (globalThis as { gc?: () => void }).gc;
// Each family is measured in a child process of its own (`--family NAME`), so that heap figures do
// not see another tokenizer being built or freed.

/** JS heap plus ArrayBuffers (the typed-array tables live outside the heap). */
function heapMiB(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

/** CPU milliseconds of this process (user + system): on a shared, loaded machine wall time mostly measures the others. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function time<T>(f: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = cpuMs();
  const value = f();
  return [value, performance.now() - t0, cpuMs() - c0];
}

/**
 * Tokens per CPU second over the whole corpus: the best of `rounds` passes (the first is cold: empty
 * caches, JIT warming up; it is reported too).
 */
function throughput(encode: (text: string) => number, texts: readonly string[], rounds = 3): { tokens: number; perSecond: number; firstPassMs: number; firstPerSecond: number } {
  let best = Infinity;
  let tokens = 0;
  let firstPassMs = 0;
  for (let r = 0; r < rounds; r++) {
    tokens = 0;
    const c0 = cpuMs();
    for (const text of texts) tokens += encode(text);
    const ms = cpuMs() - c0;
    if (r === 0) firstPassMs = ms;
    best = Math.min(best, ms);
  }
  return { tokens, perSecond: (tokens / best) * 1000, firstPassMs, firstPerSecond: (tokens / firstPassMs) * 1000 };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface FamilyResult {
  family: string;
  sizeMB: number;
  load: { cpuMs: number; wallMs: number; heapMiB: number };
  ours: ReturnType<typeof throughput>;
  hfLoad: { cpuMs: number; wallMs: number; heapMiB: number };
  theirs: ReturnType<typeof throughput>;
}

/** One family in this process (a fresh one per family, so no heap of another is counted or freed). */
function measure(family: TestTokenizerName, texts: readonly string[]): FamilyResult {
  const json = readFileSync(testTokenizerPath(family), 'utf8');
  const before = heapMiB();
  const [tokenizer, loadMs, loadCpu] = time(() => loadHfTokenizer(json, { name: family }));
  const heap = heapMiB() - before;
  const ours = throughput((t) => tokenizer.encode(t).ids.length, texts);
  const hfBefore = heapMiB();
  const [hf, hfLoadMs, hfLoadCpu] = time(() => new HfJsTokenizer(JSON.parse(json), {}));
  const hfHeap = heapMiB() - hfBefore;
  const theirs = throughput((t) => hf.encode(t, { add_special_tokens: false }).ids.length, texts);
  return {
    family,
    sizeMB: statSync(testTokenizerPath(family)).size / 1e6,
    load: { cpuMs: loadCpu, wallMs: loadMs, heapMiB: heap },
    ours,
    hfLoad: { cpuMs: hfLoadCpu, wallMs: hfLoadMs, heapMiB: hfHeap },
    theirs,
  };
}

async function main(): Promise<void> {
  const texts = readCorpus().texts;
  const only = process.argv.indexOf('--family');
  if (only >= 0) {
    if (gc === undefined) throw new Error('run with node --expose-gc');
    console.log(JSON.stringify(measure(process.argv[only + 1] as TestTokenizerName, texts)));
    return;
  }
  const chars = texts.reduce((n, t) => n + t.length, 0);
  console.log(`corpus: ${texts.length} strings, ${fmt(chars)} UTF-16 units; Node ${process.version}; times are CPU time of the process\n`);
  const rows: string[] = [];
  for (const family of TEST_TOKENIZERS) {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--family', family], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) throw new Error(`${family}: ${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as FamilyResult;
    console.log(
      `${family}: ours load ${fmt(r.load.cpuMs)} ms (${fmt(r.load.wallMs)} ms wall), heap ${fmt(r.load.heapMiB)} MiB, ${fmt(r.ours.firstPerSecond)} tok/s cold, ${fmt(r.ours.perSecond)} warm (${r.ours.tokens} tokens); ` +
        `@huggingface/tokenizers load ${fmt(r.hfLoad.cpuMs)} ms (${fmt(r.hfLoad.wallMs)} wall), heap ${fmt(r.hfLoad.heapMiB)} MiB, ${fmt(r.theirs.firstPerSecond)} cold, ${fmt(r.theirs.perSecond)} warm`,
    );
    rows.push(
      `| ${family} | ${fmt(r.sizeMB, 1)} MB | ${fmt(r.load.cpuMs)} ms | ${fmt(r.load.heapMiB)} MiB | ${fmt(r.ours.firstPerSecond / 1000)} k | ${fmt(r.ours.perSecond / 1000)} k | ${fmt(r.hfLoad.cpuMs)} ms | ${fmt(r.hfLoad.heapMiB)} MiB | ${fmt(r.theirs.firstPerSecond / 1000)} k | ${fmt(r.theirs.perSecond / 1000)} k |`,
    );
  }
  const gpt2 = await loadTokenizer('gpt2');
  const tiktoken = throughput((t) => gpt2.encode(t).ids.length, texts);
  console.log(`\ngpt2 (js-tiktoken ranks, this repo's BpeTokenizer): ${fmt(tiktoken.firstPerSecond)} tok/s cold, ${fmt(tiktoken.perSecond)} warm`);
  console.log('\n| tokenizer.json | size | load (CPU) | heap | tokens/s cold | warm | @huggingface/tokenizers load | its heap | its cold | its warm |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`| gpt2 (js-tiktoken ranks, BpeTokenizer) | | | | ${fmt(tiktoken.firstPerSecond / 1000)} k | ${fmt(tiktoken.perSecond / 1000)} k | | | | |`);
}

await main();
