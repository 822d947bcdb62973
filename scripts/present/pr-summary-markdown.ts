/**
 * The body of the pull-request summary comment, rendered from the summary data
 * (pr-summary-data.ts) by the trusted workflow: the validation findings of the changed files and
 * the SLA state of the tickets the pull request touches.
 *
 * Every value in the data may come from a fork (file names, finding messages, ticket titles, and
 * the artifact itself): each is one table cell or inline text escaped with `markdownCell` (no
 * HTML, links, images or formatting), numbers are printed as numbers, states only through our
 * own table, and every `@` in the body loses its mention. The body starts with the hidden
 * marker that makes it sticky, and stays within GitHub's size limit.
 */
import { CLOCK_STATES } from '../derive/sla-report.ts';
import { breakMentions, limitBody, PR_SUMMARY_MARKER } from './github-text.ts';
import type { PrSummaryContent, PrSummarySlaRow } from './pr-summary-data.ts';
import { formatBusinessSpan, formatLocal, markdownCell, STATE_MARKDOWN } from './sla.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function slaRow(row: PrSummarySlaRow): string {
  const title = row.title ? ` ${markdownCell(row.title)}` : '';
  const due = row.due ? formatLocal(row.due, row.zone) : '';
  const left =
    row.due === null || row.leftMs === null
      ? ''
      : // The data carries working time only (no calendar on the trusted side): hours and minutes.
        `${formatBusinessSpan({ days: 0, workingMs: Math.abs(row.leftMs) })} ${row.leftMs >= 0 ? 'left' : 'over'}`;
  return `| ${markdownCell(row.id)}${title} | ${markdownCell(row.priority ?? '—')} | ${markdownCell(row.policy ?? '—')} | ${STATE_MARKDOWN[row.response]} | ${STATE_MARKDOWN[row.resolution]} | ${due} | ${left} |`;
}

function slaSection(sla: NonNullable<PrSummaryContent['sla']>): string[] {
  const out = [
    `### SLA at ${sla.at}`,
    '',
    `${plural(sla.tickets, 'ticket')}; clocks: ${CLOCK_STATES.map((s) => `${sla.clocks[s]} ${s}`).join(', ')}.`,
    '',
    '| Ticket | Priority | Policy | Response | Resolution | Next due | Left |',
    '|---|---|---|---|---|---|---|',
    ...sla.rows.map(slaRow),
  ];
  if (sla.tickets > sla.rows.length)
    out.push('', `… and ${sla.tickets - sla.rows.length} more (\`opsbook sla --format json\` lists all).`);
  out.push('');
  return out;
}

export function formatPrSummary(data: PrSummaryContent): string {
  const files = plural(data.checkedFiles, 'file');
  const base = markdownCell(data.base);
  const total = data.errors + data.warnings;
  const out = [PR_SUMMARY_MARKER, '## Opsbook', ''];
  if (total === 0) {
    out.push(`✅ **Validation:** ${files} checked (changes since ${base}), no problems.`, '');
  } else {
    out.push(
      `${data.errors > 0 ? '❌' : '⚠️'} **Validation:** ${plural(data.errors, 'error')}, ${plural(data.warnings, 'warning')} in ${files} checked (changes since ${base}).`,
      '',
      '| File | Line | Severity | Rule | Message |',
      '|---|---:|---|---|---|',
    );
    for (const f of data.findings) {
      out.push(
        `| ${markdownCell(f.file)} | ${f.line}:${f.col} | ${f.severity} | ${markdownCell(f.code)} | ${markdownCell(f.message)} |`,
      );
    }
    if (total > data.findings.length) {
      out.push('', `… and ${total - data.findings.length} more; the job summary lists all.`);
    }
    out.push('');
  }
  if (data.sla === null) out.push('No ticket with SLA clocks changed in this pull request.', '');
  else out.push(...slaSection(data.sla));
  out.push('<sub>Updated by `opsbook github pr-summary` on every push.</sub>', '');
  const body = breakMentions(out.join('\n'));
  return limitBody(
    body,
    'cut to the size GitHub allows; `opsbook validate --changed-since` shows everything.',
  );
}
