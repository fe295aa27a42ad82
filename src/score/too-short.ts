/** The reference refuses to score: fewer than one token after the context the scheme needs. */
export class TooShortError extends Error {
  constructor(
    readonly numTokens: number,
    readonly contextWidth: number,
  ) {
    super(
      `too short: ${numTokens} token(s) but the seeding scheme needs at least ${contextWidth + 1} ` +
        `(${contextWidth} of context before the first scored token)`,
    );
    this.name = 'TooShortError';
  }
}
