const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes standard padded base64 `s[start, end)` into `out` at `at`; returns the number of bytes
 * written. Works on a slice of a larger string so the multi-megabyte rank tables are parsed without
 * allocating a string per token.
 */
export function decodeBase64Into(s: string, start: number, end: number, out: Uint8Array, at: number): number {
  let acc = 0;
  let bits = 0;
  let written = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 /* = */) break;
    const v = c < 128 ? SEXTET[c] : -1;
    if (v < 0) throw new Error(`Invalid base64 character ${JSON.stringify(s[i])} at offset ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at + written++] = (acc >>> bits) & 0xff;
    }
  }
  return written;
}
