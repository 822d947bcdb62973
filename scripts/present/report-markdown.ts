/**
 * `opsbook report` as Markdown: the report a service manager presents. Headline figures first,
 * then what failed and why, the avoidable share, duplicates, the tickets by service, priority,
 * channel and customer, response and resolution times, SLA compliance per policy, recurring
 * incidents as problem candidates, reviews and actions, stale runbooks; charts as SVG images when
 * they were written next to the file.
 *
 * Every text that comes from a ticket or from opsbook.yaml is escaped: it can neither open HTML,
 * nor a link, nor break a table.
 */
import type { ClockFigures, ReportData, TimeFigures } from '../derive/report.ts';
import { NONE } from '../derive/report.ts';
import { localDateIn, startOfLocalDay } from '../derive/report-period.ts';
import { type Counts, rankCounts } from '../derive/report-stats.ts';
import { instantMs } from '../model/time.ts';
import type { Chart } from './report-svg.ts';

export interface MarkdownOptions {
  /** Display names from opsbook.yaml (ids stay visible next to them). */
  names?: { service?(id: string): string | undefined; customer?(id: string): string | undefined };
  /** Charts written next to the Markdown (linked by file name). */
  charts?: readonly Chart[];
  /** Title and `reported_at` of a ticket, for the incidents of problem candidates. */
  ticket?(id: string): { title: string; reported_at: string } | undefined;
  /** Rows per table before "… and N more"; default 25. */
  maxRows?: number;
}

/**
 * Inline text from tickets or settings: no HTML, no links or images, no emphasis, no code spans,
 * no table breaks, one line. `<`, `>` and an `&` that could start an entity become entities; the
 * other Markdown punctuation gets a backslash.
 */
export function md(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters and line breaks go
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~#!$])/g, '\\$1')
  );
}

function percent(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

/** A count with thousands separators: `100,000`. */
function num(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${num(count)} ${count === 1 ? one : many}`;
}

/** Minutes as `45 min`, `3 h 20 min`, or (wall-clock, 2 days and more) `2 d 4 h`. */
export function formatMinutes(minutes: number | null, wallClock: boolean): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (wallClock && m >= 2 * 1440) {
    const d = Math.floor(m / 1440);
    const h = Math.round((m - d * 1440) / 60);
    return h > 0 ? `${num(d)} d ${h} h` : `${num(d)} d`;
  }
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest > 0 ? `${num(h)} h ${rest} min` : `${num(h)} h`;
}

const KIND_WORDS: Record<string, [string, string]> = {
  incident: ['incident', 'incidents'],
  'service-request': ['service request', 'service requests'],
  problem: ['problem record', 'problem records'],
  maintenance: ['maintenance window', 'maintenance windows'],
};

function kindCount(kind: string, count: number): string {
  const [one, many] = KIND_WORDS[kind] ?? [kind, kind];
  return `${num(count)} ${count === 1 ? one : many}`;
}

/** A table; `align` has one letter per column, `l` or `r` (numbers); rows past `maxRows` are cut. */
function table(
  header: readonly string[],
  rows: readonly string[][],
  maxRows: number,
  what: string,
  align = '',
): string[] {
  const out = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join('|')}|`,
  ];
  for (const r of rows.slice(0, maxRows)) out.push(`| ${r.join(' | ')} |`);
  if (rows.length > maxRows) {
    out.push(
      '',
      `… and ${num(rows.length - maxRows)} more ${what} (\`opsbook report --format json\` lists all).`,
    );
  }
  return out;
}

/** A fence longer than any run of backticks in the text. */
function codeBlock(text: string, lang: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, text, fence];
}

/** `3 auto-update, 1 resource-exhaustion`; past `limit` causes the rest is summed up as "other". */
function causeList(counts: Counts, max = Number.POSITIVE_INFINITY): string {
  const ranked = rankCounts(counts);
  // "1 other" would say less than the one cause it hides.
  const limit = ranked.length === max + 1 ? max + 1 : max;
  const shown = ranked
    .slice(0, limit)
    .map(([cause, n]) => `${num(n)} ${cause === NONE ? 'no cause given' : md(cause)}`);
  const rest = ranked.slice(limit).reduce((sum, [, n]) => sum + n, 0);
  if (rest > 0) shown.push(`${num(rest)} other`);
  return shown.join(', ');
}

/** What the sections share: names, charts, the row limit. */
interface Context {
  report: ReportData;
  options: MarkdownOptions;
  maxRows: number;
  serviceName(id: string): string;
  customerName(id: string): string;
  /** The chart's image line (after a blank line) when it was written, else nothing. */
  chart(file: string): string[];
  /** Incident duplicates by category. */
  duplicatesByCategory: Map<string, number>;
  /** `9 incidents, 2 service requests`: the kinds present, largest first. */
  kinds: string[];
}

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

function causesSection({ report, maxRows, duplicatesByCategory }: Context): string[] {
  const inc = report.incidents;
  const a = report.avoidable;
  if (inc.total === 0) return [];
  const out = ['', '## What failed: categories and causes', ''];
  out.push(
    ...table(
      ['Category', 'Incidents', 'Causes', 'Avoidable', 'Duplicates'],
      rankCounts(inc.byCategory).map(([category, count]) => [
        category === NONE ? '—' : md(category),
        num(count),
        causeList(inc.byCategoryAndCause[category] ?? {}, 6),
        num(a.byCategory[category] ?? 0),
        num(duplicatesByCategory.get(category) ?? 0),
      ]),
      maxRows,
      'categories',
      'lrlrr',
    ),
    '',
    '### Top causes',
    '',
    ...table(
      ['Cause', 'Incidents', 'Share', 'Avoidable'],
      rankCounts(inc.byCause).map(([cause, count]) => [
        cause === NONE ? 'no cause given' : md(cause),
        num(count),
        percent(count / inc.total),
        num(a.byCause[cause] ?? 0),
      ]),
      10,
      'causes',
      'lrrr',
    ),
  );
  if (a.avoidable > 0) out.push('', `Avoidable incidents by cause: ${causeList(a.byCause, 8)}.`);
  return out;
}

function duplicatesSection({ report, maxRows }: Context): string[] {
  const d = report.duplicates;
  if (d.count === 0) return [];
  return [
    '',
    '## Duplicates',
    '',
    ...table(
      ['Ticket', 'Title', 'Duplicate of'],
      d.tickets.map((x) => [md(x.id), md(x.title), md(x.duplicateOf)]),
      maxRows,
      'duplicates',
    ),
  ];
}

function breakdownSection({ report, maxRows, serviceName, customerName }: Context): string[] {
  const inc = report.incidents;
  const sr = report.serviceRequests;
  if (inc.total + sr.total === 0) return [];
  const out = ['', '## Tickets by service, priority, channel and customer', ''];
  out.push('Incidents and service requests. A ticket that affects several services counts once for each.');
  const dims: [string, Counts, Counts, (k: string) => string][] = [
    ['Service', inc.byService, sr.byService, serviceName],
    ['Priority', inc.byPriority, sr.byPriority, (k) => (k === NONE ? 'none' : md(k))],
    ['Channel', inc.byChannel, sr.byChannel, (k) => (k === NONE ? 'not recorded' : md(k))],
    ['Customer', inc.byCustomer, sr.byCustomer, customerName],
  ];
  for (const [label, incidents, requests, name] of dims) {
    const keys = new Map<string, number>();
    for (const [k, v] of Object.entries(incidents)) keys.set(k, (keys.get(k) ?? 0) + v);
    for (const [k, v] of Object.entries(requests)) keys.set(k, (keys.get(k) ?? 0) + v);
    const ordered =
      label === 'Priority'
        ? [...keys.keys()].sort()
        : [...keys.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([k]) => k);
    out.push(
      '',
      `### By ${label.toLowerCase()}`,
      '',
      ...table(
        [label, 'Incidents', 'Service requests'],
        ordered.map((k) => [name(k), num(incidents[k] ?? 0), num(requests[k] ?? 0)]),
        maxRows,
        `${label.toLowerCase()} rows`,
        'lrr',
      ),
    );
  }
  return out;
}

function timesSection({ report, chart }: Context): string[] {
  const rt = report.times;
  const out = ['', '## Response and resolution times', ''];
  out.push(
    "Time to acknowledge (MTTA) and to resolve (MTTR) the incidents of the period, without duplicates and cancelled tickets. Wall-clock time runs day and night; working time counts the open hours of the ticket's SLA calendar and leaves out the time the ticket was paused (pending), as the SLA does.",
    '',
  );
  const timeRows = (label: string, f: TimeFigures): string[][] => [
    [
      `${label}, wall-clock`,
      formatMinutes(f.wallClock.median, true),
      formatMinutes(f.wallClock.mean, true),
      num(f.wallClock.count),
    ],
    [
      `${label}, working time`,
      formatMinutes(f.working.median, false),
      formatMinutes(f.working.mean, false),
      num(f.working.count),
    ],
  ];
  out.push(
    ...table(
      ['Figure', 'Median', 'Mean', 'Incidents'],
      [...timeRows('MTTA', rt.mtta), ...timeRows('MTTR', rt.mttr)],
      100,
      'rows',
      'lrrr',
    ),
  );
  const priorities = Object.entries(rt.byPriority);
  if (priorities.length > 0) {
    out.push(
      '',
      '### By priority',
      '',
      ...table(
        [
          'Priority',
          'Resolved',
          'MTTA median (working)',
          'MTTR median (working)',
          'MTTR median (wall-clock)',
        ],
        priorities.map(([p, f]) => [
          p === NONE ? 'none' : md(p),
          num(f.mttr.wallClock.count),
          formatMinutes(f.mtta.working.median, false),
          formatMinutes(f.mttr.working.median, false),
          formatMinutes(f.mttr.wallClock.median, true),
        ]),
        100,
        'rows',
        'lrrrr',
      ),
    );
  }
  const srt = rt.serviceRequests;
  if (srt.mtta.wallClock.count + srt.mttr.wallClock.count > 0) {
    out.push(
      '',
      `Service requests: MTTA median ${formatMinutes(srt.mtta.working.median, false)} working, MTTR median ${formatMinutes(srt.mttr.working.median, false)} working (${formatMinutes(srt.mttr.wallClock.median, true)} wall-clock) over ${plural(srt.mttr.wallClock.count, 'resolved request')}.`,
    );
  }
  out.push(...chart('mttr-trend.svg'));
  return out;
}

function slaSection({ report, maxRows, chart }: Context): string[] {
  const sla = report.sla;
  const row = (label: string, r: ClockFigures, s: ClockFigures): string[] => [
    label,
    `${num(r.met)} / ${num(r.met + r.breached)}`,
    percent(r.compliance),
    `${num(s.met)} / ${num(s.met + s.breached)}`,
    percent(s.compliance),
    num(r.running + r['at-risk'] + r.paused + s.running + s['at-risk'] + s.paused),
    num(r['not-applicable']),
  ];
  return [
    '',
    '## SLA compliance',
    '',
    'A clock is decided once it is met or breached (a running clock past its due time counts as breached). Compliance is met / decided; open clocks are running, at risk or paused.',
    '',
    ...table(
      ['Policy', 'Response met', 'Response', 'Resolution met', 'Resolution', 'Open clocks', 'No SLA'],
      [
        row('**all policies**', sla.response, sla.resolution),
        ...Object.entries(sla.byPolicy).map(([p, c]) =>
          row(p === NONE ? 'no policy' : md(p), c.response, c.resolution),
        ),
      ],
      maxRows,
      'policies',
      'lrrrrrr',
    ),
    ...chart('sla-compliance.svg'),
  ];
}

function candidatesSection({ report, options, maxRows, serviceName, customerName }: Context): string[] {
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
        `- ${md(id)} ${md(info.title)} (reported ${localDateIn(reported, report.period.timezone)}${before})`,
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

function reviewsSection({ report, maxRows }: Context): string[] {
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

function runbooksSection({ report, maxRows }: Context): string[] {
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

function complianceText(c: ClockFigures): string {
  const decided = c.met + c.breached;
  return decided === 0
    ? '— (no clock decided)'
    : `${num(c.met)} of ${num(decided)} (${percent(c.compliance)})`;
}
