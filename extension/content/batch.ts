// Blocks go to the detector in batches: few enough blocks and characters per message that results
// stream back steadily and one message never carries megabytes.

export const MAX_BATCH_BLOCKS = 24;
export const MAX_BATCH_CHARS = 48_000;

/** Take the next batch off the front of `queue` (at least one item, whatever its size). */
export function takeBatch<T extends { text: string }>(queue: T[], maxBlocks = MAX_BATCH_BLOCKS, maxChars = MAX_BATCH_CHARS): T[] {
  let n = 0;
  let chars = 0;
  while (n < queue.length && n < maxBlocks) {
    const len = queue[n].text.length;
    if (n > 0 && chars + len > maxChars) break;
    chars += len;
    n++;
  }
  return queue.splice(0, n);
}
