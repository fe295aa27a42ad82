// Key-set document → KeySet, or a KeySetError listing every problem found (design.md §3).
// Test vectors are not run here (see test-vectors.ts): that needs the scorer.

import * as v from 'valibot';
import { parseIsoDateTime } from './datetime';
import { decodeJsonDocument } from './decode';
import { describeValue } from './describe';
import { KeySetError, type KeySetIssue } from './errors';
import { compileBudgetIssues } from './compile-budget';
import { tokenizerFileLimitIssues } from './tokenizer-spec';
import { toKeySetIssues } from './issue-path';
import { MAX_KEYS } from './limits';
import { buildKeySpec, resolveKeyRules } from './resolve-key';
import { documentHeaderSchema, keyRulesSchema, keySchema } from './schema';
import { isSynthIdKey, parseSynthIdKey } from './synthid-key';
import type { KeySet, KeySpec } from './types';
import { parseUnigramKey } from './unigram-key';

export function parseKeySetDocument(input: Uint8Array | string): KeySet {
  const json = decodeJsonDocument(input);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new KeySetError([{ path: '', message: `document must be a JSON object, got ${describeValue(json)}` }]);
  }

  const issues: KeySetIssue[] = [];
  const header = v.safeParse(documentHeaderSchema, json);
  if (!header.success) issues.push(...toKeySetIssues(header.issues, ''));

  // Each key is checked on its own, even when the header or another key is broken; but not when there
  // are too many (the header says so), which would cost time and issues in proportion to the excess.
  const allKeys: unknown[] = Array.isArray((json as { keys?: unknown }).keys) ? (json as { keys: unknown[] }).keys : [];
  const rawKeys = allKeys.length <= MAX_KEYS ? allKeys : [];
  const keys: KeySpec[] = [];
  const firstIndexOfKid = new Map<string, number>();
  rawKeys.forEach((rawKey, i) => {
    const path = `keys[${i}]`;
    const kid = (rawKey as { kid?: unknown } | null)?.kid;
    if (typeof kid === 'string') {
      const first = firstIndexOfKid.get(kid);
      if (first === undefined) firstIndexOfKid.set(kid, i);
      else issues.push({ path: `${path}.kid`, message: `duplicate kid ${describeValue(kid)} (also keys[${first}].kid)` });
    }
    if ((rawKey as { scheme?: unknown } | null)?.scheme === 'unigram') {
      const unigram = parseUnigramKey(rawKey, path, issues);
      if (unigram !== undefined) keys.push(unigram);
      return;
    }
    if (isSynthIdKey(rawKey)) {
      const spec = parseSynthIdKey(rawKey, path, issues);
      if (spec !== undefined) keys.push(spec);
      return;
    }
    const fields = v.safeParse(keySchema, rawKey);
    if (!fields.success) issues.push(...toKeySetIssues(fields.issues, path));
    // The implementation's rules need only a few fields; they are checked whenever those are well-formed.
    const ruleFields = v.safeParse(keyRulesSchema, rawKey);
    const rules = ruleFields.success ? resolveKeyRules(ruleFields.output, path, issues) : undefined;
    if (fields.success && rules !== undefined) keys.push(buildKeySpec(fields.output, rules));
  });

  // What compiling would cost, from the parsed keys alone (nothing is built for it).
  if (issues.length === 0 && header.success) issues.push(...compileBudgetIssues(keys));
  if (issues.length === 0 && header.success) issues.push(...tokenizerFileLimitIssues(keys));
  if (issues.length > 0 || !header.success) throw new KeySetError(issues);
  const { id, name, publisher, version, issued, expires } = header.output;
  return {
    id,
    name,
    publisher: publisher.url === undefined ? { name: publisher.name } : { name: publisher.name, url: publisher.url },
    version,
    issued,
    ...(expires === undefined ? {} : { expires }),
    keys,
  };
}

/** Expired from the `expires` instant on; a key set without `expires` never expires. */
export function isExpired(keySet: KeySet, now: Date): boolean {
  if (keySet.expires === undefined) return false;
  const expires = parseIsoDateTime(keySet.expires);
  // Only a KeySet built by hand can carry an unreadable date; treat it as expired rather than as eternal.
  return expires === undefined || now.getTime() >= expires;
}
