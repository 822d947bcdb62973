/**
 * One ticket's SLA entry as `opsbook sla` reports it, and the compact form in which the parsing
 * threads send it and the ticket index keeps it (settled entries): built, stored and read back here.
 */
import { detachedString } from '../lib/detached-strings.ts';
import { instantMs } from '../model/time.ts';
import type { ClockReport, TicketSla } from './sla-clock.ts';

export const CLOCK_STATES = ['met', 'running', 'at-risk', 'paused', 'breached', 'not-applicable'] as const;
export type ReportedState = (typeof CLOCK_STATES)[number];

/**
 * When each clock stopped (epoch ms, null while it runs or when it does not apply) and its
 * elapsed working minutes: [response stopped, response minutes, resolution stopped, resolution
 * minutes]. What the periodic report reads of a ticket's SLA, without parsing the whole entry.
 */
export type ClockTimes = readonly [number | null, number | null, number | null, number | null];

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
  /** The SLA policy the ticket was assigned (null: none). */
  readonly policy: string | null;
  /** The priority its targets follow (null: none). */
  readonly priority: string | null;
  readonly times: ClockTimes;
  readonly json: string;
  readonly sla: TicketSla;
}

/**
 * An entry as the threads send it and the cache keeps it:
 * [id, status, response state, resolution state, JSON, title, clock times, policy, priority].
 */
export type EntryFields = [
  string,
  string,
  ReportedState,
  ReportedState,
  string,
  string,
  ClockTimes,
  string | null,
  string | null,
];

/** [engine key, settled from (epoch ms), ...the entry's fields] */
export type SettledSla = [string, number, ...EntryFields];

/**
 * A ticket's SLA as `slaAtInstant` (sla-report.ts) computes it where the ticket is parsed:
 * [engine key, instant, running, settled from (-1: not settled), ...the entry's fields], or
 * [engine key, instant] for a ticket reported after the instant.
 */
export type SlaAt = [string, number, boolean, number, ...EntryFields] | [string, number];

function stoppedMs(clock: ClockReport): number | null {
  return clock.stoppedAt === null ? null : instantMs(clock.stoppedAt);
}

export function entryOf(sla: TicketSla, title: string, json = JSON.stringify(sla)): SlaEntry {
  const { response, resolution } = sla;
  // Kept to the end of the command: copies, not views into the text of the ticket file.
  return {
    id: detachedString(sla.id),
    title: detachedString(title),
    status: detachedString(sla.status),
    states: [response.state, resolution.state],
    running: isRunning(response) || isRunning(resolution),
    policy: sla.policy,
    priority: sla.priority,
    times: [stoppedMs(response), response.elapsedMinutes, stoppedMs(resolution), resolution.elapsedMinutes],
    json,
    sla,
  };
}

/** An entry whose TicketSla is parsed from its JSON only when asked for. */
class StoredEntry implements SlaEntry {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly states: readonly [ReportedState, ReportedState];
  readonly running: boolean;
  readonly policy: string | null;
  readonly priority: string | null;
  readonly times: ClockTimes;
  readonly json: string;
  #sla: TicketSla | undefined;

  constructor(
    id: string,
    title: string,
    status: string,
    states: readonly [ReportedState, ReportedState],
    running: boolean,
    policy: string | null,
    priority: string | null,
    times: ClockTimes,
    json: string,
  ) {
    this.id = id;
    this.title = title;
    this.status = status;
    this.states = states;
    this.running = running;
    this.policy = policy;
    this.priority = priority;
    this.times = times;
    this.json = json;
  }

  get sla(): TicketSla {
    this.#sla ??= JSON.parse(this.json) as TicketSla;
    return this.#sla;
  }
}

export function fieldsOf(entry: SlaEntry): EntryFields {
  return [
    entry.id,
    entry.status,
    ...entry.states,
    entry.json,
    entry.title,
    entry.times,
    entry.policy,
    entry.priority,
  ];
}

/**
 * The entry whose fields (EntryFields) start at index `k` of `value` (a SettledSla or an SlaAt),
 * read in place rather than copied out first: one call for each of 100,000 tickets.
 */
export function storedEntry(value: SettledSla | SlaAt, k: number, running: boolean): SlaEntry {
  const states: [ReportedState, ReportedState] = [
    value[k + 2] as ReportedState,
    value[k + 3] as ReportedState,
  ];
  return new StoredEntry(
    value[k] as string,
    value[k + 5] as string,
    value[k + 1] as string,
    states,
    running,
    value[k + 7] as string | null,
    value[k + 8] as string | null,
    value[k + 6] as ClockTimes,
    value[k + 4] as string,
  );
}

/** A clock that is still running (the ones that need attention), with its due instant. */
export function isRunning(clock: ClockReport): clock is ClockReport & { due: string } {
  return clock.stoppedAt === null && clock.due !== null && clock.state !== 'not-applicable';
}
