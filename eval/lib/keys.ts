// The keys the evaluation runs under: the bundled defaults and the same schemes with other hash keys
// (a calibration that only works for the default key would be no calibration).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKeySetDocument } from '../../src/keyset/parse';
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import { kgwKeyOf } from '../../src/keyset/kgw-key';

export const BUNDLED_KEYSET_PATH = join(fileURLToPath(new URL('.', import.meta.url)), '../../public/keysets/reference-defaults.json');

export function bundledKeySetBytes(): Buffer {
  return readFileSync(BUNDLED_KEYSET_PATH);
}

/** Hash keys beyond the default: small primes often used in examples (7919 is the 1000th prime). */
export const OTHER_HASH_KEYS = [7919, 104729] as const;
export const DEFAULT_HASH_KEY = 15485863;

export interface EvalKey {
  /** e.g. "lefthash/15485863" */
  name: string;
  spec: KeySpec;
  /** A key-set document holding only this key (no test vectors), for compileKeySet. */
  document: string;
}

/** lm-watermarking key like the bundled ones, with `seeding` and `hashKey` replaced. */
export function evalKey(seeding: 'lefthash' | 'selfhash', hashKey: number, gamma = 0.25): EvalKey {
  const bundled = JSON.parse(bundledKeySetBytes().toString('utf8'));
  const template = bundled.keys.find((k: { seeding: string }) => k.seeding === seeding);
  const key = { ...template, kid: `${seeding}-${hashKey}`, hashKey, gamma };
  delete key.testVectors;
  const document = JSON.stringify({ ...bundled, id: `eval.${seeding}.${hashKey}`, keys: [key] });
  return { name: `${seeding}/${hashKey}`, spec: kgwKeyOf(parseKeySetDocument(document).keys[0]), document };
}

/** Bundled defaults first, then the other hash keys, lefthash and selfhash each. */
export function evalKeys(hashKeys: readonly number[] = [DEFAULT_HASH_KEY, ...OTHER_HASH_KEYS]): EvalKey[] {
  return hashKeys.flatMap((k) => [evalKey('lefthash', k), evalKey('selfhash', k)]);
}
