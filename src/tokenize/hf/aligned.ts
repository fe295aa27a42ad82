/**
 * A string being normalized or pre-tokenized, with, for each of its UTF-16 units, the [start, end) in
 * the original input it came from. Normalizers and pre-tokenizers rewrite text (NFC, "▁" for spaces,
 * byte-level characters for bytes); carrying the source range of every unit through them is what
 * lets each final token name the characters of the input it covers.
 */
export interface AlignedText {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** The input itself: unit i comes from [i, i+1), except that a surrogate pair's units share both. */
export function alignedInput(text: string): AlignedText {
  const n = text.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let out = '';
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        starts[i] = starts[i + 1] = i;
        ends[i] = ends[i + 1] = i + 2;
        i++;
        continue;
      }
    }
    starts[i] = i;
    ends[i] = i + 1;
    // A lone surrogate cannot cross into UTF-8 (Rust strings, and the bytes the models see): it is
    // U+FFFD there, as TextEncoder makes it.
    if (c >= 0xd800 && c <= 0xdfff) changed = true;
  }
  if (changed) {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && ends[i] - starts[i] === 2) {
        out += text[i] + text[i + 1];
        i++;
      } else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
      else out += text[i];
    }
    return { text: out, starts, ends };
  }
  return { text, starts, ends };
}

export function sliceAligned(a: AlignedText, start: number, end: number): AlignedText {
  if (start === 0 && end === a.text.length) return a;
  return { text: a.text.slice(start, end), starts: a.starts.subarray(start, end), ends: a.ends.subarray(start, end) };
}

/**
 * Builds a rewritten text piece by piece: `keep` copies units with their alignment, `put` writes new
 * units that all take one given source range (a replacement takes the range of what it replaced).
 */
export class AlignedBuilder {
  private parts: string[] = [];
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.starts.length) return;
    let capacity = this.starts.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.starts = starts;
    this.ends = ends;
  }

  keep(a: AlignedText, start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(a.text.slice(start, end));
    this.reserve(end - start);
    this.starts.set(a.starts.subarray(start, end), this.length);
    this.ends.set(a.ends.subarray(start, end), this.length);
    this.length += end - start;
  }

  put(text: string, sourceStart: number, sourceEnd: number): void {
    this.parts.push(text);
    this.reserve(text.length);
    this.starts.fill(sourceStart, this.length, this.length + text.length);
    this.ends.fill(sourceEnd, this.length, this.length + text.length);
    this.length += text.length;
  }

  build(): AlignedText {
    return { text: this.parts.join(''), starts: this.starts.slice(0, this.length), ends: this.ends.slice(0, this.length) };
  }
}
