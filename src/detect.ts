// The detection core's entry point, used by the CLI and the extension's Worker:
// compileKeySet() once per key-set document, then detect() per text.
export type { DetectOptions, KeyDetection, SpanResult, Verdict } from './detect-types';
export { DEFAULT_ALPHA } from './detect-types';
export type { CompiledKey, CompiledKeySet } from './detector/compiled';
/** Parse, validate (including every key's testVectors) and prepare a key-set document for detection. */
export { compileKeySet } from './detector/compile';
/** Score a text under every key of every key set given. Synchronous: all loading happens in compileKeySet. */
export { detectText as detect } from './detector/detect-text';
