// detect(): text in, one verdict per enabled key out. The contract the CLI and the extension's Worker use.
// Implementation lands with the scorer; the signatures below are fixed.
import type { DetectOptions, KeyDetection } from './detect-types';

export type { DetectOptions, KeyDetection, SpanResult, Verdict } from './detect-types';

export interface CompiledKeySet {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  /** SHA-256 (hex) of the exact document bytes. */
  readonly fingerprint: string;
}

/** Parse, validate (including every key's testVectors) and prepare a key-set document for detection. */
export async function compileKeySet(_document: string | Uint8Array): Promise<CompiledKeySet> {
  throw new Error('compileKeySet: not implemented yet');
}

/** Score `text` under every key of every key set given. Synchronous: all loading happens in compileKeySet. */
export function detect(
  _text: string,
  _keySets: readonly CompiledKeySet[],
  _options?: DetectOptions,
): KeyDetection[] {
  throw new Error('detect: not implemented yet');
}
