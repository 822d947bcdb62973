/**
 * `opsbook report` as Markdown: the report a service manager presents. Headline figures first,
 * then what failed and why, the avoidable share, duplicates, the tickets by service, priority,
 * channel and customer, response and resolution times, SLA compliance per policy, recurring
 * incidents as problem candidates, reviews and actions, stale runbooks; charts as SVG images when
 * they were written next to the file.
 *
 * This module puts the sections together and writes the overview (title, summary, headline
 * figures); the analysis is in `report-markdown-analysis.ts`, what to follow up in
 * `report-markdown-follow-up.ts`, the shared building blocks (escaping with `md`) in
 * `report-markdown-parts.ts`. Every text that comes from a ticket or from opsbook.yaml is
 * escaped: it can neither open HTML, nor a link, nor break a table.
 */
import { NONE, type ReportData } from '../derive/report.ts';
import { rankCounts } from '../derive/report-stats.ts';
import {
  breakdownSection,
  causesSection,
  duplicatesSection,
  slaSection,
  timesSection,
} from './report-markdown-analysis.ts';
import { candidatesSection, reviewsSection, runbooksSection } from './report-markdown-follow-up.ts';
import {
  type Context,
  causeList,
  complianceText,
  formatMinutes,
  kindCount,
  type MarkdownOptions,
  md,
  num,
  percent,
  plural,
  table,
} from './report-markdown-parts.ts';

export type { MarkdownOptions } from './report-markdown-parts.ts';

/** The whole report as Markdown, sections in the order of the module comment. */
export function formatReportMarkdown(report: ReportData, options: MarkdownOptions = {}): string {
  const name = (lookup: ((id: string) => string | undefined) | undefined, id: string) => {
    const display = lookup?.(id);
    return display && display !== id ? `${md(display)} (${md(id)})` : md(id);
  };
  const duplicatesByCategory = new Map<string, number>();
  for (const x of report.duplicates.tickets) {
    const key = x.category ?? NONE;
    if (x.kind === 'incident') duplicatesByCategory.set(key, (duplicatesByCategory.get(key) ?? 0) + 1);
  }
  const ctx: Context = {
    report,
    options,
    maxRows: options.maxRows ?? 25,
    serviceName: (id) => name(options.names?.service, id),
    customerName: (id) => (id === NONE ? 'internal (no customer)' : name(options.names?.customer, id)),
    chart: (file) => {
      const c = options.charts?.find((x) => x.file === file);
      return c ? ['', `![${md(c.title)}](${encodeURI(c.file)})`] : [];
    },
    duplicatesByCategory,
    kinds: Object.entries(report.tickets.byKind)
      .filter(([, c]) => c > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, c]) => kindCount(k, c)),
  };
  const sections = [
    titleSection,
    summarySection,
    headlineSection,
    causesSection,
    duplicatesSection,
    breakdownSection,
    timesSection,
    slaSection,
    candidatesSection,
    reviewsSection,
    runbooksSection,
  ];
  return `${sections.flatMap((section) => section(ctx)).join('\n')}\n`;
}

/** A filter as the user wrote it, in a code span: one line, no backticks. */
function filterSpan(filter: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters and line breaks go
  return `\`${filter.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029`]+/g, ' ')}\``;
}

function titleSection({ report }: Context): string[] {
  const period =
    report.period.from === null
      ? `all tickets reported up to ${md(report.period.to)}`
      : `${md(report.period.from)} to ${md(report.period.to)}`;
  const scope = [
    `**Period:** ${period} (${md(report.period.timezone)})`,
    report.filters.length > 0 ? `**Filter:** ${report.filters.map(filterSpan).join(', ')}` : null,
    `**As of:** ${md(report.at)}`,
  ].filter(Boolean);
  return [`# Incident report: ${md(report.organization)}`, '', scope.join(' · ')];
}

/** The analysis in sentences: what came in, what failed and why, what was avoidable, duplicates. */
function summarySection({ report, kinds, duplicatesByCategory }: Context): string[] {
  const t = report.tickets;
  const inc = report.incidents;
  const a = report.avoidable;
  const d = report.duplicates;
  const out = ['', '## Summary', ''];
  out.push(
    t.total === 0
      ? 'No tickets came in during the period.'
      : `${plural(t.total, 'ticket')} came in ${
          t.firstReported === t.lastReported
            ? `on ${t.firstReported}`
            : `between ${t.firstReported} and ${t.lastReported}`
        }: ${kinds.join(', ')}.`,
  );
  if (inc.total > 0) {
    const ranked = rankCounts(inc.byCategory);
    const top = ranked.length <= 7 ? 7 : 6;
    const categories = ranked.slice(0, top).map(([category, count]) => {
      const dups = duplicatesByCategory.get(category) ?? 0;
      const causes = causeList(inc.byCategoryAndCause[category] ?? {}, 4);
      const label = category === NONE ? 'without category' : md(category);
      return `${num(count)} ${label} (${causes}${dups > 0 ? `; ${plural(dups, 'duplicate')}` : ''})`;
    });
    const others = ranked.slice(top).reduce((sum, [, n]) => sum + n, 0);
    if (others > 0) categories.push(`${num(others)} in ${num(ranked.length - top)} other categories`);
    out.push('', `By category the ${plural(inc.total, 'incident')} were: ${categories.join('; ')}.`);
  }
  if (a.assessed > 0) {
    const unassessed =
      a.notAssessed > 0 ? `; ${num(a.notAssessed)} ${a.notAssessed === 1 ? 'was' : 'were'} not assessed` : '';
    out.push(
      '',
      `**${num(a.avoidable)} of ${num(a.assessed)} ${a.assessed === inc.total ? '' : 'assessed '}incidents (${percent(a.share)}) could have been avoided**; ${num(a.notAvoidable)} could not${unassessed}.`,
    );
  } else if (inc.total > 0) {
    out.push('', 'No incident was assessed as avoidable or not (`avoidable:`).');
  }
  if (d.count > 0) {
    const shown = d.tickets
      .slice(0, 5)
      .map((x) => `${md(x.id)} repeats ${md(x.duplicateOf)}`)
      .join('; ');
    out.push(
      '',
      `${d.count === 1 ? '1 ticket was a duplicate' : `${num(d.count)} tickets were duplicates`} (the same fault reported again): ${shown}${d.count > 5 ? '; …' : ''}.`,
    );
  }
  return out;
}

function headlineSection({ report, kinds, chart, options }: Context): string[] {
  const { tickets: t, avoidable: a, times: rt, sla, reviews: rv, actions: ac, runbooks: rb } = report;
  const headline: string[][] = [
    ['Tickets', `${num(t.total)}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`],
    ['Open at the report instant', num(t.open)],
    [
      'Avoidable incidents',
      a.assessed > 0 ? `${num(a.avoidable)} of ${num(a.assessed)} (${percent(a.share)})` : '—',
    ],
    ['Duplicates', num(report.duplicates.count)],
    [
      'MTTA, median (wall-clock / working)',
      `${formatMinutes(rt.mtta.wallClock.median, true)} / ${formatMinutes(rt.mtta.working.median, false)}`,
    ],
    [
      'MTTR, median (wall-clock / working)',
      `${formatMinutes(rt.mttr.wallClock.median, true)} / ${formatMinutes(rt.mttr.working.median, false)}`,
    ],
    ['SLA response met', complianceText(sla.response)],
    ['SLA resolution met', complianceText(sla.resolution)],
    ['Problem candidates', num(report.problemCandidates.candidates.length)],
    ['Reviews', `${num(rv.required)} required, ${num(rv.done)} done, ${num(rv.overdue)} overdue`],
    ['Actions', `${num(ac.open)} open of ${num(ac.total)}, ${num(ac.overdue)} overdue`],
    [
      'Runbooks',
      `${num(rb.stale.length)} stale of ${num(rb.total)}, ${num(rb.neverDrilled.length)} never drilled`,
    ],
  ];
  const out = ['', ...table(['Figure', 'Value'], headline, 100, 'rows')];
  if (options.charts?.some((c) => c.file === 'tickets-per-month.svg')) {
    out.push('', '## Tickets per month', ...chart('tickets-per-month.svg'));
  }
  return out;
}
