// The SynthID-Text and Unigram keys the evaluation runs under: the documented defaults (the 30 keys of
// public/keysets/synthid-docs-example.json, both variants, ngram 5; Unigram's reference default key 0 at
// fraction ½) and others, each as a one-key key-set document compiled exactly as a user's would be, so
// every p-value measured is the one detect() reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledSynthIdKey } from '../../src/detector/compiled';
import { compileKeySet, type CompiledKeySet } from '../../src/detect';
import type { CompiledUnigramKey } from '../../src/unigram/compiled-key';

export const SYNTHID_DOCS_KEYSET_PATH = join(fileURLToPath(new URL('.', import.meta.url)), '../../public/keysets/synthid-docs-example.json');

export interface SchemeEvalKey {
  /** e.g. "synthid-text-docs", "unigram 0 (½)" */
  name: string;
  /** true for the documented defaults (the keys a reader will meet). */
  isDefault: boolean;
  /** What makes it this key, for the report. */
  description: string;
  document: string;
}

function synthIdTemplate() {
  return JSON.parse(readFileSync(SYNTHID_DOCS_KEYSET_PATH, 'utf8'));
}

/**
 * The documentation's two keys (with their test vectors) and two others:
 * - the hash variant with layer keys k·7919 + 3 (the weighted mean is left out of the run: its
 *   per-unit law has ~2,000 histogram buckets and makes the Chernoff bound ~15× slower to evaluate);
 * - the table variant with 30 full-range int64 layer keys, ngram 4, a 1024-entry table from seed 42.
 */
export function synthIdEvalKeys(): SchemeEvalKey[] {
  const doc = synthIdTemplate();
  const one = (name: string, isDefault: boolean, description: string, key: Record<string, unknown>) => ({
    name,
    isDefault,
    description,
    document: JSON.stringify({ ...doc, id: `eval.${name}`, keys: [key] }),
  });
  const [table, hash] = doc.keys as Array<Record<string, unknown> & { keys: number[] }>;
  const noVectors = (k: Record<string, unknown>) => {
    const copy = { ...k };
    delete copy.testVectors;
    return copy;
  };
  // 30 int64 keys from a fixed LCG (full range, both signs): what a publisher drawing random keys has.
  let s = 0x9e3779b97f4a7c15n;
  const wide: string[] = [];
  for (let i = 0; i < 30; i++) {
    s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    wide.push(BigInt.asIntN(64, s).toString());
  }
  return [
    one('synthid-hf-docs', true, 'hf-transformers (table 65536, torch seed 0), documentation keys, ngram 5, mean', table),
    one('synthid-text-docs', true, 'synthid-text (hash), documentation keys, ngram 5, mean', hash),
    one('synthid-text-7919', false, 'synthid-text (hash), keys k·7919 + 3, ngram 5, mean', {
      ...noVectors(hash),
      kid: 'synthid-text-7919',
      keys: hash.keys.map((k) => k * 7919 + 3),
    }),
    one('synthid-hf-wide', false, 'hf-transformers (table 1024, torch seed 42), 30 random int64 keys, ngram 4, mean', {
      ...noVectors(table),
      kid: 'synthid-hf-wide',
      keys: wide,
      ngramLen: 4,
      samplingTableSize: 1024,
      samplingTableSeed: 42,
    }),
  ];
}

function unigramDocument(kid: string, watermarkKey: string, fraction: number): string {
  return JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: `eval.unigram.${kid}`,
    name: `Unigram evaluation key ${kid}`,
    publisher: { name: 'Watermark Lens evaluation' },
    version: 1,
    issued: '2026-12-07T00:00:00Z',
    keys: [{ kid, scheme: 'unigram', implementation: 'unigram-watermark', watermarkKey, fraction, vocabSize: 50257, tokenizer: { encoding: 'gpt2' } }],
  });
}

const FRACTION_LABEL: Record<number, string> = { 0.5: '½', 0.25: '¼' };

/** The reference's default (key 0, ½) and others, including one whose list holds many frequent tokens (−1). */
export function unigramEvalKeys(): SchemeEvalKey[] {
  const keys: Array<[string, number, boolean]> = [['0', 0.5, true], ['42', 0.5, false], ['-1', 0.5, false], ['15485863', 0.25, false]];
  return keys.map(([k, f, isDefault]) => ({
    name: `unigram ${k} (${FRACTION_LABEL[f]})`,
    isDefault,
    description: `watermark_key ${k}, fraction ${f}, gpt2 (V = 50257)`,
    document: unigramDocument(`unigram-${k}-${f}`, k, f),
  }));
}

export interface CompiledSchemeKey {
  key: SchemeEvalKey;
  keySet: CompiledKeySet;
}

export async function compileSchemeKey(key: SchemeEvalKey): Promise<CompiledSchemeKey> {
  return { key, keySet: await compileKeySet(key.document) };
}

export function synthIdKeyOf(c: CompiledSchemeKey): CompiledSynthIdKey {
  const k = c.keySet.synthidKeys[0];
  if (k === undefined) throw new Error(`${c.key.name}: not a SynthID key set`);
  return k;
}

export function unigramKeyOf(c: CompiledSchemeKey): CompiledUnigramKey {
  const k = c.keySet.unigramKeys?.[0];
  if (k === undefined) throw new Error(`${c.key.name}: not a Unigram key set`);
  return k;
}
