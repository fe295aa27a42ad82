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

function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

/** Tokens per second over the whole corpus: the best of `rounds` passes (the first warms the JIT). */
function throughput(encode: (text: string) => number, texts: readonly string[], rounds = 3): { tokens: number; perSecond: number; firstPassMs: number } {
  let best = Infinity;
  let tokens = 0;
  let firstPassMs = 0;
  for (let r = 0; r < rounds; r++) {
    tokens = 0;
    const t0 = performance.now();
    for (const text of texts) tokens += encode(text);
    const ms = performance.now() - t0;
    if (r === 0) firstPassMs = ms;
    best = Math.min(best, ms);
  }
  return { tokens, perSecond: (tokens / best) * 1000, firstPassMs };
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
    const [json, readMs] = time(() => readFileSync(path, 'utf8'));
    const before = heapMiB();
    const [tokenizer, loadMs] = time(() => loadHfTokenizer(json, { name: family }));
    const heap = heapMiB() - before;
    const ours = throughput((t) => tokenizer.encode(t).ids.length, texts);

    const hfBefore = heapMiB();
    const [hf, hfLoadMs] = time(() => new HfJsTokenizer(JSON.parse(json), {}));
    const hfHeap = heapMiB() - hfBefore;
    const theirs = throughput((t) => hf.encode(t, { add_special_tokens: false }).ids.length, texts);
    rows.push(
      `| ${family} | ${fmt(json.length / 2 ** 20, 1)} MB | ${fmt(loadMs)} ms | ${fmt(heap)} MiB | ${fmt(ours.perSecond / 1000)} k | ${fmt(ours.firstPassMs)} ms | ${fmt(hfLoadMs)} ms | ${fmt(hfHeap)} MiB | ${fmt(theirs.perSecond / 1000)} k |`,
    );
    console.log(
      `${family}: read ${fmt(readMs)} ms; ours load ${fmt(loadMs)} ms, heap ${fmt(heap)} MiB, ${fmt(ours.perSecond)} tok/s (first pass ${fmt(ours.firstPassMs)} ms, ${ours.tokens} tokens); ` +
        `@huggingface/tokenizers load ${fmt(hfLoadMs)} ms, heap ${fmt(hfHeap)} MiB, ${fmt(theirs.perSecond)} tok/s`,
    );
  }
  const gpt2 = await loadTokenizer('gpt2');
  const tiktoken = throughput((t) => gpt2.encode(t).ids.length, texts);
  console.log(`\ngpt2 (js-tiktoken ranks, this repo's BpeTokenizer): ${fmt(tiktoken.perSecond)} tok/s`);
  console.log('\n| tokenizer.json | size | load | heap | tokens/s | first pass | @hf/tokenizers load | its heap | its tokens/s |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`| gpt2 (js-tiktoken ranks, for comparison) | | | | ${fmt(tiktoken.perSecond / 1000)} k | | | | |`);
}

await main();
