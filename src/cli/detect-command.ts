import { parseArgs } from 'node:util';
import { detect } from '../detect';
import { DEFAULT_ALPHA } from '../detect-types';
import { UsageError } from './errors';
import { formatDetection, terminalSafeJson } from './format';
import { MAX_TEXT_INPUT_BYTES, decodeText, readInputFile, readStdin } from './io';
import { runDetectJsonl } from './detect-jsonl';
import { loadKeySet, selectKeySet } from './load-keyset';
import type { CliIo } from './cli-io';

export async function runDetect(argv: string[], io: CliIo, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      keyset: { type: 'string' },
      key: { type: 'string' },
      alpha: { type: 'string' },
      json: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      'no-spans': { type: 'boolean', default: false },
    },
  });
  if (values.keyset === undefined) throw new UsageError('detect: --keyset FILE is required');
  if (positionals.length > 1) throw new UsageError('detect: give at most one input file');
  const alpha = values.alpha === undefined ? DEFAULT_ALPHA : Number(values.alpha);
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`detect: --alpha must be a number between 0 and 1, got ${values.alpha}`);

  if (values.jsonl && values.json) throw new UsageError('detect: --json and --jsonl are exclusive (--jsonl already writes JSON)');
  if (values.jsonl && positionals.length > 0 && positionals[0] !== '-') {
    throw new UsageError('detect --jsonl: the batch is read from stdin, one {"id", "text"} object per line');
  }

  const keySet = await loadKeySet(values.keyset, io);
  const selected = selectKeySet(keySet, values.key);
  if (values.jsonl) {
    await runDetectJsonl(selected, { alpha, spans: !values['no-spans'] }, io, input);
    return 0;
  }
  const source = positionals[0] ?? '-';
  const bytes = source === '-' ? await readStdin(MAX_TEXT_INPUT_BYTES, input) : readInputFile(source, 'input', MAX_TEXT_INPUT_BYTES);
  const text = decodeText(bytes, source === '-' ? 'stdin' : source);

  const results = detect(text, [selected], { alpha, spans: !values['no-spans'] });
  if (values.json) {
    // One key selected: its fields also sit at the top level, so `jq .zScore` works.
    const single = results.length === 1 ? results[0] : {};
    io.stdout(terminalSafeJson({ ...single, alpha, results }) + '\n');
  } else {
    io.stdout(results.map((r) => formatDetection(r, text)).join('\n') + '\n');
  }
  return 0;
}
