// The evaluation's plumbing in one place: which corpora (and how much of each), tokenized once per
// tokenizer, and every window scored under a key with colours cached on disk.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoringKeyFor } from '../../src/detector/scoring-key-for';
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import { evalTokenizer, evalTokenizerId } from './tokenizers';
import { ColourTable } from './colours';
import { type Corpus, loadBrown, loadJsCode, loadSotu, loadSpamAssassinHam, loadTextDirectory } from './corpora';
import { loadDocReadmes, loadManPages } from './system-docs';
import { type ScoredWindow, type WindowPlan, scoreStreamWindows } from './score-windows';
import { type TokenStream, tokenizeCorpus } from './windows';

export const EVAL_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const CACHE_DIR = join(EVAL_DIR, '.cache');

/**
 * SOTU addresses whose excerpts are in the calibration sample (data/reference-sample: the years divisible
 * by 6): left out of the evaluation's SOTU corpus so the calibration is never tested on its own text.
 */
export function isCalibrationSampleAddress(fileName: string): boolean {
  return Number(fileName.slice(0, 4)) % 6 === 0;
}

export interface CorpusChoice {
  /** Characters per corpus (default 1 MB ≈ 250k tokens). */
  maxChars?: number;
  /** Documents to leave out of the SOTU corpus (default: the calibration sample's addresses). */
  excludeSotu?: (fileName: string) => boolean;
  /**
   * Local held-out corpora, as "name=genre=directory[=ext,ext]" (directories that do not exist are
   * skipped). Default: WMLENS_HELDOUT (";"-separated) plus Python code and Vim docs when present.
   */
  heldOut?: readonly string[];
  /** Also the machine's manual pages and package READMEs when present (default true; system-docs.ts). */
  systemDocs?: boolean;
}

export const DEFAULT_HELD_OUT = [
  'python-code=Python standard library source=/usr/lib/python3.11=.py',
  'vim-docs=Vim reference manual (technical docs)=/usr/share/vim/vim90/doc=.txt',
];

export interface LoadedCorpus extends Corpus {
  /** true for corpora outside the devDependencies (local, never used to choose anything). */
  heldOut: boolean;
}

export function loadEvalCorpora(choice: CorpusChoice = {}): LoadedCorpus[] {
  const maxChars = choice.maxChars ?? 1_000_000;
  const dev: Corpus[] = [
    loadSotu({ maxChars, exclude: choice.excludeSotu ?? isCalibrationSampleAddress }),
    loadSpamAssassinHam({ maxChars }),
    loadBrown({ maxChars }),
    // type-fest is part of the calibration sample; evaluating on it would flatter the method.
    loadJsCode({ maxChars, skipPackages: ['type-fest'] }),
  ];
  const specs = choice.heldOut ?? [...(process.env.WMLENS_HELDOUT?.split(';').filter(Boolean) ?? []), ...DEFAULT_HELD_OUT];
  const held: Corpus[] = [];
  for (const spec of specs) {
    const [name, genre, dir, ext] = spec.split('=');
    const corpus = loadTextDirectory(name, genre, dir, { maxChars, ...(ext ? { extensions: ext.split(',').map((e) => (e.startsWith('.') ? e : `.${e}`)) } : {}) });
    if (corpus !== null) held.push(corpus);
  }
  if (choice.systemDocs ?? true) {
    for (const corpus of [loadManPages({ maxChars }), loadDocReadmes({ maxChars })]) if (corpus !== null) held.push(corpus);
  }
  return [...dev.map((c) => ({ ...c, heldOut: false })), ...held.map((c) => ({ ...c, heldOut: true }))];
}

const streams = new Map<string, TokenStream>();

/** The corpus as one token stream for the key's tokenizer and normalizers (memoised). */
export async function streamFor(corpus: Corpus, spec: KeySpec): Promise<TokenStream> {
  const id = `${corpus.name}|${corpus.documents.length}|${evalTokenizerId(spec)}|${spec.detection.normalizers.join(',')}`;
  let stream = streams.get(id);
  if (stream === undefined) {
    const tokenizer = await evalTokenizer(spec);
    stream = tokenizeCorpus(corpus, tokenizer, spec.detection.normalizers);
    streams.set(id, stream);
  }
  return stream;
}

const tables = new Map<string, ColourTable>();

/** The colour table for a key's green-list geometry, backed by eval/.cache/ unless `useDisk` is false. */
export function colourTableFor(spec: KeySpec, useDisk = true): ColourTable {
  const geometry = ColourTable.geometryId(spec.vocabSize, spec.gamma, spec.selectGreenTokens);
  let table = tables.get(geometry);
  if (table === undefined) {
    table = new ColourTable(spec.vocabSize, spec.gamma, spec.selectGreenTokens, useDisk ? join(CACHE_DIR, `colours-${geometry}.bin`) : undefined);
    tables.set(geometry, table);
  }
  return table;
}

export function saveColourTables(): void {
  for (const t of tables.values()) t.save();
}

/** Every planned window of every corpus scored under one key. */
export async function scoreCorpora(spec: KeySpec, corpora: readonly Corpus[], plan: WindowPlan, useDisk = true): Promise<ScoredWindow[]> {
  const key = scoringKeyFor(spec);
  const table = colourTableFor(spec, useDisk);
  const out: ScoredWindow[] = [];
  for (const corpus of corpora) {
    const stream = await streamFor(corpus, spec);
    out.push(...scoreStreamWindows(spec, key, stream, plan, table));
  }
  return out;
}
