import { compileKeySet, type CompiledKey, type CompiledKeySet } from '../detect';
import type { CompiledSynthIdKey } from '../detector/compiled';
import { KeySetError } from '../keyset/errors';
import { InputError, UsageError } from './errors';
import { readInputFile } from './io';

export async function loadKeySet(path: string): Promise<CompiledKeySet> {
  const bytes = readInputFile(path, 'key set');
  try {
    return await compileKeySet(bytes);
  } catch (error) {
    if (error instanceof KeySetError) throw new InputError(`key set ${path}:\n${error.message}`);
    throw error;
  }
}

export type AnyCompiledKey = CompiledKey | CompiledSynthIdKey;

export function allKeys(keySet: CompiledKeySet): AnyCompiledKey[] {
  return [...keySet.keys, ...keySet.synthidKeys];
}

/** The key named by --key, or every key when none is named (KGW keys first, then SynthID keys). */
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
    synthidKeys: keySet.synthidKeys.filter((k) => keys.includes(k)),
  };
}

/** Exactly one key: the named one, or the only key of the set. */
export function selectOneKey(keySet: CompiledKeySet, kid: string | undefined): AnyCompiledKey {
  const keys = selectKeys(keySet, kid);
  if (keys.length !== 1) {
    const known = keys.map((k) => k.spec.kid).join(', ');
    throw new UsageError(`${keySet.id} has ${keys.length} keys (${known}): choose one with --key`);
  }
  return keys[0];
}
