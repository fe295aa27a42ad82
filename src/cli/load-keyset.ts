import { compileKeySet, type CompiledKey, type CompiledKeySet } from '../detect';
import type { CompileOptions } from '../detector/compile';
import type { CompiledUnigramKey } from '../unigram/compiled-key';
import type { CompiledSynthIdKey } from '../detector/compiled';
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

/** A compiled key of any scheme. */
export type AnyCompiledKey = CompiledKey | CompiledUnigramKey | CompiledSynthIdKey;

export function isUnigramCompiled(key: AnyCompiledKey): key is CompiledUnigramKey {
  return key.spec.scheme === 'unigram';
}

export function isSynthIdCompiled(key: AnyCompiledKey): key is CompiledSynthIdKey {
  return key.spec.scheme === 'synthid';
}

/** Every key of the set in detect()'s result order: KGW keys, then Unigram, then SynthID keys. */
export function allKeys(keySet: CompiledKeySet): AnyCompiledKey[] {
  return [...keySet.keys, ...(keySet.unigramKeys ?? []), ...keySet.synthidKeys];
}

/** The key named by --key, or every key when none is named. */
export function selectKeys(keySet: CompiledKeySet, kid: string | undefined): AnyCompiledKey[] {
  const keys = allKeys(keySet);
  if (kid === undefined) return keys;
  const key = keys.find((k) => k.spec.kid === kid);
  if (key === undefined) {
    const known = keys.map((k) => k.spec.kid).join(', ');
    throw new UsageError(`--key ${kid}: no such key in ${keySet.id} (keys: ${known})`);
  }
  return [key];
}

/** The key set reduced to the keys given (each scheme's list filtered), for detect(). */
export function withOnlyKeys(keySet: CompiledKeySet, keys: readonly AnyCompiledKey[]): CompiledKeySet {
  return {
    ...keySet,
    keys: keySet.keys.filter((k) => keys.includes(k)),
    unigramKeys: (keySet.unigramKeys ?? []).filter((k) => keys.includes(k)),
    synthidKeys: keySet.synthidKeys.filter((k) => keys.includes(k)),
  };
}

/** The key set narrowed to the key named by --key (any scheme), or the whole set when none is named. */
export function selectKeySet(keySet: CompiledKeySet, kid: string | undefined): CompiledKeySet {
  return kid === undefined ? keySet : withOnlyKeys(keySet, selectKeys(keySet, kid));
}

/** Exactly one key of any scheme: the named one, or the only key of the set. */
export function selectOneKey(keySet: CompiledKeySet, kid: string | undefined): AnyCompiledKey {
  const keys = selectKeys(keySet, kid);
  if (keys.length !== 1) {
    const known = keys.map((k) => k.spec.kid).join(', ');
    throw new UsageError(`${keySet.id} has ${keys.length} keys (${known}): choose one with --key`);
  }
  return keys[0];
}
