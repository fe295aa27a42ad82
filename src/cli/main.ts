// `wmlens` entry: dispatch, and turn every expected failure into a message and an exit code
// (design §5: 0 success, 1 invalid input, 2 usage) — never a stack trace.
import type { CliIo } from './cli-io';
import { runDetect } from './detect-command';
import { EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, InputError, UsageError } from './errors';
import { escapeForTerminal } from './format';
import { runKeysetCommand } from './keyset-command';
import { runScore } from './score-command';
import { USAGE } from './usage';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  detect: runDetect,
  score: runScore,
  keyset: runKeysetCommand,
  // Loaded on demand: it trains the stand-in language model, which the other commands never need.
  generate: async (argv, io) => (await import('./generate-command')).runGenerate(argv, io),
};

/** Messages quote file names, key-set fields and input lines: shown with their control characters escaped. */
function messageOf(error: unknown): string {
  return escapeForTerminal((error as Error).message ?? String(error), { keepNewlines: true });
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE + '\n');
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const run = COMMANDS[command];
  // `wmlens detect --help` and the like: the usage, on stdout, as a successful answer (options after a
  // lone "--" are file names, not flags).
  const flags = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (run !== undefined && (flags.includes('--help') || flags.includes('-h'))) {
    io.stdout(USAGE + '\n');
    return EXIT_OK;
  }
  try {
    if (run === undefined) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`wmlens: ${messageOf(error)}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      io.stderr(`wmlens: ${messageOf(error)}\n`);
      return EXIT_INVALID_INPUT;
    }
    // Anything else is a bug in wmlens, not in the input; still no stack trace unless asked for.
    io.stderr(`wmlens: internal error: ${messageOf(error)}\n`);
    if (process.env.WMLENS_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return EXIT_INVALID_INPUT;
  }
}

/** Runs the CLI on this process's arguments and streams; used by bin/wmlens.js. */
export async function main(): Promise<void> {
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
