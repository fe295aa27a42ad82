// Tokenizer files (Hugging Face tokenizer.json, 5–30 MB) kept in IndexedDB by their SHA-256, not in
// storage.local: they are large, binary-safe and read by the detection Worker, which has IndexedDB
// but no extension storage API. The background writes (after verifying the bytes); Workers read. A
// file is stored once whatever key sets name it. Metadata lives in its own object store so listing
// and garbage collection never load the bytes.
import { done, lazyDatabase, request } from './idb';

export const TOKENIZER_DB = 'wmlens-tokenizers';
const DB_VERSION = 1;
const FILES = 'files';
const META = 'meta';

export interface TokenizerFileMeta {
  sha256: string;
  sizeBytes: number;
  /** As the key set that first brought it named it. */
  name: string;
  url: string;
  /** ms since epoch. */
  storedAt: number;
}

interface FileRow {
  sha256: string;
  bytes: ArrayBuffer;
}

const db = lazyDatabase(TOKENIZER_DB, DB_VERSION, (d) => {
  if (!d.objectStoreNames.contains(FILES)) d.createObjectStore(FILES, { keyPath: 'sha256' });
  if (!d.objectStoreNames.contains(META)) d.createObjectStore(META, { keyPath: 'sha256' });
});

/** The bytes of a stored file, or undefined. The caller verifies them (the core does, before parsing). */
export async function readTokenizerFile(sha256: string): Promise<Uint8Array | undefined> {
  const tx = (await db()).transaction(FILES, 'readonly');
  const row = (await request(tx.objectStore(FILES).get(sha256))) as FileRow | undefined;
  return row === undefined ? undefined : new Uint8Array(row.bytes);
}

export async function tokenizerFileMeta(sha256: string): Promise<TokenizerFileMeta | undefined> {
  const tx = (await db()).transaction(META, 'readonly');
  return (await request(tx.objectStore(META).get(sha256))) as TokenizerFileMeta | undefined;
}

export async function listTokenizerFiles(): Promise<TokenizerFileMeta[]> {
  const tx = (await db()).transaction(META, 'readonly');
  return (await request(tx.objectStore(META).getAll())) as TokenizerFileMeta[];
}

/** Stores verified bytes; bytes and metadata are written in one transaction, so neither exists alone. */
export async function storeTokenizerFile(meta: TokenizerFileMeta, bytes: Uint8Array): Promise<void> {
  const tx = (await db()).transaction([FILES, META], 'readwrite');
  // A copy that owns exactly its bytes (a view may sit in a larger buffer).
  const own = bytes.slice().buffer;
  tx.objectStore(FILES).put({ sha256: meta.sha256, bytes: own } satisfies FileRow);
  tx.objectStore(META).put(meta);
  await done(tx);
}

/** Deletes every stored file not in `keep` and stored before `storedBefore`; returns the hashes deleted. */
export async function deleteTokenizerFilesExcept(keep: ReadonlySet<string>, storedBefore: number): Promise<string[]> {
  const drop = (await listTokenizerFiles()).filter((m) => !keep.has(m.sha256) && m.storedAt < storedBefore).map((m) => m.sha256);
  if (drop.length === 0) return [];
  const tx = (await db()).transaction([FILES, META], 'readwrite');
  for (const sha256 of drop) {
    tx.objectStore(FILES).delete(sha256);
    tx.objectStore(META).delete(sha256);
  }
  await done(tx);
  return drop;
}
