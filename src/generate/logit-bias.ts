// What the generation loop needs from a watermark: add its bias to the candidates' logits after a
// history and say which candidates it favoured. KGW's WatermarkBias, Unigram's fixed-list bias and
// SynthID's tournament (src/synthid/tournament.ts) all fit; the loop does not care which scheme it runs.
export interface LogitBias {
  /** Adds the bias in place (`candidates[i]` is the token id of `logits[i]`); returns favoured indices. */
  apply(history: ArrayLike<number>, candidates: ArrayLike<number>, logits: Float64Array): number[];
}
