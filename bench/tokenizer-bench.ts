// Hugging Face tokenizer.json: load time, heap, and encode throughput per family, for this engine and
// for @huggingface/tokenizers (the official pure-JS library, which gives no character offsets), on the
// committed vector corpus (2,411 strings). Run with `npm run bench:tokenizers` (needs --expose-gc for
// the heap figures, which the npm script passes).
import { readFileSync } from 'node:fs';
import { Tokenizer as HfJsTokenizer } from '@huggingface/tokenizers';
import { loadHfTokenizer } from '../src/tokenize/hf/index';
import { TEST_TOKENIZERS, testTokenizerPath } from '../src/tokenize/hf/test-files';
import { readCorpus } from '../src/tokenize/hf/vectors/format';
import { loadTokenizer } from '../src/tokenize/tokenizer';

const gc = (globalThis as { gc?: () => void }).gc;

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

async function main(): Promise<void> {
  if (gc === undefined) console.warn('run with node --expose-gc for heap figures');
  const texts = readCorpus().texts;
  const chars = texts.reduce((n, t) => n + t.length, 0);
  console.log(`corpus: ${texts.length} strings, ${fmt(chars)} UTF-16 units; Node ${process.version}\n`);
  const rows: string[] = [];
  for (const family of TEST_TOKENIZERS) {
    const path = testTokenizerPath(family);
    const json = readFileSync(path, 'utf8');
    const before = heapMiB();
    const [tokenizer, loadMs, loadCpu] = time(() => loadHfTokenizer(json, { name: family }));
    const heap = heapMiB() - before;
    const ours = throughput((t) => tokenizer.encode(t).ids.length, texts);

    const hfBefore = heapMiB();
    const [hf, hfLoadMs, hfLoadCpu] = time(() => new HfJsTokenizer(JSON.parse(json), {}));
    const hfHeap = heapMiB() - hfBefore;
    const theirs = throughput((t) => hf.encode(t, { add_special_tokens: false }).ids.length, texts);
    rows.push(
      `| ${family} | ${fmt(json.length / 2 ** 20, 1)} MB | ${fmt(loadCpu)} ms | ${fmt(heap)} MiB | ${fmt(ours.firstPerSecond / 1000)} k | ${fmt(ours.perSecond / 1000)} k | ${fmt(hfLoadCpu)} ms | ${fmt(hfHeap)} MiB | ${fmt(theirs.firstPerSecond / 1000)} k | ${fmt(theirs.perSecond / 1000)} k |`,
    );
    console.log(
      `${family}: ours load ${fmt(loadCpu)} ms CPU (${fmt(loadMs)} ms wall), heap ${fmt(heap)} MiB, ${fmt(ours.firstPerSecond)} tok/s cold, ${fmt(ours.perSecond)} warm (${ours.tokens} tokens); ` +
        `@huggingface/tokenizers load ${fmt(hfLoadCpu)} ms CPU (${fmt(hfLoadMs)} wall), heap ${fmt(hfHeap)} MiB, ${fmt(theirs.firstPerSecond)} cold, ${fmt(theirs.perSecond)} warm`,
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
