// Public surface of the key-set module.
export { KeySetError, formatIssue, type KeySetIssue } from './errors';
export { keySetFingerprint, shortFingerprint, type KeySetFingerprint } from './fingerprint';
export { isExpired, parseKeySetDocument } from './parse';
export { checkTestVectors, type ScoreIds, type VectorScore } from './test-vectors';
export type * from './types';
export { IMPLEMENTATIONS, NORMALIZERS, TOKENIZER_ENCODINGS } from './types';
