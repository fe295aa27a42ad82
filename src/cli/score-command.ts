// `wmlens score`: one JSON array of token ids per input line → one JSON object per output line, with the
// reference layer (T, G, z, normal p, mask) and the calibrated layer (counted units and the calibrated
// p-value as detect() reports it at the default α: src/calibration/block-test.ts).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { decideBlock } from '../calibration/block-test';
import type { CompiledKey } from '../detect';
import { DEFAULT_ALPHA } from '../detect-types';
import { countedGreenVector } from '../score/counted-units';
import { scoreIds } from '../score/score-ids';
import { type WindowSize, parseWindowSize, winMax } from '../stats/winmax';
import type { CliIo } from './cli-io';
import { UsageError } from './errors';
import { GreenThread, runLineGreenWork } from './green-thread';
import { loadKeySet, selectOneKey } from './load-keyset';

const MAX_ID = 2 ** 31 - 1;

export function parseIdsLine(line: string): number[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON (expected an array of token ids)');
  }
  if (!Array.isArray(value)) throw new Error('expected a JSON array of token ids');
  value.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id > MAX_ID) {
      throw new Error(`ids[${i}]: expected a non-negative integer token id, got ${JSON.stringify(id)}`);
    }
  });
  return value as number[];
}

export function scoreLine(key: CompiledKey, ids: number[], window: WindowSize | null): Record<string, unknown> {
  const score = scoreIds(key.scoring, ids);
  const gamma = key.spec.gamma;
  const reference = window === null ? score : winMax(countedGreenVector(score), gamma, window);
  const calibrated = key.calibration.apply(score, gamma);
  // The same pValue detect() reports at the default α (whole block and span search combined).
  const { pValue } = decideBlock(key.calibration.nullModel(gamma), calibrated, DEFAULT_ALPHA);
  const out: Record<string, unknown> = {
    numTokensScored: reference.numTokensScored,
    numGreenTokens: reference.numGreenTokens,
    greenFraction: reference.greenFraction,
    zScore: reference.zScore,
    pValueNormal: reference.pValueNormal,
    pValue,
    numUnits: calibrated.numUnits,
    numGreenUnits: calibrated.numGreenUnits,
  };
  if (score.pValueHf !== undefined && window === null) out.pValueHf = score.pValueHf;
  out.greenMask = Array.from(score.greenMask);
  return out;
}

export async function runScore(argv: string[], io: CliIo, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { keyset: { type: 'string' }, key: { type: 'string' }, window: { type: 'string' } },
  });
  if (values.keyset === undefined) throw new UsageError('score: --keyset FILE is required');
  if (positionals.length > 0) throw new UsageError('score: token ids are read from stdin, one JSON array per line');
  let window: WindowSize | null = null;
  if (values.window !== undefined) {
    try {
      window = parseWindowSize(values.window);
    } catch (error) {
      throw new UsageError(`score: --window: ${(error as Error).message}`);
    }
  }
  // Started first, so that its start-up overlaps loading the key set and reading the input.
  const thread = GreenThread.start();
  try {
    // Token ids in: no tokenizer is needed (or loaded), unless a calibration has to be fitted.
    const key = selectOneKey(await loadKeySet(values.keyset, io, { tokenizers: false }), values.key);

    let lineNumber = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNumber++;
      if (line.trim() === '') continue;
      let out: Record<string, unknown>;
      try {
        const ids = parseIdsLine(line);
        await runLineGreenWork(key.scoring, ids, thread);
        out = scoreLine(key, ids, window);
      } catch (error) {
        out = { error: `line ${lineNumber}: ${(error as Error).message}` };
      }
      io.stdout(JSON.stringify(out) + '\n');
    }
    return 0;
  } finally {
    thread?.close();
  }
}
