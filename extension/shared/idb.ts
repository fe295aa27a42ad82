// The IndexedDB plumbing the extension's stores share (tokenizer files, calibration fits, green lists):
// promises for requests and transactions, and one lazily opened connection per database that gives way
// to another context's upgrade and is opened again after a failure.

export function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** `db()` opens `name` at `version` on first use (running `upgrade` when needed) and reuses it. */
export function lazyDatabase(name: string, version: number, upgrade: (d: IDBDatabase) => void): () => Promise<IDBDatabase> {
  let opening: Promise<IDBDatabase> | null = null;
  return () => {
    if (opening === null) {
      opening = new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onupgradeneeded = () => upgrade(open.result);
        open.onsuccess = () => {
          const d = open.result;
          // Another context upgrading (a new extension version) must not be blocked by this one.
          d.onversionchange = () => {
            d.close();
            opening = null;
          };
          resolve(d);
        };
        open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
        open.onblocked = () => reject(new Error('IndexedDB is blocked by another open connection'));
      });
      // A failed open is not remembered: the next call tries again.
      opening.catch(() => (opening = null));
    }
    return opening;
  };
}
