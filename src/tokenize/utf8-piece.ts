/**
 * UTF-8 bytes of one slice of a string, and for every byte the UTF-16 range of the character it
 * belongs to. Buffers are reused across calls, so encoding a piece allocates nothing.
 */
export class Utf8Piece {
  bytes = new Uint8Array(256);
  /** charStart[b], charEnd[b]: the [start, end) in the source string of the character byte b encodes. */
  charStart = new Int32Array(256);
  charEnd = new Int32Array(256);

  /**
   * Encodes text[start, end) as TextEncoder would encode that slice on its own: a surrogate without
   * its partner inside the slice becomes U+FFFD (EF BF BD). Returns the byte count.
   */
  encode(text: string, start: number, end: number): number {
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
    if ((end - start) * 3 > this.bytes.length) this.reserve((end - start) * 3);
    const bytes = this.bytes;
    const charStart = this.charStart;
    const charEnd = this.charEnd;
    let n = 0;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        bytes[n] = c;
        charStart[n] = i;
        charEnd[n] = i + 1;
        n++;
        i++;
        continue;
      }
      let width = 1;
      let cp = c;
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          width = 2;
        } else {
          cp = 0xfffd;
        }
      }
      const first = n;
      if (cp < 0x800) {
        bytes[n++] = 0xc0 | (cp >> 6);
        bytes[n++] = 0x80 | (cp & 0x3f);
      } else if (cp < 0x10000) {
        bytes[n++] = 0xe0 | (cp >> 12);
        bytes[n++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[n++] = 0x80 | (cp & 0x3f);
      } else {
        bytes[n++] = 0xf0 | (cp >> 18);
        bytes[n++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[n++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[n++] = 0x80 | (cp & 0x3f);
      }
      for (let b = first; b < n; b++) {
        charStart[b] = i;
        charEnd[b] = i + width;
      }
      i += width;
    }
    return n;
  }

  private reserve(size: number): void {
    let capacity = this.bytes.length;
    while (capacity < size) capacity *= 2;
    this.bytes = new Uint8Array(capacity);
    this.charStart = new Int32Array(capacity);
    this.charEnd = new Int32Array(capacity);
  }
}
