/**
 * `opsbook sla` output: JSON (the contract, docs/sla.md), a terminal table, and Markdown for
 * a pull-request comment.
 */
import { Temporal } from 'temporal-polyfill';
import type { BusinessSpan } from '../derive/business-span.ts';
import type { PolicyCalendars } from '../derive/policy-calendars.ts';
import type { ClockReport, TicketSla } from '../derive/sla-clock.ts';
import { CLOCK_STATES, isRunning, type ReportedState, type SlaReport } from '../derive/sla-report.ts';
import { instantMs, pad2 } from '../model/time.ts';
import { localWallClock, wallDate } from '../model/zone-offsets.ts';
import { terminalCell } from './escape.ts';

/**
 * The JSON contract, one ticket per line: a 100,000-ticket report stays readable, diffable and
 * quick to write.
 */
export function formatSlaJson(report: SlaReport): string {
  return [...slaJsonPieces(report)].join('');
}

/** Tickets per piece of slaJsonPieces. */
const LINES_PER_PIECE = 2_000;

/**
 * formatSlaJson in pieces of a few thousand tickets, to be written one after the other: the
 * whole text of 100,000 tickets (40 MB, and as much again in bytes) is never held at once.
 */
export function* slaJsonPieces(report: SlaReport): Generator<string> {
  const { tickets } = report;
  yield `{\n  "at": ${JSON.stringify(report.at)},\n`;
  if (tickets.length === 0) {
    yield '  "tickets": [],\n';
  } else {
    for (let from = 0; from < tickets.length; from += LINES_PER_PIECE) {
      const lines = tickets.slice(from, from + LINES_PER_PIECE).map((t) => `    ${t.json}`);
      const last = from + LINES_PER_PIECE >= tickets.length;
      yield `${from === 0 ? '  "tickets": [\n' : ',\n'}${lines.join(',\n')}${last ? '\n  ],\n' : ''}`;
    }
  }
  yield `  "summary": ${JSON.stringify(report.summary)}\n}\n`;
}

/**
 * Working time as `2bd 3h`, `5h 12m`, `45m`: whole business days of the policy's calendar
 * counted as `Nbd` targets count them, then working hours and minutes (a business day has no
 * fixed length: holidays, short days and DST changes differ), zero parts left out.
 */
export function formatBusinessSpan(span: BusinessSpan): string {
  const minutes = Math.floor(span.workingMs / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (span.days > 0) parts.push(`${span.days}bd`);
  if (h > 0) parts.push(`${h}h`);
  if (m > 0 || parts.length === 0) parts.push(`${m}m`);
  return parts.join(' ');
}

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * `Mon 2026-03-02 14:00 +01:00` in the zone (UTC when there is none). The zone's offset comes
 * from its transitions read once (the table shows a due time for every running clock, tens of
 * thousands on a large desk); what localWallClock leaves out is written by Temporal.
 */
export function formatLocal(iso: string, zone: string | null): string {
  const local = localWallClock(zone ?? 'UTC', instantMs(iso));
  if (!local) return temporalLocal(iso, zone);
  const { wall, offset } = local;
  const minutes = Math.abs(offset) / 60_000;
  const time = `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
  const zoneOffset = `${offset < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  return `${WEEKDAY[(wall.getUTCDay() + 6) % 7]} ${wallDate(wall)} ${time} ${zoneOffset}`;
}

function temporalLocal(iso: string, zone: string | null): string {
  const z = Temporal.Instant.from(iso).toZonedDateTimeISO(zone ?? 'UTC');
  return `${WEEKDAY[z.dayOfWeek - 1]} ${z.toPlainDate().toString()} ${pad2(z.hour)}:${pad2(z.minute)} ${z.offset}`;
}

/** What a clock cell says: the state, and for a running clock its due time and what is left. */
interface ClockCell {
  state: string;
  due: string;
  remaining: string;
}

/** The cell of one clock of a ticket under `policy`, at `at`. */
function describeClock(
  clock: ClockReport,
  policy: string | null,
  at: number,
  calendars: PolicyCalendars,
): ClockCell {
  if (!isRunning(clock)) return { state: clock.state, due: '', remaining: '' };
  const due = instantMs(clock.due);
  const span = calendars.businessSpan(policy, at, due);
  const remaining = span === null ? '' : `${formatBusinessSpan(span)} ${due >= at ? 'left' : 'over'}`;
  return { state: clock.state, due: formatLocal(clock.due, calendars.zone(policy)), remaining };
}

function summaryLine(report: SlaReport): string {
  return CLOCK_STATES.map((s) => `${report.summary[s]} ${s}`).join(', ');
}

const COLOR: Partial<Record<ReportedState, string>> = {
  breached: '\u001b[31m',
  'at-risk': '\u001b[33m',
  paused: '\u001b[36m',
  met: '\u001b[32m',
};

/** Characters of a title in the table: enough to recognise a ticket, short enough for one row. */
export const TABLE_TITLE_CHARS = 32;

export function formatSlaTable(
  report: SlaReport,
  calendars: PolicyCalendars,
  options: { color: boolean },
): string {
  const at = instantMs(report.at);
  const header = [
    'ID',
    'TITLE',
    'STATUS',
    'PRIO',
    'POLICY',
    'RESPONSE',
    'RESOLUTION',
    'NEXT DUE (calendar zone)',
    'LEFT',
  ];
  const responseColumn = header.indexOf('RESPONSE');
  const rows: string[][] = [];
  for (const entry of report.tickets) {
    // Only a running clock shows more than its state: the whole entry is read for those alone.
    let response: ClockCell = { state: entry.states[0], due: '', remaining: '' };
    let resolution: ClockCell = { state: entry.states[1], due: '', remaining: '' };
    if (entry.running) {
      const t = entry.sla;
      response = describeClock(t.response, t.policy, at, calendars);
      resolution = describeClock(t.resolution, t.policy, at, calendars);
    }
    const next = response.due ? response : resolution;
    rows.push([
      entry.id,
      terminalCell(entry.title, TABLE_TITLE_CHARS),
      entry.status,
      entry.priority ?? '-',
      entry.policy ?? '-',
      response.state,
      resolution.state,
      next.due,
      next.remaining,
    ]);
  }
  // A loop, not Math.max(...rows): spreading 100,000 rows overflows the call stack.
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] as string).length), h.length));
  const last = header.length - 1;
  const line = (cells: readonly string[], colors?: readonly [ReportedState, ReportedState]): string => {
    let text = '';
    for (let i = 0; i <= last; i++) {
      const cell = cells[i] as string;
      const padded = i === last ? cell : cell.padEnd(widths[i] as number);
      const state =
        colors && (i === responseColumn || i === responseColumn + 1) ? colors[i - responseColumn] : undefined;
      const color = options.color && state ? COLOR[state] : undefined;
      text += i === 0 ? '' : '  ';
      text += color ? `${color}${padded}\u001b[0m` : padded;
    }
    return text.trimEnd();
  };
  const out = [line(header), ...rows.map((r, i) => line(r, report.tickets[i]?.states))];
  out.push('', `${report.tickets.length} tickets at ${report.at}: ${summaryLine(report)} (clocks)`);
  return `${out.join('\n')}\n`;
}

/** Text for a Markdown table cell: no HTML, no table breaks, no links or formatting from ticket text. */
export function markdownCell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1');
}

const MARKDOWN_ROWS = 200;
/** A clock state in Markdown (pull-request comments, escalation issues): a sign, then the word. */
export const STATE_MARKDOWN: Record<ReportedState, string> = {
  breached: '🔴 breached',
  'at-risk': '🟠 at risk',
  paused: '⏸️ paused',
  running: '🟢 running',
  met: '✅ met',
  'not-applicable': '— n/a',
};

/** For a pull-request comment: the tickets that need attention first. */
export function formatSlaMarkdown(
  report: SlaReport,
  calendars: PolicyCalendars,
  titleOf: (id: string) => string | undefined,
): string {
  const at = instantMs(report.at);
  const order: ReportedState[] = ['breached', 'at-risk', 'paused', 'running', 'met', 'not-applicable'];
  const worst = (t: TicketSla) =>
    Math.min(order.indexOf(t.response.state), order.indexOf(t.resolution.state));
  const tickets = report.tickets.map((e) => e.sla).sort((a, b) => worst(a) - worst(b));
  const out = [
    `### SLA at ${report.at}`,
    '',
    `${report.tickets.length} tickets; clocks: ${summaryLine(report)}.`,
    '',
  ];
  if (tickets.length > 0) {
    out.push(
      '| Ticket | Priority | Policy | Response | Resolution | Next due | Left |',
      '|---|---|---|---|---|---|---|',
    );
    for (const t of tickets.slice(0, MARKDOWN_ROWS)) {
      const response = describeClock(t.response, t.policy, at, calendars);
      const resolution = describeClock(t.resolution, t.policy, at, calendars);
      const next = response.due ? response : resolution;
      const title = titleOf(t.id);
      out.push(
        `| ${markdownCell(t.id)}${title ? ` ${markdownCell(title)}` : ''} | ${t.priority ?? '—'} | ${markdownCell(t.policy ?? '—')} | ${STATE_MARKDOWN[t.response.state]} | ${STATE_MARKDOWN[t.resolution.state]} | ${next.due} | ${next.remaining} |`,
      );
    }
    if (tickets.length > MARKDOWN_ROWS) {
      out.push('', `… and ${tickets.length - MARKDOWN_ROWS} more (\`opsbook sla --format json\` lists all).`);
    }
  }
  return `${out.join('\n')}\n`;
}
