/**
 * The body of the pull-request summary comment (`opsbook github pr-summary`): the validation
 * findings of the changed files and the SLA state of the tickets the pull request touches.
 *
 * Finding messages and ticket titles come from the pull request, which may come from anyone:
 * table cells are escaped (`markdownCell`), and every `@` in the body loses its mention (the
 * comment mentions nobody). The body starts with the hidden marker that makes it sticky, and
 * stays within GitHub's size limit.
 */
import type { PolicyCalendars, SlaReport } from '../derive/sla-report.ts';
import { countBySeverity, type Finding } from '../model/finding.ts';
import { breakMentions, limitBody, PR_SUMMARY_MARKER } from './github-text.ts';
import { formatSlaMarkdown, markdownCell } from './sla.ts';

export const MAX_FINDING_ROWS = 100;

export interface PrSummaryInput {
  /** The ref the pull request is compared with. */
  base: string;
  findings: readonly Finding[];
  checkedFiles: number;
  /** The SLA of the touched tickets (null when the pull request touches none). */
  sla: SlaReport | null;
  calendars: PolicyCalendars;
  titleOf: (id: string) => string | undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatPrSummary(input: PrSummaryInput): string {
  const { errors, warnings } = countBySeverity(input.findings);
  // The changed tickets and runbooks, and opsbook.yaml (always checked).
  const files = plural(input.checkedFiles, 'file');
  const base = markdownCell(input.base);
  const out = [PR_SUMMARY_MARKER, '## Opsbook', ''];
  if (input.findings.length === 0) {
    out.push(`✅ **Validation:** ${files} checked (changes since ${base}), no problems.`, '');
  } else {
    out.push(
      `${errors > 0 ? '❌' : '⚠️'} **Validation:** ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${files} checked (changes since ${base}).`,
      '',
      '| File | Line | Severity | Rule | Message |',
      '|---|---:|---|---|---|',
    );
    for (const f of input.findings.slice(0, MAX_FINDING_ROWS)) {
      out.push(
        `| ${markdownCell(f.file)} | ${f.line}:${f.col} | ${f.severity} | ${markdownCell(f.code)} | ${markdownCell(f.message)} |`,
      );
    }
    if (input.findings.length > MAX_FINDING_ROWS) {
      out.push('', `… and ${input.findings.length - MAX_FINDING_ROWS} more; the job summary lists all.`);
    }
    out.push('');
  }
  if (input.sla === null || input.sla.tickets.length === 0) {
    out.push('No ticket with SLA clocks changed in this pull request.', '');
  } else {
    out.push(formatSlaMarkdown(input.sla, input.calendars, input.titleOf));
  }
  out.push('<sub>Updated by `opsbook github pr-summary` on every push.</sub>', '');
  const body = breakMentions(out.join('\n'));
  return limitBody(
    body,
    'cut to the size GitHub allows; `opsbook validate --changed-since` shows everything.',
  );
}
