export class NormalizerError extends Error {
  constructor(
    readonly normalizer: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A normalizer the reference has but whose output this project cannot reproduce. */
export class UnsupportedNormalizerError extends NormalizerError {}

/** A name the reference does not know either (it would crash on it). */
export class UnknownNormalizerError extends NormalizerError {}
