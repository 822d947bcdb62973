/**
 * The follow-up sections of the Markdown report (`report-markdown.ts`): recurring incidents as
 * problem candidates (with the command that opens the problem record), outstanding reviews and
 * open actions, stale and never-drilled runbooks. Each section takes the shared context and
 * returns its lines.
 */
import { startOfLocalDay } from '../derive/report-period.ts';
import { instantMs } from '../model/time.ts';
import { localDate } from '../model/zone-offsets.ts';
import { type Context, codeBlock, md, num, plural, table } from './report-markdown-parts.ts';

/** Recurring incidents without a problem record, each with its incidents and the command to open one. */
export function candidatesSection({
  report,
  options,
  maxRows,
  serviceName,
  customerName,
}: Context): string[] {
  const pc = report.problemCandidates.candidates;
  const ps = report.problemCandidates.settings;
  const periodStart =
    report.period.from === null
      ? Number.NEGATIVE_INFINITY
      : startOfLocalDay(report.period.from, report.period.timezone);
  const out = ['', '## Recurring incidents: problem candidates', ''];
  out.push(
    `Incidents without a problem record that share ${ps.groupBy.map(md).join(' and ')}, at least ${num(ps.minCount)} within ${plural(ps.windowDays, 'day')} (opsbook.yaml \`problems.recurrence\`); earlier incidents up to ${plural(ps.windowDays, 'day')} before the period count as well.`,
  );
  if (pc.length === 0) out.push('', 'No recurring incidents without a problem record.');
  pc.slice(0, maxRows).forEach((c, i) => {
    const key = Object.entries(c.key)
      .map(
        ([f, v]) =>
          `${md(f)} ${f === 'service' ? serviceName(v) : f === 'customer' ? customerName(v) : md(v)}`,
      )
      .join(', ');
    const earlier = c.earlier > 0 ? `; ${num(c.earlier)} of them before the period` : '';
    out.push(
      '',
      `### ${i + 1}. ${md(c.title)}`,
      '',
      `${plural(c.count, 'incident')} (${key}), at most ${num(c.maxInWindow)} within ${plural(ps.windowDays, 'day')}${earlier}:`,
      '',
    );
    for (const id of c.tickets.slice(0, maxRows)) {
      const info = options.ticket?.(id);
      if (!info) {
        out.push(`- ${md(id)}`);
        continue;
      }
      const reported = instantMs(info.reported_at);
      const before = reported < periodStart ? ', before the period' : '';
      out.push(
        `- ${md(id)} ${md(info.title)} (reported ${localDate(reported, report.period.timezone)}${before})`,
      );
    }
    if (c.tickets.length > maxRows) out.push(`- … and ${num(c.tickets.length - maxRows)} more`);
    out.push(
      '',
      'Open a problem record and link the incidents to it (`problem:`):',
      '',
      ...codeBlock(c.command, 'sh'),
    );
  });
  if (pc.length > maxRows) {
    out.push('', `… and ${num(pc.length - maxRows)} more candidates (\`--format json\` lists all).`);
  }
  return out;
}

/** Post-incident reviews and follow-up actions: counts, outstanding reviews, open actions. */
export function reviewsSection({ report, maxRows }: Context): string[] {
  const rv = report.reviews;
  const ac = report.actions;
  const out = ['', '## Reviews and actions', ''];
  out.push(
    `Post-incident reviews: ${num(rv.required)} required, ${num(rv.done)} done, ${num(rv.outstanding.length)} outstanding (${num(rv.overdue)} overdue, ${num(rv.due)} due, ${num(rv.pending)} pending until the ticket is resolved). Follow-up actions: ${num(ac.total)} in all, ${num(ac.done)} done, ${num(ac.open)} open, ${num(ac.overdue)} overdue.`,
  );
  if (rv.outstanding.length > 0) {
    out.push(
      '',
      '### Outstanding reviews',
      '',
      ...table(
        ['Ticket', 'Title', 'Due', 'State'],
        rv.outstanding.map((r) => [
          md(r.ticket),
          md(r.title),
          r.due ?? '—',
          r.state === 'overdue' ? '**overdue**' : r.state,
        ]),
        maxRows,
        'reviews',
      ),
    );
  }
  if (ac.openActions.length > 0) {
    out.push(
      '',
      '### Open actions',
      '',
      ...table(
        ['Ticket', 'Action', 'Owner', 'Due', 'State'],
        ac.openActions.map((x) => [
          md(x.ticket),
          md(x.title),
          x.owner === null ? '—' : md(x.owner),
          x.due ?? '—',
          x.overdue ? '**overdue**' : 'open',
        ]),
        maxRows,
        'actions',
      ),
    );
  }
  return out;
}

const STALE_WHY: Record<string, string> = {
  'review-overdue': 'review overdue',
  'drill-overdue': 'drill overdue',
  'never-drilled': 'never drilled',
};

/** Stale and never-drilled runbooks. */
export function runbooksSection({ report, maxRows }: Context): string[] {
  const rb = report.runbooks;
  const out = ['', '## Runbooks', ''];
  out.push(
    `${plural(rb.total, 'runbook')}: ${num(rb.stale.length)} stale (review or drill overdue), ${num(rb.neverDrilled.length)} never drilled.`,
  );
  if (rb.stale.length > 0) {
    out.push(
      '',
      ...table(
        ['Runbook', 'Title', 'Owner', 'Why', 'Review due', 'Drill due'],
        rb.stale.map((r) => [
          md(r.id),
          md(r.title),
          md(r.owner),
          r.reasons.map((x) => STALE_WHY[x] ?? x).join(', '),
          r.reviewDue ?? '—',
          r.drillDue ?? '—',
        ]),
        maxRows,
        'runbooks',
      ),
    );
  }
  if (rb.neverDrilled.length > 0) out.push('', `Never drilled: ${rb.neverDrilled.map(md).join(', ')}.`);
  return out;
}
