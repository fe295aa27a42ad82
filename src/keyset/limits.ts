// Every limit a key-set document is held to (design §3.2 "Limits", docs/keyset-format.md). A key set
// is untrusted input: these bound what checking one can cost, before any of it is compiled. One module
// so that every scheme (KGW, SynthID, Unigram) and every reader (CLI, extension) uses the same numbers.
//
// Measured on the 2-core development machine (docs/keyset-format.md §Limits): a document at every limit
// at once compiles in a few seconds within ~200 MiB; anything over a limit is refused in milliseconds,
// by the parser, before anything is allocated for it.

/** Size of the document in bytes (UTF-8). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * Nesting of arrays and objects in the document. The format itself needs 5 (document, keys, key,
 * testVectors, vector, ids); more is refused before JSON.parse, which takes over a second on the half
 * million levels that fit in 1 MiB.
 */
export const MAX_JSON_DEPTH = 32;

/** `vocabSize` (KGW, Unigram): 2^20, four times Gemma's 262,144. Green-list tables are O(vocabSize). */
export const MAX_VOCAB_SIZE = 1 << 20;

/** Keys in one key set. */
export const MAX_KEYS = 64;

/** Test vectors of one key. */
export const MAX_TEST_VECTORS_PER_KEY = 64;

/** Token ids in one test vector. */
export const MAX_TEST_VECTOR_IDS = 4096;

/** A Hugging Face tokenizer.json named by a key (design §3.1), read with a streamed cap like the document. */
export const MAX_TOKENIZER_FILE_BYTES = 32 * 1024 * 1024;

/** Layer keys (`keys`) of one SynthID key. */
export const MAX_LAYER_KEYS = 256;

/**
 * Distinct seedings in one key set: a seeding is what decides which tokens count as one unit
 * (implementation, seeding scheme, context width, hash key, tokenizer, normalizers). Each distinct one
 * costs a calibration fit on the bundled reference sample, 0.15–0.4 s (src/calibration), so 64 keys with
 * 64 different hash keys took 10–25 s to compile. An hf-transformers selfhash key also seeds its own
 * 1,000,003-entry table (4 MiB, 10⁶ generator draws; src/seeding/hashint.ts), so this bounds those too.
 * The same number bounds SynthID table keys' distinct n-gram allowances (one fit each, ~0.25 s).
 */
export const MAX_DISTINCT_SEEDINGS = 8;

/**
 * Distinct green-list geometries (vocabSize, green-list size, head or tail) in one key set: each gets a
 * green-list cache of up to 32 MiB once it scores text (src/score/green-oracle.ts).
 */
export const MAX_GREEN_LIST_GEOMETRIES = 8;

/**
 * Work to reproduce a key set's test vectors, in generator draws: each id of a vector costs at most the
 * Fisher–Yates steps that decide membership (the green-list size, or vocabSize minus it for tail lists)
 * plus one pass over a vocabSize-bit bitset (vocabSize / 32 words). 2^26 (6.7 × 10^7) is ~0.5 s on the
 * development machine (~130 M draws/s); the bundled key set needs 1.4 × 10^7 (a GPT-2-sized key affords ~4,700 ids, a Gemma-sized one ~900).
 */
export const MAX_TEST_VECTOR_WORK = 2 ** 26;
