/**
 * Findings as JSON: a stable, documented shape for other tools.
 */
import { countBySeverity, type Finding } from '../model/finding.ts';

export function formatFindingsJson(findings: readonly Finding[], checkedFiles: number): string {
  const { errors, warnings } = countBySeverity(findings);
  return `${JSON.stringify({ findings, summary: { errors, warnings, checkedFiles } }, null, 2)}\n`;
}
