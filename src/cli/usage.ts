export const USAGE = `Usage: wmlens <command> [options]

Commands:
  detect --keyset FILE [--key KID] [--alpha A] [--json] [FILE|-]
      Check a text (a file, or stdin when FILE is - or absent) for the watermarks of a key set.
  detect --keyset FILE [--key KID] [--alpha A] --jsonl
      Batch: stdin holds one {"id": …, "text": "…"} object per line; one {"id", "results"} (or
      {"id", "error"}) line out per line in. The key set is loaded once.
  score --keyset FILE [--key KID] [--window max|N,N,...]
      Score token ids: stdin holds one JSON array of ids per line; one JSON object per line out.
  keyset check FILE
      Validate a key set document and reproduce its test vectors.
  generate --keyset FILE --key KID [--tokens N] [--delta D] [--seed S] [--prompt TEXT]
           [--temperature T] [--json]
      Write text watermarked under a key (for tests and demos). An n-gram model trained on
      data/human-sample stands in for an LLM; the same seed gives the same text.

Exit codes: 0 success, 1 invalid input, 2 usage.`;
