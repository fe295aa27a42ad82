// Key-set documents: exact bytes → (hash, text). The hash is the identity the Worker caches by.

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Strict UTF-8 decode that keeps a BOM, so re-encoding gives the same bytes. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

export async function refOfText(text: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(text));
}
