// TextDecoder's fatal mode only says "invalid"; a publisher fixing a file needs to know where.
// Same acceptance rules as the WHATWG UTF-8 decoder (no overlongs, no surrogates, nothing above U+10FFFF).

/** Byte offset of the first byte that starts an ill-formed sequence, or -1 if `bytes` is valid UTF-8. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) lower = 0xa0; // overlong
      if (b === 0xed) upper = 0x9f; // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) lower = 0x90; // overlong
      if (b === 0xf4) upper = 0x8f; // above U+10FFFF
    } else {
      return i;
    }
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const ok = c !== undefined && (k === 1 ? c >= lower && c <= upper : c >= 0x80 && c <= 0xbf);
      if (!ok) return i;
    }
    i += length;
  }
  return -1;
}
