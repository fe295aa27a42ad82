import { compileKeySet, type CompiledKey, type CompiledKeySet } from '../detect';
import type { CompileOptions } from '../detector/compile';
import { KeySetError } from '../keyset/errors';
import { InputError, UsageError } from './errors';
import { readInputFile } from './io';
import type { CliIo } from './cli-io';
import { cliTokenizerFiles } from './tokenizer-files';

/** `io` gets progress lines (tokenizer downloads) on stderr. */
export async function loadKeySet(path: string, io?: CliIo, options: CompileOptions = {}): Promise<CompiledKeySet> {
  const bytes = readInputFile(path, 'key set');
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
