// Exit codes of the CLI contract (design §5): 0 success, 1 invalid input, 2 usage.
export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

/** Bad command line: printed with the usage text, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Bad input (file, key set, text): printed as is, exit 1. The message names what and where. */
export class InputError extends Error {
  override name = 'InputError';
}
