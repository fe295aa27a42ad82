// Narrowing a parsed key to the KGW scheme, for code (tools, tests) that only knows KGW keys.
import type { KeySpec, KgwKeySpec } from './types';

export function isKgwKey(spec: KeySpec): spec is KgwKeySpec {
  return spec.scheme === 'kgw';
}

/** The key itself when it is a KGW key; throws naming the kid and scheme otherwise. */
export function kgwKeyOf(spec: KeySpec): KgwKeySpec {
  if (!isKgwKey(spec)) throw new TypeError(`key ${JSON.stringify(spec.kid)} is a ${spec.scheme} key, not a kgw key`);
  return spec;
}
