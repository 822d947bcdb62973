/**
 * The SLA state of a set of tickets at an instant: what `opsbook sla` prints, and what the site,
 * the reports and the GitHub escalation read. Pure: tickets, configuration and instant in.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { codeVersion } from '../lib/code-version.ts';
import type { DerivedValues } from '../load/ticket-index.ts';
import { isOpenStatus } from '../model/lifecycle.ts';
import { instantMs, isoUtc } from '../model/time.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { type BusinessSpan, businessSpan } from './business-span.ts';
import {
  type BusinessCalendar,
  compileCalendar,
  createCalendarCache,
  workingMsBetween,
} from './calendar/index.ts';
import { type ClockReport, computeTicketSla, type SlaTicket, type TicketSla } from './sla-clock.ts';

export const CLOCK_STATES = ['met', 'running', 'at-risk', 'paused', 'breached', 'not-applicable'] as const;
export type ReportedState = (typeof CLOCK_STATES)[number];

/** One ticket of the report. `json` and `sla` are the same entry; `sla` is parsed on demand. */
export interface SlaEntry {
  readonly id: string;
  /** The ticket's title, for the table (kept with a settled entry, so no facts are read for it). */
  readonly title: string;
  /** The status at the instant. */
  readonly status: string;
  readonly states: readonly [ReportedState, ReportedState];
  /** A clock still runs at the instant. */
  readonly running: boolean;
  readonly json: string;
  readonly sla: TicketSla;
}

export interface SlaReport {
  /** `--at` as UTC ISO. */
  at: string;
  tickets: SlaEntry[];
  /** Clocks by state (each ticket has two clocks). */
  summary: Record<ReportedState, number>;
}

/** buildSlaReport's answer: the report, and the settled SLA it computed, to keep with each source. */
export interface SlaResult<S> extends SlaReport {
  settled: DerivedValues<S>;
}

export interface SlaSelection {
  /** Only these IDs (all when absent or empty). */
  ids?: readonly string[];
  /** Only tickets open at the instant (not resolved, closed, completed or cancelled). */
  open?: boolean;
}

/** A ticket, and the values derived from it in earlier runs (the ticket index's `derived`). */
export interface SlaSource {
  readonly data: SlaTicket & { readonly title?: string };
  readonly derived?: Readonly<Record<string, unknown>>;
}

/** The name under which a settled SLA is kept in a source's derived values. */
const SETTLED = 'sla';

/** [engine key, settled from (epoch ms), id, status, response state, resolution state, JSON, title] */
type SettledSla = [string, number, string, string, ReportedState, ReportedState, string, string];

/** Plain code-point order of IDs, so the output is the same on every machine. */
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

let holidayData: string | undefined;
/**
 * Identifies everything a ticket's SLA depends on besides the ticket and the instant: the
 * configuration, Opsbook's code and the holiday data. A settled SLA cached under another key
 * is computed again.
 */
function slaEngineKey(config: OpsbookConfig): string {
  holidayData ??= (createRequire(import.meta.url)('date-holidays/package.json') as { version: string })
    .version;
  return createHash('sha256')
    .update(codeVersion())
    .update(holidayData)
    .update(JSON.stringify(config))
    .digest('hex')
    .slice(0, 24);
}

/** The latest instant the ticket mentions: from then on its SLA can only change if it runs. */
function lastInstant(ticket: SlaTicket): number {
  let last = instantMs(ticket.reported_at);
  for (const t of [ticket.acknowledged_at, ticket.resolved_at]) if (t) last = Math.max(last, instantMs(t));
  for (const e of ticket.timeline ?? []) last = Math.max(last, instantMs(e.at));
  return last;
}

function entryOf(sla: TicketSla, title: string, json = JSON.stringify(sla)): SlaEntry {
  return {
    id: sla.id,
    title,
    status: sla.status,
    states: [sla.response.state, sla.resolution.state],
    running: isRunning(sla.response) || isRunning(sla.resolution),
    json,
    sla,
  };
}

function settledEntry(c: SettledSla): SlaEntry {
  let sla: TicketSla | undefined;
  return {
    id: c[2],
    title: c[7],
    status: c[3],
    states: [c[4], c[5]],
    running: false,
    json: c[6],
    get sla() {
      sla ??= JSON.parse(c[6]) as TicketSla;
      return sla;
    },
  };
}

/**
 * The SLA entries of the tickets reported at or before `at`, sorted by ID. Tickets reported
 * later did not exist at `at` and are left out. A ticket whose clocks have both stopped and
 * that mentions no instant after `at` is settled: its entry no longer depends on `at`. The
 * settled entries computed here are returned in `settled`, for the caller to keep with their
 * sources (the ticket index keeps them as `derived.sla`); a source that has one from an earlier
 * run is not computed again while the engine key matches. Sources without `derived` have none.
 */
export function buildSlaReport<S extends SlaSource>(
  sources: readonly S[],
  config: OpsbookConfig,
  at: number,
  selection: SlaSelection = {},
): SlaResult<S> {
  const wanted = selection.ids && selection.ids.length > 0 ? new Set(selection.ids) : null;
  const key = slaEngineKey(config);
  const entries: SlaEntry[] = [];
  const settled = new Map<S, SettledSla>();
  for (const source of sources) {
    const cached = source.derived?.[SETTLED] as SettledSla | undefined;
    let entry: SlaEntry;
    if (cached && cached[0] === key && at >= cached[1]) {
      if (wanted && !wanted.has(cached[2])) continue;
      entry = settledEntry(cached);
    } else {
      const ticket = source.data;
      if (wanted && !wanted.has(ticket.id)) continue;
      const sla = computeTicketSla(ticket, config, at);
      if (sla.response.reason === 'not-reported-yet') continue;
      entry = entryOf(sla, ticket.title ?? '');
      const stopped = (c: ClockReport) => c.stoppedAt !== null || c.state === 'not-applicable';
      if (source.derived && stopped(sla.response) && stopped(sla.resolution)) {
        const from = lastInstant(ticket);
        if (at >= from) {
          settled.set(source, [key, from, sla.id, sla.status, ...entry.states, entry.json, entry.title]);
        }
      }
    }
    if (selection.open && !isOpenEntry(entry)) continue;
    entries.push(entry);
  }
  entries.sort(byId);
  return {
    at: isoUtc(Math.floor(at / 1000) * 1000),
    tickets: entries,
    summary: summaryOf(entries),
    settled: { name: SETTLED, values: settled },
  };
}

/** The tickets that `--open` selects: open at the instant (not resolved, closed, completed or cancelled). */
function isOpenEntry(entry: SlaEntry): boolean {
  return isOpenStatus(entry.status);
}

/** Clocks by state (each ticket has two clocks). */
function summaryOf(entries: readonly SlaEntry[]): Record<ReportedState, number> {
  const summary = Object.fromEntries(CLOCK_STATES.map((s) => [s, 0])) as Record<ReportedState, number>;
  for (const e of entries) {
    summary[e.states[0]]++;
    summary[e.states[1]]++;
  }
  return summary;
}

/**
 * The report narrowed to the tickets open at its instant, as `buildSlaReport` with `open: true`
 * gives it (`opsbook sla --open`), without computing the clocks again.
 */
export function openTicketsOf(report: SlaReport): SlaReport {
  const tickets = report.tickets.filter(isOpenEntry);
  return { at: report.at, tickets, summary: summaryOf(tickets) };
}

/** Clocks still running at the instant whose state is one of `states`. */
export function runningClocksIn(report: SlaReport, states: readonly ReportedState[]): number {
  let n = 0;
  for (const t of report.tickets) {
    if (!t.running) continue;
    for (const c of [t.sla.response, t.sla.resolution]) if (isRunning(c) && states.includes(c.state)) n++;
  }
  return n;
}

/** The calendars of the policies, for local due times and remaining working time. */
export interface PolicyCalendars {
  /** The policy's calendar zone, or null when it has no valid calendar. */
  zone(policy: string | null): string | null;
  /** Working milliseconds from `from` to `to` on the policy's calendar (negative when `to` < `from`). */
  workingMs(policy: string | null, from: number, to: number): number | null;
  /**
   * The working time between `from` and `to` (in either order) on the policy's calendar, in
   * whole business days and the working time left over (see business-span.ts).
   */
  businessSpan(policy: string | null, from: number, to: number): BusinessSpan | null;
}

/** For output without a configuration: no zones, no working time. */
export const NO_CALENDARS: PolicyCalendars = {
  zone: () => null,
  workingMs: () => null,
  businessSpan: () => null,
};

export function policyCalendars(config: OpsbookConfig): PolicyCalendars {
  const cache = createCalendarCache();
  const compiled = new Map<string, BusinessCalendar | null>();
  const calendarOf = (policy: string | null): BusinessCalendar | null => {
    if (policy === null) return null;
    const known = compiled.get(policy);
    if (known !== undefined) return known;
    let cal: BusinessCalendar | null = null;
    const calendarId = config.sla.policies?.[policy]?.calendar;
    const spec = calendarId && config.calendars ? config.calendars[calendarId] : undefined;
    if (spec) {
      try {
        cal = compileCalendar(spec as Parameters<typeof compileCalendar>[0], cache);
      } catch {
        cal = null;
      }
    }
    compiled.set(policy, cal);
    return cal;
  };
  const zoneOf = (policy: string | null): string | null => {
    if (policy === null || !calendarOf(policy)) return null;
    const calendarId = config.sla.policies?.[policy]?.calendar;
    return (calendarId && config.calendars?.[calendarId]?.timezone) || null;
  };
  return {
    zone: zoneOf,
    workingMs(policy, from, to) {
      const cal = calendarOf(policy);
      if (!cal) return null;
      return to >= from ? workingMsBetween(cal, from, to) : -workingMsBetween(cal, to, from);
    },
    businessSpan(policy, from, to) {
      const cal = calendarOf(policy);
      if (!cal) return null;
      return to >= from ? businessSpan(cal, from, to) : businessSpan(cal, to, from);
    },
  };
}

/** A clock that is still running (the ones that need attention), with its due instant. */
export function isRunning(clock: ClockReport): clock is ClockReport & { due: string } {
  return clock.stoppedAt === null && clock.due !== null && clock.state !== 'not-applicable';
}
