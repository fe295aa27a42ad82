// Valibot reports paths as lists of keys; people read `keys[1].detection.normalizers[0]`.

import type { BaseIssue } from 'valibot';
import type { KeySetIssue } from './errors';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

export function toKeySetIssues(issues: readonly BaseIssue<unknown>[], base: string): KeySetIssue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).reduce<string>((path, item) => joinPath(path, item.key as string | number), base),
    message: issue.message,
  }));
}
