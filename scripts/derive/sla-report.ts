/**
 * The SLA state of a set of tickets at an instant: what `opsbook sla` prints, and what the site,
 * the reports and the GitHub escalation read. Pure: tickets, configuration and instant in.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { codeVersion } from '../lib/code-version.ts';
import type { FactsDerivation } from '../load/ticket-facts.ts';
import type { DerivedValues } from '../load/ticket-index.ts';
import { isOpenStatus } from '../model/lifecycle.ts';
import { instantMs, isoUtcToSecond } from '../model/time.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { addHolidayYears, type HolidayYears } from './calendar/index.ts';
import { type ClockReport, computeTicketSla, type SlaTicket } from './sla-clock.ts';
import {
  CLOCK_STATES,
  entryOf,
  fieldsOf,
  isRunning,
  type ReportedState,
  type SettledSla,
  type SlaAt,
  type SlaEntry,
  storedEntry,
} from './sla-entry.ts';

export { CLOCK_STATES, type ClockTimes, isRunning, type ReportedState, type SlaEntry } from './sla-entry.ts';

export interface SlaReport {
  /** `--at` as UTC ISO. */
  at: string;
  tickets: SlaEntry[];
  /** Clocks by state (each ticket has two clocks). */
  summary: Record<ReportedState, number>;
}

/**
 * buildSlaReport's answer: the report, each source's entry (in the order of the sources), and
 * the settled SLA it computed, to keep with each source.
 */
export interface SlaResult<S> extends SlaReport {
  /** The entry of each source, by its index in the sources; undefined where none is reported. */
  bySource: (SlaEntry | undefined)[];
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
  /**
   * The ticket's SLA computed by `slaAtInstant` where the ticket was parsed (the ticket index's
   * `computed`); used when its engine key and instant are this report's.
   */
  readonly computed?: unknown;
}

/** The name under which a settled SLA is kept in a source's derived values. */
export const SETTLED_SLA = 'sla';

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
export function slaEngineKey(config: OpsbookConfig): string {
  holidayData ??= (createRequire(import.meta.url)('date-holidays/package.json') as { version: string })
    .version;
  return createHash('sha256')
    .update(codeVersion())
    .update(holidayData)
    .update(JSON.stringify(config))
    .digest('hex')
    .slice(0, 24);
}

/**
 * The latest instant the SLA reads from the ticket: from then on its SLA can only change if it
 * runs. Timeline entries without a status do not count: the clocks never read them (and the
 * ticket index's facts leave them out).
 */
function lastInstant(ticket: SlaTicket): number {
  let last = instantMs(ticket.reported_at);
  for (const t of [ticket.acknowledged_at, ticket.resolved_at]) if (t) last = Math.max(last, instantMs(t));
  for (const e of ticket.timeline ?? []) if (e.status) last = Math.max(last, instantMs(e.at));
  return last;
}

/** A ticket's entry at an instant, and from when on it is settled (-1: not settled); null when reported later. */
interface ComputedEntry {
  entry: SlaEntry;
  settledFrom: number;
}

function computeEntry(
  ticket: SlaTicket & { readonly title?: string },
  config: OpsbookConfig,
  at: number,
): ComputedEntry | null {
  const sla = computeTicketSla(ticket, config, at);
  if (sla.response.reason === 'not-reported-yet') return null;
  const entry = entryOf(sla, ticket.title ?? '');
  const stopped = (c: ClockReport) => c.stoppedAt !== null || c.state === 'not-applicable';
  let settledFrom = -1;
  if (stopped(sla.response) && stopped(sla.resolution)) {
    const from = lastInstant(ticket);
    if (at >= from) settledFrom = from;
  }
  return { entry, settledFrom };
}

/** What the SLA derivations (slaAtInstant, the report's slaFiguresAtInstant) get in each thread. */
export interface SlaAtOptions {
  config: OpsbookConfig;
  /** The instant, epoch ms. */
  at: number;
  /** slaEngineKey(config), computed once by the caller. */
  key: string;
  /** Public holidays computed by the caller (holidaysAhead), for the threads. */
  holidays?: HolidayYears;
}

/** The options of an SLA derivation at `at`, its engine key computed here once. */
export function slaAtOptions(config: OpsbookConfig, at: number, holidays?: HolidayYears): SlaAtOptions {
  return { config, at, key: slaEngineKey(config), holidays };
}

/**
 * The SLA of each ticket at one instant, for the ticket index to compute in the threads that
 * parse the tickets (FactsDerivation); buildSlaReport takes these values from the sources'
 * `computed` instead of computing again.
 */
export function slaAtInstant({
  config,
  at,
  key,
  holidays,
}: SlaAtOptions): (ticket: SlaSource['data']) => SlaAt {
  if (holidays) addHolidayYears(holidays);
  return (ticket) => {
    const computed = computeEntry(ticket, config, at);
    if (!computed) return [key, at];
    const { entry, settledFrom } = computed;
    return [key, at, entry.running, settledFrom, ...fieldsOf(entry)];
  };
}

/**
 * The ticket index's derivation for buildSlaReport at `at` (see slaAtInstant). `factsRarely`:
 * the caller reads the tickets' facts only now and then (see FactsDerivation); `holidays`: the
 * public holidays the caller computed for the threads (holidaysAhead).
 */
export function slaDerivation(
  config: OpsbookConfig,
  at: number,
  { holidays, ...reads }: Pick<FactsDerivation, 'factsRarely'> & { holidays?: HolidayYears } = {},
): FactsDerivation {
  return {
    module: import.meta.url,
    name: 'slaAtInstant',
    options: slaAtOptions(config, at, holidays),
    ...reads,
  };
}

/**
 * The SLA entries of the tickets reported at or before `at`, sorted by ID. Tickets reported
 * later did not exist at `at` and are left out. A ticket whose clocks have both stopped and
 * that mentions no instant after `at` is settled: its entry no longer depends on `at`. The
 * settled entries computed here are returned in `settled`, for the caller to keep with their
 * sources (the ticket index keeps them as `derived.sla`); a source that has one from an earlier
 * run is not computed again while the engine key matches. Sources without `derived` have none.
 * A source whose `computed` holds its SLA at `at` (slaAtInstant) is not computed again either.
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
  const bySource: (SlaEntry | undefined)[] = new Array(sources.length);
  // The settled entries computed here, by source index: the map is made only when read (the
  // ticket index reads it only when it writes its cache).
  const settledAt: { index: number; from: number; entry: SlaEntry }[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i] as S;
    const cached = source.derived?.[SETTLED_SLA] as SettledSla | undefined;
    let entry: SlaEntry;
    if (cached && cached[0] === key && at >= cached[1]) {
      if (wanted && !wanted.has(cached[2])) continue;
      entry = storedEntry(cached, 2, false);
    } else {
      const early = source.computed as SlaAt | undefined;
      let settledFrom: number;
      if (early && early[0] === key && early[1] === at) {
        // Reported after the instant.
        if (early.length === 2) continue;
        entry = storedEntry(early, 4, early[2]);
        settledFrom = early[3];
      } else {
        const ticket = source.data;
        if (wanted && !wanted.has(ticket.id)) continue;
        const computed = computeEntry(ticket, config, at);
        if (computed === null) continue;
        ({ entry, settledFrom } = computed);
      }
      if (wanted && !wanted.has(entry.id)) continue;
      if (source.derived && settledFrom >= 0) settledAt.push({ index: i, from: settledFrom, entry });
    }
    if (selection.open && !isOpenEntry(entry)) continue;
    entries.push(entry);
    bySource[i] = entry;
  }
  entries.sort(byId);
  let settled: Map<S, SettledSla> | undefined;
  return {
    at: isoUtcToSecond(at),
    tickets: entries,
    summary: summaryOf(entries),
    bySource,
    settled: {
      name: SETTLED_SLA,
      get values() {
        settled ??= new Map(
          settledAt.map(({ index, from, entry }) => [sources[index] as S, [key, from, ...fieldsOf(entry)]]),
        );
        return settled;
      },
    },
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

/** Clocks still running at the instant whose state is one of `states`. */
export function runningClocksIn(report: SlaReport, states: readonly ReportedState[]): number {
  let n = 0;
  for (const t of report.tickets) {
    if (!t.running) continue;
    for (const c of [t.sla.response, t.sla.resolution]) if (isRunning(c) && states.includes(c.state)) n++;
  }
  return n;
}
