// When does the next enabled key set expire? Pages scanned before that moment still show its matches;
// an alarm at that moment re-scans them, so an expired key set stops counting without a reload. Pure.
import type { KeySetInfo } from '../shared/messages';

/** The earliest expiry after `now` (ms since the epoch) among enabled key sets, or null. */
export function nextExpiry(keySets: readonly Pick<KeySetInfo, 'enabled' | 'expires'>[], now: number): number | null {
  let next: number | null = null;
  for (const k of keySets) {
    if (!k.enabled || !k.expires) continue;
    const t = Date.parse(k.expires);
    if (Number.isFinite(t) && t > now && (next === null || t < next)) next = t;
  }
  return next;
}
