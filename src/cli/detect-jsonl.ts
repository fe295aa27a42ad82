// `wmlens detect --jsonl`: batch mode (design §5). One JSON object `{"id": …, "text": "…"}` per input
// line; one output line per input line, `{"id": …, "results": [...]}` (the same per-key objects as
// `detect --json`) or `{"id": …, "error": "…"}`; the key set and its tokenizers are loaded once, by the
// caller. Blank lines are skipped; a bad line does not stop the batch.
import type { CompiledKeySet, DetectOptions } from '../detect';
import { detect } from '../detect';
import type { CliIo } from './cli-io';

/**
 * Reads the line's object. The id is returned whenever the line is a JSON object with one, so an error
 * about its text still names the item.
 */
export function parseJsonlLine(line: string): { id: unknown; text?: string; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: 'not valid JSON (expected {"id": …, "text": "…"})' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'expected a JSON object {"id": …, "text": "…"}' };
  }
  const { id = null, text } = value as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') return { id, error: `"text" must be a string, got ${text === undefined ? 'nothing' : typeof text}` };
  return { id, text };
}

export async function runDetectJsonl(keySet: CompiledKeySet, options: DetectOptions, io: CliIo, input: NodeJS.ReadableStream): Promise<void> {
  let lineNumber = 0;
  // Output is batched: one write per ~256 lines instead of one per line keeps large batches fast.
  let pending: string[] = [];
  // Loaded here: every other command starts faster without node:readline.
  const { createInterface } = await import('node:readline');
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const { id, text, error } = parseJsonlLine(line);
    let out: Record<string, unknown>;
    if (text === undefined) out = { id, error: `line ${lineNumber}: ${error}` };
    else {
      try {
        out = { id, results: detect(text, [keySet], options) };
      } catch (e) {
        out = { id, error: `line ${lineNumber}: ${(e as Error).message}` };
      }
    }
    pending.push(JSON.stringify(out));
    if (pending.length >= 256) {
      io.stdout(pending.join('\n') + '\n');
      pending = [];
    }
  }
  if (pending.length > 0) io.stdout(pending.join('\n') + '\n');
}
