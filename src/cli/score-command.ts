// `wmlens score`: one JSON array of token ids per input line → one JSON object per output line, with the
// reference layer (T, G, z, normal p, mask) and the calibrated layer (counted units and the calibrated
// p-value as detect() reports it at the default α: src/calibration/block-test.ts).
import { parseArgs } from 'node:util';
import { decideBlock } from '../calibration/block-test';
import type { CompiledKey } from '../detect';
import type { CompiledSynthIdKey } from '../detector/compiled';
import { DEFAULT_ALPHA } from '../detect-types';
import { countedGreenVector } from '../score/counted-units';
import { primeGreenWork } from '../score/green-work';
import { type PlannedAnswers, scoreIds } from '../score/score-ids';
import { type WindowSize, parseWindowSize, winMax } from '../stats/winmax';
import type { CliIo } from './cli-io';
import { UsageError } from './errors';
import { GreenThreads, runLineGreenWork } from './green-thread';
import { terminalSafeJson } from './format';
import { MAX_IDS_PER_LINE, parseIdsLine } from './ids-line';
import { boundedLines } from './lines';
import { isSynthIdCompiled, isUnigramCompiled, loadKeySet, selectOneKey } from './load-keyset';
import { unigramScoreLine } from './unigram-lines';
import { synthIdScoreLine } from './score-synthid';

/** Bytes on one input line: room for MAX_IDS_PER_LINE ids of ten digits with separators and spaces. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

export function scoreLine(key: CompiledKey, ids: number[], window: WindowSize | null, planned?: PlannedAnswers): Record<string, unknown> {
  const score = scoreIds(key.scoring, ids, planned);
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
  // The second thread: started here with WMLENS_THREADS=1 (its start-up then overlaps loading the key
  // set), otherwise only for a line with enough green-list work to pay for it (green-thread.ts).
  const threads = new GreenThreads();
  try {
    // Token ids in: no tokenizer is needed (or loaded), unless a calibration has to be fitted.
    const key = selectOneKey(await loadKeySet(values.keyset, io, { tokenizers: false }), values.key);
    if (window !== null && key.spec.scheme !== 'kgw') throw new UsageError(`score: --window is for kgw keys (WinMax); ${key.spec.kid} is a ${key.spec.scheme} key`);

    let lineNumber = 0;
    // The previous line's green-list answers, primed into the key's oracle only once another line
    // comes (it may meet the same pairs): the last line, often the only one, does not pay for it.
    let primePrevious: (() => void) | null = null;
    for await (const line of boundedLines(input as AsyncIterable<Buffer | string>, MAX_LINE_BYTES)) {
      lineNumber++;
      primePrevious?.();
      primePrevious = null;
      if ('text' in line && line.text.trim() === '') continue;
      let out: Record<string, unknown>;
      try {
        if (!('text' in line)) throw new Error(`longer than ${MAX_LINE_BYTES / (1024 * 1024)} MiB; wmlens score takes at most ${MAX_IDS_PER_LINE} ids per line`);
        const ids = parseIdsLine(line.text);
        if (isUnigramCompiled(key)) out = unigramScoreLine(key, ids);
        else if (isSynthIdCompiled(key)) out = synthIdScoreLine(key, ids);
        else {
          const { work, answers } = await runLineGreenWork(key.scoring, ids, threads);
          out = scoreLine(key, ids, window, { slots: work.slots, answers });
          primePrevious = () => primeGreenWork(key.scoring.oracle, work, answers);
        }
      } catch (error) {
        out = { error: `line ${lineNumber}: ${(error as Error).message}` };
      }
      io.stdout(terminalSafeJson(out) + '\n');
    }
    return 0;
  } finally {
    await threads.close();
  }
}
