/**
 * `opsbook sla` output: JSON (the contract, docs/sla.md), a terminal table, and Markdown for
 * a pull-request comment.
 */
import { Temporal } from 'temporal-polyfill';
import type { BusinessSpan } from '../derive/business-span.ts';
import type { PolicyCalendars } from '../derive/policy-calendars.ts';
import type { ClockReport, TicketSla } from '../derive/sla-clock.ts';
import {
  CLOCK_STATES,
  isRunning,
  type ReportedState,
  type SlaEntry,
  type SlaReport,
} from '../derive/sla-report.ts';
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

/**
 * formatSlaJson in pieces (each ticket's line on its own), for writeText: the whole text of
 * 100,000 tickets (43 MB) is never held at once, nor copied into larger strings.
 */
export function* slaJsonPieces(report: SlaReport): Generator<string> {
  const { tickets } = report;
  yield `{\n  "at": ${JSON.stringify(report.at)},\n`;
  if (tickets.length === 0) {
    yield '  "tickets": [],\n';
  } else {
    yield '  "tickets": [\n    ';
    for (let i = 0; i < tickets.length; i++) {
      if (i > 0) yield ',\n    ';
      yield (tickets[i] as SlaEntry).json;
    }
    yield '\n  ],\n';
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

const TABLE_HEADER = [
  'ID',
  'TITLE',
  'STATUS',
  'PRIO',
  'POLICY',
  'RESPONSE',
  'RESOLUTION',
  'NEXT DUE (calendar zone)',
  'LEFT',
] as const;
const RESPONSE_COLUMN = TABLE_HEADER.indexOf('RESPONSE');

/**
 * The terminal table (the default output of `opsbook sla`), in pieces (a row each) for
 * writeText. The columns are as wide as their widest cell, so the titles and due times of every
 * row are worked out first; the rows themselves are made as they are written (a table of
 * 100,000 tickets is some 13 MB of text, never held at once).
 */
export function* slaTablePieces(
  report: SlaReport,
  calendars: PolicyCalendars,
  options: { color: boolean },
): Generator<string> {
  const at = instantMs(report.at);
  const tickets = report.tickets;
  const titles: string[] = new Array(tickets.length);
  // The next running clock's due time and what is left of it, for the tickets with one.
  const next = new Map<number, ClockCell>();
  const widths: number[] = TABLE_HEADER.map((h) => h.length);
  const widen = (column: number, cell: string) => {
    if (cell.length > (widths[column] as number)) widths[column] = cell.length;
  };
  for (let i = 0; i < tickets.length; i++) {
    const entry = tickets[i] as SlaEntry;
    const title = terminalCell(entry.title, TABLE_TITLE_CHARS);
    titles[i] = title;
    // Only a running clock shows more than its state: the whole entry is read for those alone.
    if (entry.running) {
      const t = entry.sla;
      const response = describeClock(t.response, t.policy, at, calendars);
      const cell = response.due ? response : describeClock(t.resolution, t.policy, at, calendars);
      next.set(i, cell);
      widen(7, cell.due);
      widen(8, cell.remaining);
    }
    widen(0, entry.id);
    widen(1, title);
    widen(2, entry.status);
    widen(3, entry.priority ?? '-');
    widen(4, entry.policy ?? '-');
    widen(5, entry.states[0]);
    widen(6, entry.states[1]);
  }
  const line = tableLine(widths, options.color);
  const cells: string[] = [...TABLE_HEADER];
  yield `${line(cells)}\n`;
  for (let i = 0; i < tickets.length; i++) {
    const entry = tickets[i] as SlaEntry;
    const cell = next.get(i);
    cells[0] = entry.id;
    cells[1] = titles[i] as string;
    cells[2] = entry.status;
    cells[3] = entry.priority ?? '-';
    cells[4] = entry.policy ?? '-';
    cells[5] = entry.states[0];
    cells[6] = entry.states[1];
    cells[7] = cell ? cell.due : '';
    cells[8] = cell ? cell.remaining : '';
    yield line(cells, entry.states);
    yield '\n';
  }
  yield `\n${tickets.length} tickets at ${report.at}: ${summaryLine(report)} (clocks)\n`;
}

type TableLine = (cells: readonly string[], colors?: readonly [ReportedState, ReportedState]) => string;

/**
 * A row of the table: each cell padded to its column's width, two spaces between columns, no
 * spaces at the end; with `color`, the clock states coloured (`colors`: the row's response and
 * resolution states).
 */
function tableLine(widths: readonly number[], color: boolean): TableLine {
  return color ? colouredLine(widths) : plainLine(widths);
}

const SPACES = ' '.repeat(256);

function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/**
 * A row without colours, written as its cells and the spaces between them: an empty cell only
 * widens the gap, and nothing follows the last cell that is not empty. The same text as padding
 * every cell and trimming the end (colouredLine), as no cell begins or ends with white space
 * (titles are cleaned, the other cells are IDs, enum values, times and figures); a table of
 * 100,000 rows is written in half the time.
 */
function plainLine(widths: readonly number[]): TableLine {
  return (cells) => {
    let text = cells[0] as string;
    let gap = (widths[0] as number) - text.length;
    for (let i = 1; i < cells.length; i++) {
      const cell = cells[i] as string;
      if (cell.length === 0) {
        gap += 2 + (widths[i] as number);
        continue;
      }
      text += spaces(gap + 2) + cell;
      gap = (widths[i] as number) - cell.length;
    }
    return text;
  };
}

function colouredLine(widths: readonly number[]): TableLine {
  const last = widths.length - 1;
  return (cells, colors) => {
    let text = '';
    for (let i = 0; i <= last; i++) {
      const cell = cells[i] as string;
      const padded = i === last ? cell : cell.padEnd(widths[i] as number);
      const state =
        colors && (i === RESPONSE_COLUMN || i === RESPONSE_COLUMN + 1)
          ? colors[i - RESPONSE_COLUMN]
          : undefined;
      const code = state ? COLOR[state] : undefined;
      text += i === 0 ? '' : '  ';
      text += code ? `${code}${padded}\u001b[0m` : padded;
    }
    return text.trimEnd();
  };
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
