// lm-watermarking's seeding_scheme_lookup (alternative_prf_schemes.py, spec §3.1).

import { type PrfName, isPrfName } from './prf';
import { parsePythonInt } from './python-int';

export interface LmwScheme {
  prfType: PrfName;
  contextWidth: number;
  selfSalt: boolean;
  hashKey: bigint;
}

export const DEFAULT_HASH_KEY = 15485863n;

export class SeedingSchemeError extends Error {
  readonly scheme: string;
  constructor(scheme: string, reason: string) {
    super(`Invalid seeding scheme ${JSON.stringify(scheme)}: ${reason}`);
    this.name = 'SeedingSchemeError';
    this.scheme = scheme;
  }
}

const ALIASES: Record<string, Omit<LmwScheme, 'hashKey'>> = {
  simple_1: { prfType: 'additive_prf', contextWidth: 1, selfSalt: false },
  lefthash: { prfType: 'additive_prf', contextWidth: 1, selfSalt: false },
  'algorithm-3': { prfType: 'anchored_minhash_prf', contextWidth: 4, selfSalt: true },
  selfhash: { prfType: 'anchored_minhash_prf', contextWidth: 4, selfSalt: true },
  minhash: { prfType: 'minhash_prf', contextWidth: 4, selfSalt: false },
  skipgram: { prfType: 'skipgram_prf', contextWidth: 5, selfSalt: false },
};

/**
 * Parses a scheme name exactly as the reference does, quirks included: `ff-<prf>-<h>-<selfSalt>[-<key>]`
 * is split on "-"; selfSalt is true only for the exact string "True"; the key is read only when
 * there are exactly 5 parts (so "ff-additive_prf-4-True-1-2" silently keeps the default key).
 * One addition: a context width below 1 (which the reference parses but cannot score with) or too
 * large to be a token count is refused here.
 */
export function parseLmwSeedingScheme(name: string): LmwScheme {
  if (typeof name !== 'string') throw new SeedingSchemeError(String(name), 'the seeding scheme must be a string');
  const alias = Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
  if (alias !== undefined) return { ...alias, hashKey: DEFAULT_HASH_KEY };
  if (!name.startsWith('ff')) {
    throw new SeedingSchemeError(
      name,
      'expected simple_1, lefthash, algorithm-3, selfhash, minhash, skipgram or ff-<prf>-<width>-<True|False>[-<key>]',
    );
  }

  const parts = name.split('-');
  // Same order of checks as the reference: PRF field, width (int()), self-salt field, key.
  if (parts.length < 2) throw new SeedingSchemeError(name, 'missing the PRF name after "ff-"');
  const prfType = parts[1];
  if (parts.length < 3) throw new SeedingSchemeError(name, 'missing the context width');
  const width = parsePythonInt(parts[2]);
  if (width === null) throw new SeedingSchemeError(name, `context width ${JSON.stringify(parts[2])} is not an integer`);
  if (parts.length < 4) throw new SeedingSchemeError(name, 'missing the self-salt field (True/False)');
  const selfSalt = parts[3] === 'True';
  let hashKey = DEFAULT_HASH_KEY;
  if (parts.length === 5) {
    const key = parsePythonInt(parts[4]);
    if (key === null) throw new SeedingSchemeError(name, `hash key ${JSON.stringify(parts[4])} is not an integer`);
    hashKey = key;
  }
  if (!isPrfName(prfType)) throw new SeedingSchemeError(name, `unknown PRF ${JSON.stringify(prfType)}`);
  if (width < 1n || width > 1_000_000n) {
    throw new SeedingSchemeError(name, `context width ${width} is not supported (must be 1..1000000)`);
  }
  return { prfType, contextWidth: Number(width), selfSalt, hashKey };
}
