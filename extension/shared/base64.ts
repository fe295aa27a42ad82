// Bytes across runtime messages, which carry JSON only: a chosen key-set file goes from the popup to the
// background as base64, so the background validates the exact bytes (strict UTF-8 included).

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  // In chunks: String.fromCharCode(...1 MiB of bytes) would overflow the argument limit.
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** Throws on anything that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes a base64 string of this length decodes to, at most (to refuse a huge one before decoding it). */
export function base64MaxBytes(length: number): number {
  return Math.ceil(length / 4) * 3;
}
