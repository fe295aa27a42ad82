import { compileKeySet, type CompiledKey, type CompiledKeySet } from '../detect';
import type { CompileOptions } from '../detector/compile';
import type { CompiledUnigramKey } from '../unigram/compiled-key';
import { KeySetError } from '../keyset/errors';
import { MAX_DOCUMENT_BYTES } from '../keyset/limits';
import { InputError, UsageError } from './errors';
import { readInputFile } from './io';
import type { CliIo } from './cli-io';
import { cliTokenizerFiles } from './tokenizer-files';

/** `io` gets progress lines (tokenizer downloads) on stderr. */
export async function loadKeySet(path: string, io?: CliIo, options: CompileOptions = {}): Promise<CompiledKeySet> {
  const bytes = readInputFile(path, 'key set', MAX_DOCUMENT_BYTES);
  const log = io === undefined ? undefined : (line: string) => io.stderr(`${line}\n`);
  try {
    return await compileKeySet(bytes, { ...options, tokenizerFiles: cliTokenizerFiles({ keySetPath: path, log }) });
  } catch (error) {
    if (error instanceof KeySetError) throw new InputError(`key set ${path}:\n${error.message}`);
    throw error;
  }
}

/** The key named by --key, or every key when none is named. */
export function selectKeys(keySet: CompiledKeySet, kid: string | undefined): CompiledKey[] {
  if (kid === undefined) return [...keySet.keys];
  const key = keySet.keys.find((k) => k.spec.kid === kid);
  if (key === undefined) {
    const known = keySet.keys.map((k) => k.spec.kid).join(', ');
    throw new UsageError(`--key ${kid}: no such key in ${keySet.id} (keys: ${known})`);
  }
  return [key];
}

/** Exactly one key: the named one, or the only key of the set. */
export function selectOneKey(keySet: CompiledKeySet, kid: string | undefined): CompiledKey {
  const keys = selectKeys(keySet, kid);
  if (keys.length !== 1) {
    const known = keys.map((k) => k.spec.kid).join(', ');
    throw new UsageError(`${keySet.id} has ${keys.length} keys (${known}): choose one with --key`);
  }
  return keys[0];
}

/** A compiled key of any scheme. */
export type AnyCompiledKey = CompiledKey | CompiledUnigramKey;

export function isUnigramCompiled(key: AnyCompiledKey): key is CompiledUnigramKey {
  return key.spec.scheme === 'unigram';
}

/** Every key of the set, KGW keys first (detect()'s result order). */
export function allKeys(keySet: CompiledKeySet): AnyCompiledKey[] {
  return [...keySet.keys, ...(keySet.unigramKeys ?? [])];
}

/** The key set narrowed to the key named by --key (any scheme), or the whole set when none is named. */
export function selectKeySet(keySet: CompiledKeySet, kid: string | undefined): CompiledKeySet {
  if (kid === undefined) return keySet;
  const key = selectOneAnyKey(keySet, kid);
  return isUnigramCompiled(key) ? { ...keySet, keys: [], unigramKeys: [key] } : { ...keySet, keys: [key], unigramKeys: [] };
}

/** Exactly one key of any scheme: the named one, or the only key of the set. */
export function selectOneAnyKey(keySet: CompiledKeySet, kid: string | undefined): AnyCompiledKey {
  const keys = allKeys(keySet);
  const known = keys.map((k) => k.spec.kid).join(', ');
  if (kid !== undefined) {
    const key = keys.find((k) => k.spec.kid === kid);
    if (key === undefined) throw new UsageError(`--key ${kid}: no such key in ${keySet.id} (keys: ${known})`);
    return key;
  }
  if (keys.length !== 1) throw new UsageError(`${keySet.id} has ${keys.length} keys (${known}): choose one with --key`);
  return keys[0];
}
