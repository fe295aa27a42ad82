// Measures the content script's own synchronous work (walk slices, mutation callbacks, applying
// results, repositioning), forced style and layout included. Page-wide long-task observers cannot
// tell the extension's tasks from the page's, and content scripts are not attributed in
// long-animation-frame entries, so the popup state reports this figure for tests and the bench.
import { traceMark } from '../shared/trace';

let longest = 0;

/** Over this, a task is logged (console.debug, hidden by default) with what it was. */
const LOG_OVER_MS = 50;

export function measured<A extends unknown[], R>(label: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const t0 = performance.now();
    try {
      return fn(...args);
    } finally {
      const ms = performance.now() - t0;
      if (ms > longest) longest = ms;
      if (ms > LOG_OVER_MS) {
        console.debug(`[wmlens] ${label} took ${ms.toFixed(1)} ms`);
        traceMark(`content: long task (${label}, ${Math.round(ms)} ms)`);
      }
    }
  };
}

export function longestTaskMs(): number {
  return Math.round(longest * 10) / 10;
}
