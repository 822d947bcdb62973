/**
 * A finding about a user's file: what is wrong, where, and the rule that says so.
 * Findings are data; reporters in `scripts/present/` turn them into text, JSON or annotations.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  /** Rule code, e.g. `timeline/order`. Stable: users filter and document by it. */
  code: string;
  severity: Severity;
  /** Path relative to the repository root, with `/` separators. */
  file: string;
  /** 1-based line; 1 when the finding concerns the whole file. */
  line: number;
  /** 1-based column. */
  col: number;
  message: string;
  /** Source lines around the place with a marker (YAML syntax errors), for the text reporter. */
  excerpt?: string[];
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.col !== b.col) return a.col - b.col;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
