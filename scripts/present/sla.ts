/**
 * `opsbook sla` output: JSON (the contract of DESIGN.md §6), a terminal table, and Markdown for
 * a pull-request comment.
 */
import { Temporal } from 'temporal-polyfill';
import type { ClockReport, TicketSla } from '../derive/sla-clock.ts';
import {
  CLOCK_STATES,
  isRunning,
  type PolicyCalendars,
  type ReportedState,
  type SlaReport,
} from '../derive/sla-report.ts';
import { instantMs } from '../model/time.ts';

/**
 * The JSON of §6, one ticket per line: a 100,000-ticket report stays readable, diffable and
 * quick to write.
 */
export function formatSlaJson(report: SlaReport): string {
  const lines = report.tickets.map((t) => `    ${t.json}`);
  return [
    '{',
    `  "at": ${JSON.stringify(report.at)},`,
    lines.length > 0 ? `  "tickets": [\n${lines.join(',\n')}\n  ],` : '  "tickets": [],',
    `  "summary": ${JSON.stringify(report.summary)}`,
    '}',
    '',
  ].join('\n');
}

/** Working time as `3h 05m` or `45m` (working hours stay hours: a business day has no fixed length). */
export function formatWorking(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `Mon 2026-03-02 14:00 +01:00` in the zone (UTC when there is none). */
export function formatLocal(iso: string, zone: string | null): string {
  const z = Temporal.Instant.from(iso).toZonedDateTimeISO(zone ?? 'UTC');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAY[z.dayOfWeek - 1]} ${z.toPlainDate().toString()} ${pad(z.hour)}:${pad(z.minute)} ${z.offset}`;
}

/** What a clock cell says: the state, and for a running clock its due time and what is left. */
function describeClock(
  clock: ClockReport,
  policy: string | null,
  at: number,
  calendars: PolicyCalendars,
): { state: string; due: string; remaining: string } {
  if (!isRunning(clock)) return { state: clock.state, due: '', remaining: '' };
  const due = instantMs(clock.due);
  const left = calendars.workingMs(policy, at, due);
  const remaining =
    left === null ? '' : left >= 0 ? `${formatWorking(left)} left` : `${formatWorking(left)} over`;
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

export function formatSlaTable(
  report: SlaReport,
  calendars: PolicyCalendars,
  options: { color: boolean },
): string {
  const at = instantMs(report.at);
  const header = [
    'ID',
    'STATUS',
    'PRIO',
    'POLICY',
    'RESPONSE',
    'RESOLUTION',
    'NEXT DUE (calendar zone)',
    'LEFT',
  ];
  const rows: string[][] = [];
  const states: [ReportedState, ReportedState][] = [];
  for (const { sla: t } of report.tickets) {
    const response = describeClock(t.response, t.policy, at, calendars);
    const resolution = describeClock(t.resolution, t.policy, at, calendars);
    const next = response.due ? response : resolution;
    rows.push([
      t.id,
      t.status,
      t.priority ?? '-',
      t.policy ?? '-',
      response.state,
      resolution.state,
      next.due,
      next.remaining,
    ]);
    states.push([t.response.state, t.resolution.state]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[], colors?: [ReportedState, ReportedState]) =>
    cells
      .map((cell, i) => {
        const padded = cell.padEnd(widths[i] as number);
        const state = colors && (i === 4 || i === 5) ? colors[i - 4] : undefined;
        const color = options.color && state ? COLOR[state] : undefined;
        return color ? `${color}${padded}\u001b[0m` : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map((r, i) => line(r, states[i]))];
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
