// The rules that depend on a key's implementation (which seedings it knows, where the hash key comes
// from, which settings its reference honours), and the assembly of a KeySpec with every default
// filled in. Defaults are documented on KeySpec in types.ts.

import type { LmwScheme as ParsedLmwScheme } from '../seeding/scheme';
import { parseLmwSeedingScheme } from '../seeding/scheme';
import { describeValue } from './describe';
import type { KeySetIssue } from './errors';
import type { KeyRuleFields, RawKey } from './schema';
import { tokenizerSpecOf } from './tokenizer-spec';
import type { HfSeeding, KeySpec, LmwScheme } from './types';

/** What `simple_1` means to the legacy detector: the previous token times the key. */
const LEGACY_SCHEME: LmwScheme = { prfType: 'additive_prf', contextWidth: 1, selfSalt: false };

/** The implementation-dependent part of a KeySpec. */
export type ResolvedRules =
  | {
      implementation: 'lm-watermarking' | 'lm-watermarking-legacy';
      seeding: string;
      contextWidth: number;
      hashKey: bigint;
      lmwScheme: LmwScheme;
      ignoreRepeatedNgrams: boolean;
    }
  | {
      implementation: 'hf-transformers';
      seeding: HfSeeding;
      contextWidth: number;
      hashKey: bigint;
      ignoreRepeatedNgrams: boolean;
    };

/** The reference reads a key from an `ff-…` string only when it has exactly five `-`-separated parts. */
function hasExplicitKey(seeding: string): boolean {
  return seeding.startsWith('ff') && seeding.split('-').length === 5;
}

/** Appends any problems to `issues` (paths under `path`); returns the resolved values only if there are none. */
export function resolveKeyRules(raw: KeyRuleFields, path: string, issues: KeySetIssue[]): ResolvedRules | undefined {
  const issueCountBefore = issues.length;
  const report = (field: string, message: string) => issues.push({ path: `${path}.${field}`, message });
  const ignoreRepeatedNgrams = raw.detection?.ignoreRepeatedNgrams;
  const requireHashKey = (): bigint => {
    if (raw.hashKey === undefined) report('hashKey', `required for ${raw.implementation} keys`);
    return raw.hashKey ?? 0n;
  };

  let resolved: ResolvedRules | undefined;
  switch (raw.implementation) {
    case 'lm-watermarking': {
      let scheme: ParsedLmwScheme | undefined;
      try {
        scheme = parseLmwSeedingScheme(raw.seeding);
      } catch (e) {
        report('seeding', e instanceof Error ? e.message : String(e));
        break;
      }
      if (raw.contextWidth !== undefined && raw.contextWidth !== scheme.contextWidth) {
        report(
          'contextWidth',
          `${raw.contextWidth} contradicts seeding ${describeValue(raw.seeding)}, whose context width is ` +
            `${scheme.contextWidth}; lm-watermarking takes it from the seeding, so leave contextWidth out`,
        );
      }
      if (raw.hashKey !== undefined && hasExplicitKey(raw.seeding) && raw.hashKey !== scheme.hashKey) {
        report(
          'hashKey',
          `${raw.hashKey} differs from the key ${scheme.hashKey} written in seeding ${describeValue(raw.seeding)}; ` +
            'give the key in one place only',
        );
      }
      resolved = {
        implementation: 'lm-watermarking',
        seeding: raw.seeding,
        contextWidth: scheme.contextWidth,
        hashKey: raw.hashKey ?? scheme.hashKey,
        lmwScheme: { prfType: scheme.prfType, contextWidth: scheme.contextWidth, selfSalt: scheme.selfSalt },
        ignoreRepeatedNgrams: ignoreRepeatedNgrams ?? true,
      };
      break;
    }
    case 'lm-watermarking-legacy': {
      if (raw.seeding !== 'simple_1') {
        report(
          'seeding',
          `lm-watermarking-legacy knows only "simple_1" (its detector refuses every other scheme), got ${describeValue(raw.seeding)}`,
        );
      }
      if (raw.contextWidth !== undefined && raw.contextWidth !== 1) {
        report('contextWidth', `lm-watermarking-legacy always uses a context width of 1, got ${raw.contextWidth}`);
      }
      resolved = {
        implementation: 'lm-watermarking-legacy',
        seeding: raw.seeding,
        contextWidth: 1,
        hashKey: requireHashKey(),
        lmwScheme: LEGACY_SCHEME,
        // The legacy detector's ignore_repeated_bigrams defaults to True.
        ignoreRepeatedNgrams: ignoreRepeatedNgrams ?? true,
      };
      break;
    }
    case 'hf-transformers': {
      if (raw.seeding !== 'lefthash' && raw.seeding !== 'selfhash') {
        report('seeding', `hf-transformers knows only "lefthash" and "selfhash", got ${describeValue(raw.seeding)}`);
      }
      if (ignoreRepeatedNgrams === true) {
        report(
          'detection.ignoreRepeatedNgrams',
          'must be false for hf-transformers: its detector accepts the flag but never merges repeated n-grams ' +
            '(they are counted by tensor identity), so true would not reproduce its counts',
        );
      }
      resolved = {
        implementation: 'hf-transformers',
        seeding: raw.seeding as HfSeeding,
        contextWidth: raw.contextWidth ?? 1,
        hashKey: requireHashKey(),
        ignoreRepeatedNgrams: false,
      };
      break;
    }
  }
  return issues.length === issueCountBefore ? resolved : undefined;
}

/** A key whose fields and rules all passed → KeySpec. */
export function buildKeySpec(raw: RawKey, rules: ResolvedRules): KeySpec {
  const { ignoreRepeatedNgrams, ...implementationPart } = rules;
  return {
    kid: raw.kid,
    scheme: raw.scheme,
    ...implementationPart,
    gamma: raw.gamma,
    vocabSize: raw.vocabSize,
    selectGreenTokens: raw.selectGreenTokens ?? true,
    rng: raw.rng,
    tokenizer: tokenizerSpecOf(raw.tokenizer),
    bosTokenId: raw.bosTokenId ?? null,
    detection: { ignoreRepeatedNgrams, normalizers: raw.detection?.normalizers ?? [] },
    testVectors: (raw.testVectors ?? []).map(({ ids, numTokensScored, numGreenTokens }) => ({
      ids,
      numTokensScored,
      numGreenTokens,
    })),
  };
}
