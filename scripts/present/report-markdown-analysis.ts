/**
 * The analysis sections of the Markdown report (`report-markdown.ts`): what failed (categories and
 * causes, the avoidable share), duplicates, the tickets by service, priority, channel and
 * customer, response and resolution times, SLA compliance per policy. Each section takes the
 * shared context and returns its lines.
 */
import type { ClockFigures, TimeFigures } from '../derive/report.ts';
import { NONE } from '../derive/report.ts';
import { type Counts, rankCounts } from '../derive/report-stats.ts';
import {
  type Context,
  causeList,
  formatMinutes,
  md,
  num,
  percent,
  plural,
  table,
} from './report-markdown-parts.ts';

/** What failed: incidents by category and by cause, with the avoidable ones (none without incidents). */
export function causesSection({ report, maxRows, duplicatesByCategory }: Context): string[] {
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

/** The tickets that repeat another one (none without duplicates). */
export function duplicatesSection({ report, maxRows }: Context): string[] {
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

/** Incidents and service requests by service, priority, channel and customer. */
export function breakdownSection({ report, maxRows, serviceName, customerName }: Context): string[] {
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

/** MTTA and MTTR, wall-clock and working, overall and by priority; service requests in a sentence. */
export function timesSection({ report, chart }: Context): string[] {
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

/** Response and resolution compliance, over all policies and per policy. */
export function slaSection({ report, maxRows, chart }: Context): string[] {
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
