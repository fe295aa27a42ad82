// The fingerprint users compare to recognise a key set: SHA-256 of the exact document bytes, so any
// change to the document, even whitespace, shows.
import { sha256 as sha256Sync } from '../synthid/sha256';

export interface KeySetFingerprint {
  /** Lower-case hex, 64 characters. */
  sha256: string;
  /** shortFingerprint(sha256), e.g. `ab12:cd34:ef56:7890`. */
  short: string;
}

/**
 * The form people compare, everywhere (popup, options tab, `wmlens keyset check`): the first 16 hex
 * digits of the SHA-256, in groups of four joined by ":", e.g. `ab12:cd34:ef56:7890`. Short enough to
 * read out; the full hash is shown beside it where there is room.
 */
export function shortFingerprint(sha256: string): string {
  return sha256.slice(0, 16).replace(/(.{4})(?!$)/g, '$1:');
}

/**
 * Documents up to this size are hashed by the synchronous SHA-256 in JavaScript: WebCrypto's first use
 * in a process costs more (Node loads its WebCrypto modules and hops to a thread pool: ~10 ms of a
 * cold `wmlens score`) than hashing a few kilobytes; larger ones go to WebCrypto. Same digest.
 */
export const SYNC_HASH_MAX_BYTES = 64 * 1024;

/** A string is hashed as its UTF-8 encoding; pass the bytes as fetched when you have them. */
export async function keySetFingerprint(bytes: Uint8Array | string): Promise<KeySetFingerprint> {
  // Copied into a fresh ArrayBuffer-backed array: digest() does not accept views of shared memory.
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
  const digest = data.length <= SYNC_HASH_MAX_BYTES ? sha256Sync(data) : new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return { sha256, short: shortFingerprint(sha256) };
}
