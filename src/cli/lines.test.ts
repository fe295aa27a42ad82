import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type BoundedLine, boundedLines } from './lines';

async function collect(chunks: Array<string | Buffer>, max = 1024): Promise<BoundedLine[]> {
  const out: BoundedLine[] = [];
  for await (const line of boundedLines(Readable.from(chunks), max)) out.push(line);
  return out;
}

const texts = (...lines: string[]) => lines.map((text) => ({ text }));

describe('boundedLines', () => {
  it('splits like readline (\\n, \\r\\n, lone \\r), across chunk boundaries', async () => {
    expect(await collect(['a\nb\r\nc\rd'])).toEqual(texts('a', 'b', 'c', 'd'));
    expect(await collect(['a\r', '\nb\n', '\n', 'c'])).toEqual(texts('a', 'b', '', 'c'));
    expect(await collect(['[1, ', '2]\n[3]\n'])).toEqual(texts('[1, 2]', '[3]'));
    expect(await collect([])).toEqual([]);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('é\n😀');
    expect(await collect([bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)])).toEqual(texts('é', '😀'));
  });

  it('reports an over-long line once and keeps going', async () => {
    expect(await collect(['x'.repeat(10), 'y'.repeat(10), '\nok\n', 'z'.repeat(30)], 16)).toEqual([
      { tooLong: true },
      { text: 'ok' },
      { tooLong: true },
    ]);
    expect(await collect(['x'.repeat(16), '\n'], 16)).toEqual(texts('x'.repeat(16)));
  });

  it('holds at most one capped line in memory on an endless stream without newlines', async () => {
    let served = 0;
    const zeros = Readable.from(
      (function* () {
        for (let i = 0; i < 256; i++) {
          served += 64 * 1024;
          yield Buffer.alloc(64 * 1024);
        }
      })(),
    );
    const lines: BoundedLine[] = [];
    for await (const line of boundedLines(zeros, 1024 * 1024)) lines.push(line);
    expect(served).toBe(16 * 1024 * 1024);
    expect(lines).toEqual([{ tooLong: true }]);
  });
});
