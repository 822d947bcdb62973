/**
 * SLA clocks (docs/sla.md): per ticket a response clock (reported → acknowledged) and a
 * resolution clock (reported → resolved), measured in working time on the policy's business
 * calendar, paused while the ticket waits in one of the policy's pause statuses.
 *
 * Everything is a pure function of the ticket, the configuration and the instant `at` (epoch
 * milliseconds): timeline entries, acknowledgements and resolutions after `at` have not happened
 * yet. Instants inside are epoch milliseconds; the report carries UTC ISO strings.
 */
import { RESOLVING_STATUSES } from '../model/lifecycle.ts';
import type { Ticket, TimelineEntry } from '../model/schema-types.generated.ts';
import { instantMs, isoUtc } from '../model/time.ts';
import {
  addBusinessDays,
  addWorkingMs,
  type BusinessCalendar,
  type CalendarCache,
  type CalendarSpec,
  compileCalendar,
  createCalendarCache,
  workingMsBetween,
} from './calendar/index.ts';
import { type Duration, parseDuration } from './duration.ts';
import { effectivePriority } from './priority.ts';
import { assignPolicy, type PolicyConfig, type PolicyTicket } from './sla-policy.ts';

const MINUTE = 60_000;

/** A stretch of time `[start, end)` in epoch milliseconds; `end` may be `Infinity` (still going). */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export type ClockState = 'met' | 'breached' | 'running' | 'at-risk' | 'paused';

export interface ClockInput {
  /** Clock start (epoch ms). */
  readonly start: number;
  /** Clock stop (epoch ms), or null while it runs; a stop after `at` has not happened yet. */
  readonly stop: number | null;
  readonly target: Duration;
  /** Paused stretches (any order, may overlap); only the parts between start and stop/`at` count. */
  readonly pauses: readonly Interval[];
  readonly calendar: BusinessCalendar;
  /** Share of the target after which a running clock is at risk (0.75 = 75 %); `Infinity`: never. */
  readonly atRisk: number;
  /** The instant the state is computed for (epoch ms). */
  readonly at: number;
}

export interface Clock {
  /** Epoch ms. */
  start: number;
  /** Epoch ms: when the clock is (or was) due, pushed out by paused working time before it. */
  due: number;
  /** Epoch ms, or null while the clock runs at `at`. */
  stoppedAt: number | null;
  /** Whole working minutes from start to stop (or `at`) outside pauses. */
  elapsedMinutes: number;
  /** Whole working minutes inside pauses over the same span. */
  pausedMinutes: number;
  state: ClockState;
  /**
   * The target in working minutes: the `Nm`/`Nh` target, or for `Nbd` the working time from the
   * start to the business-day due without pauses (what `at_risk` is a share of).
   */
  targetMinutes: number;
}

/** Sorted, merged, clipped to `[from, to)`, empty ones dropped. */
function normalizePauses(pauses: readonly Interval[], from: number, to: number): Interval[] {
  const clipped: Interval[] = [];
  for (const p of pauses) {
    const start = Math.max(p.start, from);
    const end = Math.min(p.end, to);
    if (end > start) clipped.push({ start, end });
  }
  if (clipped.length < 2) return clipped;
  clipped.sort((a, b) => a.start - b.start);
  const out: Interval[] = [clipped[0] as Interval];
  for (let i = 1; i < clipped.length; i++) {
    const p = clipped[i] as Interval;
    const last = out[out.length - 1] as Interval;
    if (p.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, p.end) };
    else out.push(p);
  }
  return out;
}

/**
 * The due instant with pauses: the earliest instant at or after the unpaused due `base` by which
 * as much unpaused working time has passed after `base` as was paused before `base`, and at
 * which the clock is not held by a pause. That is the moving due of docs/sla.md: working time paused
 * before the due pushes it out by the same working time (again and again, when the pushed due
 * overtakes further pauses); a pause that begins at or after the due changes nothing. A pause
 * that begins before the due and is still on at the due holds the clock until it ends even when
 * none of its working time lies before the due (a pause from Monday evening over a Tuesday 08:00
 * due): a paused clock cannot run out, it runs out when it resumes with nothing left.
 * `pauses` are normalized and start at or after the start.
 */
function dueWithPauses(cal: BusinessCalendar, base: number, pauses: readonly Interval[]): number {
  let need = 0;
  let k = 0;
  for (; k < pauses.length && (pauses[k] as Interval).start < base; k++) {
    const p = pauses[k] as Interval;
    need += workingMsBetween(cal, p.start, Math.min(p.end, base));
  }
  if (k > 0 && (pauses[k - 1] as Interval).end > base) k--;
  let cursor = base;
  for (; k < pauses.length; k++) {
    const p = pauses[k] as Interval;
    // Only the pause still on at `base` can begin before the cursor; it holds the clock.
    if (p.start >= cursor) {
      const available = workingMsBetween(cal, cursor, p.start);
      if (available >= need) return addWorkingMs(cal, cursor, need);
      need -= available;
    }
    cursor = p.end;
  }
  return addWorkingMs(cal, cursor, need);
}

/**
 * One SLA clock at instant `at` (docs/sla.md). States: stopped at or before due → `met`;
 * stopped after due → `breached`; running and `at` after due → `breached`; running inside a
 * pause → `paused`; running with elapsed ≥ `atRisk` × target → `at-risk`; else `running`.
 * A zero target is due at the start.
 */
export function computeClock(input: ClockInput): Clock {
  const { calendar: cal, target, at, start } = input;
  const stoppedAt = input.stop !== null && input.stop <= at ? Math.max(input.stop, start) : null;
  const spanEnd = stoppedAt ?? Math.max(at, start);
  const pauses = normalizePauses(input.pauses, start, spanEnd);

  let base: number;
  let targetMs: number;
  if (target.kind === 'working') {
    targetMs = target.minutes * MINUTE;
    base = addWorkingMs(cal, start, targetMs);
  } else if (target.days > 0) {
    base = addBusinessDays(cal, start, target.days);
    targetMs = workingMsBetween(cal, start, base);
  } else {
    base = start;
    targetMs = 0;
  }
  const due = dueWithPauses(cal, base, pauses);

  let pausedMs = 0;
  for (const p of pauses) pausedMs += workingMsBetween(cal, p.start, p.end);
  const elapsedMs = workingMsBetween(cal, start, spanEnd) - pausedMs;

  let state: ClockState;
  if (stoppedAt !== null) state = stoppedAt <= due ? 'met' : 'breached';
  else if (at > due) state = 'breached';
  else if (input.pauses.some((p) => p.start <= at && at < p.end)) state = 'paused';
  else if (elapsedMs >= input.atRisk * targetMs) state = 'at-risk';
  else state = 'running';

  return {
    start,
    due,
    stoppedAt,
    elapsedMinutes: Math.floor(elapsedMs / MINUTE),
    pausedMinutes: Math.floor(pausedMs / MINUTE),
    state,
    targetMinutes: Math.floor(targetMs / MINUTE),
  };
}

// ---------------------------------------------------------------------------------------------
// Tickets

export type SlaTimelineEntry = Readonly<Pick<TimelineEntry, 'at' | 'status'>>;

/** The ticket fields the SLA reads (TicketFacts of the ticket index fits too). */
export type SlaTicket = PolicyTicket &
  Readonly<
    Pick<Ticket, 'id' | 'status' | 'reported_at' | 'acknowledged_at' | 'resolved_at' | 'duplicate_of'>
  > & {
    readonly timeline?: readonly SlaTimelineEntry[];
  };

type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export interface SlaPolicySpec {
  readonly calendar: string;
  readonly pause_statuses?: readonly string[];
  readonly at_risk?: number;
  readonly targets?: {
    readonly [P in Priority]?: { readonly response?: string; readonly resolution?: string };
  };
}

/** The configuration the SLA reads (a subset of opsbook.yaml). */
export interface SlaConfig extends PolicyConfig {
  readonly calendars?: { readonly [id: string]: CalendarSpec | undefined };
  readonly sla: PolicyConfig['sla'] & {
    readonly policies?: { readonly [id: string]: SlaPolicySpec | undefined };
  };
}

export type NotApplicableReason =
  /** The ticket is cancelled. */
  | 'cancelled'
  /** The ticket is a duplicate (`duplicate_of`). */
  | 'duplicate'
  /** `reported_at` is after `at`: the ticket did not exist yet. */
  | 'not-reported-yet'
  /** `reported_at` is missing or no instant. */
  | 'no-start'
  /** No assign rule matches and there is no default policy. */
  | 'no-policy'
  /** The assigned policy is not defined in `sla.policies`. */
  | 'unknown-policy'
  /** The ticket has no priority (no `priority`, no impact/urgency in the matrix). */
  | 'no-priority'
  /** The policy has no target for this priority and clock. */
  | 'no-target'
  /** The target is no valid duration. */
  | 'invalid-target'
  /** The policy's calendar does not exist. */
  | 'unknown-calendar'
  /** The policy's calendar is invalid (see `opsbook validate`). */
  | 'invalid-calendar';

/** One clock in `opsbook sla --format json`. Instants are UTC ISO strings without milliseconds. */
export interface ClockReport {
  start: string | null;
  due: string | null;
  stoppedAt: string | null;
  elapsedMinutes: number | null;
  pausedMinutes: number | null;
  state: ClockState | 'not-applicable';
  /** Why the clock does not apply; only with state `not-applicable`. */
  reason?: NotApplicableReason;
}

/** One ticket in `opsbook sla --format json`. */
export interface TicketSla {
  id: string;
  kind: string;
  /** The ticket's status at `at` (from its timeline). */
  status: string;
  priority: string | null;
  policy: string | null;
  response: ClockReport;
  resolution: ClockReport;
}

interface CompiledPolicy {
  readonly calendar: BusinessCalendar | 'unknown-calendar' | 'invalid-calendar';
  readonly pauseStatuses: ReadonlySet<string>;
  readonly atRisk: number;
  readonly targets: ReadonlyMap<
    string,
    { response: Duration | 'invalid' | null; resolution: Duration | 'invalid' | null }
  >;
}

interface CompiledConfig {
  readonly policies: ReadonlyMap<string, CompiledPolicy>;
}

const compiledConfigs = new WeakMap<SlaConfig, CompiledConfig>();

function compileConfig(config: SlaConfig): CompiledConfig {
  const known = compiledConfigs.get(config);
  if (known) return known;
  const cache: CalendarCache = createCalendarCache();
  const calendars = new Map<string, CompiledPolicy['calendar']>();
  const calendarFor = (id: string): CompiledPolicy['calendar'] => {
    let cal = calendars.get(id);
    if (cal === undefined) {
      const spec = config.calendars && Object.hasOwn(config.calendars, id) ? config.calendars[id] : undefined;
      if (!spec) cal = 'unknown-calendar';
      else {
        try {
          cal = compileCalendar(spec, cache);
        } catch {
          cal = 'invalid-calendar';
        }
      }
      calendars.set(id, cal);
    }
    return cal;
  };
  const target = (text: string | undefined) =>
    text === undefined ? null : (parseDuration(text) ?? 'invalid');
  const policies = new Map<string, CompiledPolicy>();
  for (const [id, spec] of Object.entries(config.sla.policies ?? {})) {
    if (!spec) continue;
    const targets = new Map<
      string,
      { response: Duration | 'invalid' | null; resolution: Duration | 'invalid' | null }
    >();
    for (const [priority, t] of Object.entries(spec.targets ?? {})) {
      if (t) targets.set(priority, { response: target(t.response), resolution: target(t.resolution) });
    }
    policies.set(id, {
      calendar: calendarFor(spec.calendar),
      pauseStatuses: new Set(spec.pause_statuses ?? []),
      // Without `at_risk` a clock is never at risk (config schema).
      atRisk: typeof spec.at_risk === 'number' ? spec.at_risk : Number.POSITIVE_INFINITY,
      targets,
    });
  }
  const result = { policies };
  compiledConfigs.set(config, result);
  return result;
}

/** A status the ticket held over `[start, end)` (epoch ms; the last one ends at `Infinity`). */
export interface StatusSpan {
  readonly status: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The ticket's statuses over time as known at `at`: each timeline entry with a `status` sets it
 * from its `at` on; entries after `at` have not happened yet. A ticket whose timeline has no
 * status entry holds its `status` from `reported_at` (unless that status is a resolution, which
 * the resolution time says everything about).
 */
export function statusSpans(ticket: SlaTicket, at: number): StatusSpan[] {
  const entries: { status: string; at: number }[] = [];
  let anyStatus = false;
  let sorted = true;
  for (const e of ticket.timeline ?? []) {
    if (!e.status) continue;
    anyStatus = true;
    const t = instantMs(e.at);
    if (!(t <= at)) continue;
    if (entries.length > 0 && t < (entries[entries.length - 1] as { at: number }).at) sorted = false;
    entries.push({ status: e.status, at: t });
  }
  if (!anyStatus) {
    const reported = instantMs(ticket.reported_at);
    if (reported <= at && !RESOLVING_STATUSES.has(ticket.status)) {
      return [{ status: ticket.status, start: reported, end: Number.POSITIVE_INFINITY }];
    }
    return [];
  }
  if (!sorted) entries.sort((a, b) => a.at - b.at);
  return entries.map((e, i) => ({
    status: e.status,
    start: e.at,
    end: (entries[i + 1] as { at: number } | undefined)?.at ?? Number.POSITIVE_INFINITY,
  }));
}

/**
 * The ticket's status at `at`: the last timeline status up to `at`. Before its first recorded
 * status change a ticket is `new`: a timeline whose status entries all lie after `at`, or a
 * ticket without timeline statuses that is resolved (or closed) only after `at`, does not show
 * its present status for an earlier instant.
 */
function statusAt(ticket: SlaTicket, spans: readonly StatusSpan[], at: number): string {
  const last = spans[spans.length - 1];
  if (last) return last.status;
  if ((ticket.timeline ?? []).some((e) => e.status)) return 'new';
  if (RESOLVING_STATUSES.has(ticket.status)) {
    const resolvedAt = ticket.resolved_at ? instantMs(ticket.resolved_at) : Number.NaN;
    if (!(resolvedAt <= at)) return 'new';
  }
  return ticket.status;
}

/**
 * When the resolution clock stopped, as known at `at`, or null while it runs. While the ticket is
 * resolved (or closed) at `at`, the stop is its latest resolution: `resolved_at` when that lies
 * within the current resolved stretch, else the stretch's start. A ticket reopened after its
 * resolution runs again (the time spent resolved is paused). Without a timeline status after
 * `resolved_at`, `resolved_at` counts.
 */
function resolutionStop(ticket: SlaTicket, spans: readonly StatusSpan[], at: number): number | null {
  const resolvedAt = ticket.resolved_at ? instantMs(ticket.resolved_at) : Number.NaN;
  const last = spans[spans.length - 1];
  if (last && RESOLVING_STATUSES.has(last.status)) {
    let i = spans.length - 1;
    while (i > 0 && RESOLVING_STATUSES.has((spans[i - 1] as StatusSpan).status)) i--;
    const runStart = (spans[i] as StatusSpan).start;
    return resolvedAt >= runStart && resolvedAt <= at ? resolvedAt : runStart;
  }
  if (resolvedAt <= at && !(last && last.start > resolvedAt)) return resolvedAt;
  return null;
}

/** The first resolution as known at `at` (a response at the latest), or NaN. */
function firstResolution(ticket: SlaTicket, spans: readonly StatusSpan[], at: number): number {
  let first = Number.NaN;
  for (const s of spans) {
    if (RESOLVING_STATUSES.has(s.status)) {
      first = s.start;
      break;
    }
  }
  const resolvedAt = ticket.resolved_at ? instantMs(ticket.resolved_at) : Number.NaN;
  if (resolvedAt <= at && !(resolvedAt >= first)) first = resolvedAt;
  return first;
}

function notApplicable(start: number, reason: NotApplicableReason): ClockReport {
  return {
    start: Number.isFinite(start) ? formatInstant(start) : null,
    due: null,
    stoppedAt: null,
    elapsedMinutes: null,
    pausedMinutes: null,
    state: 'not-applicable',
    reason,
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ`; milliseconds are cut. */
export function formatInstant(ms: number): string {
  return isoUtc(Math.floor(ms / 1000) * 1000);
}

function report(clock: Clock): ClockReport {
  return {
    start: formatInstant(clock.start),
    due: formatInstant(clock.due),
    stoppedAt: clock.stoppedAt === null ? null : formatInstant(clock.stoppedAt),
    elapsedMinutes: clock.elapsedMinutes,
    pausedMinutes: clock.pausedMinutes,
    state: clock.state,
  };
}

/**
 * The SLA entry of one ticket at instant `at` (epoch ms), as `opsbook sla --format json` prints
 * it (the JSON contract, docs/sla.md). Targets follow the ticket's current priority. Both clocks are
 * `not-applicable` (with a `reason`) for cancelled tickets, duplicates, tickets without policy
 * or priority; one clock is when its policy has no target for it.
 *
 * Response: from `reported_at` to `acknowledged_at` (or to the first resolution when the ticket
 * was resolved without an acknowledgement), paused in the policy's pause statuses.
 * Resolution: from `reported_at` to the latest resolution, paused in the pause statuses and,
 * after a reopen, while the ticket was resolved.
 */
export function computeTicketSla(ticket: SlaTicket, config: SlaConfig, at: number): TicketSla {
  const compiled = compileConfig(config);
  const spans = statusSpans(ticket, at);
  const status = statusAt(ticket, spans, at);
  const priority = effectivePriority(ticket, config.priority?.matrix);
  const policyId = assignPolicy(ticket, config);
  const start = instantMs(ticket.reported_at);
  const entry = (reason: NotApplicableReason | null, response?: ClockReport, resolution?: ClockReport) => ({
    id: ticket.id,
    kind: ticket.kind,
    status,
    priority,
    policy: policyId,
    response: response ?? notApplicable(start, reason ?? 'no-target'),
    resolution: resolution ?? notApplicable(start, reason ?? 'no-target'),
  });

  if (ticket.status === 'cancelled' || status === 'cancelled') return entry('cancelled');
  if (ticket.duplicate_of) return entry('duplicate');
  if (!Number.isFinite(start)) return entry('no-start');
  if (start > at) return entry('not-reported-yet');
  if (policyId === null) return entry('no-policy');
  const policy = compiled.policies.get(policyId);
  if (!policy) return entry('unknown-policy');
  if (priority === null) return entry('no-priority');
  if (typeof policy.calendar === 'string') return entry(policy.calendar);
  const calendar = policy.calendar;
  const targets = policy.targets.get(priority);

  const clock = (
    target: Duration | 'invalid' | null | undefined,
    stop: number | null,
    pauses: Interval[],
  ) => {
    if (target === 'invalid') return notApplicable(start, 'invalid-target');
    if (!target) return notApplicable(start, 'no-target');
    return report(computeClock({ start, stop, target, pauses, calendar, atRisk: policy.atRisk, at }));
  };

  const responsePauses: Interval[] = [];
  const resolutionPauses: Interval[] = [];
  for (const s of spans) {
    if (policy.pauseStatuses.has(s.status)) {
      responsePauses.push(s);
      resolutionPauses.push(s);
    } else if (RESOLVING_STATUSES.has(s.status)) {
      resolutionPauses.push(s);
    }
  }
  const acknowledged = ticket.acknowledged_at ? instantMs(ticket.acknowledged_at) : Number.NaN;
  let responseStop: number | null = acknowledged <= at ? acknowledged : null;
  if (responseStop === null) {
    const resolved = firstResolution(ticket, spans, at);
    if (resolved <= at) responseStop = resolved;
  }
  return entry(
    null,
    clock(targets?.response, responseStop, responsePauses),
    clock(targets?.resolution, resolutionStop(ticket, spans, at), resolutionPauses),
  );
}
