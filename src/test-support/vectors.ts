// Reference vectors live outside the project (../shared/vectors); WMLENS_VECTORS_DIR points elsewhere,
// e.g. at a held-back set of cases with the same schema.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const vectorsDir = process.env.WMLENS_VECTORS_DIR ?? resolve(projectRoot, '../shared/vectors');

export function loadVectors<T = any>(
  file: 'prng.json' | 'kgw-lmw.json' | 'kgw-hf.json' | 'synthid.json' | 'unigram.json',
): T {
  return JSON.parse(readFileSync(resolve(vectorsDir, file), 'utf8')) as T;
}
