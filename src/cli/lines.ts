// Lines of a stream with a cap on each line's length, in bounded memory: node:readline keeps a line
// until it ends, so a stream without newlines (/dev/zero) would be held whole.

export type BoundedLine = { text: string } | { tooLong: true };

const LF = 0x0a;
const CR = 0x0d;

/**
 * Lines as readline splits them (\n, \r\n or a lone \r ends one), UTF-8 decoded. A line longer than
 * `maxBytes` is reported as `tooLong` once it ends, and its bytes are dropped as they arrive.
 */
export async function* boundedLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<BoundedLine> {
  const decoder = new TextDecoder('utf-8');
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let afterCr = false;
  const take = (): BoundedLine => {
    const line: BoundedLine = tooLong ? { tooLong: true } : { text: decoder.decode(Buffer.concat(parts, size)) };
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };
  const append = (piece: Buffer) => {
    if (tooLong || piece.length === 0) return;
    if (size + piece.length > maxBytes) {
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    // The next \n and \r found by indexOf (native): a loop over every byte runs interpreted in a
    // process that has just started, ~0.1 µs a byte.
    let nextLf = bytes.indexOf(LF);
    let nextCr = bytes.indexOf(CR);
    for (;;) {
      if (nextLf !== -1 && nextLf < start) nextLf = bytes.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = bytes.indexOf(CR, start);
      const i = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (i === -1) break;
      const b = bytes[i];
      // "\r\n": the \n only finishes the line the \r already ended.
      if (b === LF && afterCr && i === start) {
        afterCr = false;
        start = i + 1;
        continue;
      }
      append(bytes.subarray(start, i));
      yield take();
      afterCr = b === CR;
      start = i + 1;
    }
    if (start < bytes.length) {
      afterCr = false;
      // Copied: the stream may reuse its chunk.
      append(Buffer.from(bytes.subarray(start)));
    }
  }
  if (size > 0 || tooLong) yield take();
}
