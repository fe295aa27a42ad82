// The upper levels of the core's nested number-keyed caches (span plans by rate, α and shortest
// length; verdict thresholds by level and share): few distinct keys are expected there, so a level
// that somehow holds `bound` of them is emptied rather than tracked in use order.

/** The value under `key`, made by `make` when missing; a map already holding `bound` entries is emptied first. */
export function childOf<K, V>(map: Map<K, V>, key: K, bound: number, make: () => V): V {
  let child = map.get(key);
  if (child === undefined) {
    if (map.size >= bound) map.clear();
    child = make();
    map.set(key, child);
  }
  return child;
}
