// The fingerprint users compare to recognise a key set: SHA-256 of the exact document bytes, so any
// change to the document, even whitespace, shows.

export interface KeySetFingerprint {
  /** Lower-case hex, 64 characters. */
  sha256: string;
  /** The first 16 hex characters in groups of four, e.g. `ab12 cd34 ef56 7890`: short enough to read out. */
  short: string;
}

/** A string is hashed as its UTF-8 encoding; pass the bytes as fetched when you have them. */
export async function keySetFingerprint(bytes: Uint8Array | string): Promise<KeySetFingerprint> {
  // Copied into a fresh ArrayBuffer-backed array: digest() does not accept views of shared memory.
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const short = sha256.slice(0, 16).match(/.{4}/g)!.join(' ');
  return { sha256, short };
}
