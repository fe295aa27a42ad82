// Writes the `detect --jsonl` speed benchmark's inputs (docs/benchmarks.md, "SynthID batch"): a key set
// with one 30-layer SynthID key (the HF documentation's keys, ngram 5) and 1,000 texts of 300 GPT-2
// tokens cut from the State of the Union addresses. Usage: tsx bench/synthid-jsonl-input.ts DIR
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSotu } from '../eval/lib/corpora';
import { loadTokenizer } from '../src/tokenize/tokenizer';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: tsx bench/synthid-jsonl-input.ts DIR');
const DOC_KEYS = [654, 400, 836, 123, 340, 443, 597, 160, 57, 29, 590, 639, 13, 715, 468, 990, 966, 226, 324, 585, 118, 504, 421, 521, 129, 669, 732, 225, 90, 960];
const variant = process.argv[3] === 'table' ? 'hf-transformers' : 'synthid-text';
writeFileSync(
  join(dir, 'keyset.json'),
  JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'bench.synthid',
    name: 'SynthID bench',
    publisher: { name: 'bench' },
    version: 1,
    issued: '2026-01-01T00:00:00Z',
    keys: [{ kid: 'synthid', scheme: 'synthid', implementation: variant, ngramLen: 5, keys: DOC_KEYS, tokenizer: { encoding: 'gpt2' } }],
  }),
);
const tokenizer = await loadTokenizer('gpt2');
const lines: string[] = [];
for (const doc of loadSotu({ maxChars: 3_000_000 }).documents) {
  const { ids } = tokenizer.encode(doc);
  for (let s = 0; s + 300 <= ids.length && lines.length < 1000; s += 300) {
    lines.push(JSON.stringify({ id: lines.length, text: tokenizer.decode(Array.from(ids.slice(s, s + 300))) }));
  }
}
if (lines.length < 1000) throw new Error(`only ${lines.length} texts`);
writeFileSync(join(dir, 'texts.jsonl'), lines.join('\n') + '\n');
console.log(`wrote ${dir}/keyset.json and ${lines.length} texts to ${dir}/texts.jsonl`);
