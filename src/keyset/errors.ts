// One error type for every way a key-set document can be refused, so callers (CLI, popup, updater)
// can show each problem next to the field it concerns.

export interface KeySetIssue {
  /** Field path such as `keys[1].gamma`; '' for the document as a whole (size, encoding, syntax). */
  path: string;
  message: string;
}

/** Long lists (e.g. thousands of bad token ids) would drown the useful lines in a terminal or popup. */
const MAX_ISSUES_IN_MESSAGE = 50;

export function formatIssue(issue: KeySetIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

export function formatIssues(issues: readonly KeySetIssue[]): string {
  const lines = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map(formatIssue);
  if (issues.length > MAX_ISSUES_IN_MESSAGE) {
    lines.push(`… and ${issues.length - MAX_ISSUES_IN_MESSAGE} more issues`);
  }
  return lines.join('\n');
}

export class KeySetError extends Error {
  /** Every issue found, in document order; `message` shows at most the first 50. */
  readonly issues: KeySetIssue[];

  constructor(issues: KeySetIssue[]) {
    super(formatIssues(issues));
    this.name = 'KeySetError';
    this.issues = issues;
  }
}
