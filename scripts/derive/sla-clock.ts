/**
 * SLA clocks (docs/sla.md): per ticket a response clock (reported → acknowledged) and a
 * resolution clock (reported → resolved), measured in working time on the policy's business
 * calendar, paused while the ticket waits in one of the policy's pause statuses.
 *
 * Everything is a pure function of the ticket, the configuration and the instant `at` (epoch
 * milliseconds): timeline entries, acknowledgements and resolutions after `at` have not happened
 * yet. Instants inside are epoch milliseconds; the report carries UTC ISO strings.
 *
 * This module turns a ticket into its two clocks and their report; one clock's arithmetic is in
 * `sla-working-clock.ts`, the ticket's statuses over time in `sla-status-spans.ts`, the compiled
 * configuration in `sla-config.ts`.
 */
import { RESOLVING_STATUSES } from '../model/lifecycle.ts';
import { instantMs, isoUtcToSecond } from '../model/time.ts';
import type { Duration } from './duration.ts';
import { effectivePriority } from './priority.ts';
import { compileConfig, type SlaConfig } from './sla-config.ts';
import { assignPolicy } from './sla-policy.ts';
import {
  firstResolution,
  resolutionStop,
  type SlaTicket,
  statusAt,
  statusSpans,
} from './sla-status-spans.ts';
import { type Clock, type ClockState, computeClock, type Interval } from './sla-working-clock.ts';

export type { SlaConfig } from './sla-config.ts';

export type { SlaTicket } from './sla-status-spans.ts';

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

/** A ticket's two clocks at an instant, each as a ClockPresenter made it. */
export interface TicketClocks<C> {
  id: string;
  kind: string;
  /** The ticket's status at `at` (from its timeline). */
  status: string;
  priority: string | null;
  policy: string | null;
  response: C;
  resolution: C;
}

/** One ticket in `opsbook sla --format json`. */
export type TicketSla = TicketClocks<ClockReport>;

/**
 * How a clock is given back: from the computed clock, or from the start (epoch ms, NaN when
 * there is none) and the reason it does not apply.
 */
export interface ClockPresenter<C> {
  clock(clock: Clock): C;
  notApplicable(start: number, reason: NotApplicableReason): C;
}

function notApplicable(start: number, reason: NotApplicableReason): ClockReport {
  return {
    start: Number.isFinite(start) ? isoUtcToSecond(start) : null,
    due: null,
    stoppedAt: null,
    elapsedMinutes: null,
    pausedMinutes: null,
    state: 'not-applicable',
    reason,
  };
}

function report(clock: Clock): ClockReport {
  return {
    start: isoUtcToSecond(clock.start),
    due: isoUtcToSecond(clock.due),
    stoppedAt: clock.stoppedAt === null ? null : isoUtcToSecond(clock.stoppedAt),
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
  return ticketClocks(ticket, config, at, REPORTED);
}

/** The clocks as `opsbook sla --format json` prints them (instants as UTC ISO strings). */
const REPORTED: ClockPresenter<ClockReport> = { clock: report, notApplicable };

/** computeTicketSla with each clock given back as `present` makes it. */
export function ticketClocks<C>(
  ticket: SlaTicket,
  config: SlaConfig,
  at: number,
  present: ClockPresenter<C>,
): TicketClocks<C> {
  const compiled = compileConfig(config);
  const spans = statusSpans(ticket, at);
  const status = statusAt(ticket, spans, at);
  const priority = effectivePriority(ticket, config.priority?.matrix);
  const policyId = assignPolicy(ticket, config);
  const start = instantMs(ticket.reported_at);
  const entry = (reason: NotApplicableReason | null, response?: C, resolution?: C): TicketClocks<C> => ({
    id: ticket.id,
    kind: ticket.kind,
    status,
    priority,
    policy: policyId,
    response: response ?? present.notApplicable(start, reason ?? 'no-target'),
    resolution: resolution ?? present.notApplicable(start, reason ?? 'no-target'),
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
  ): C => {
    if (target === 'invalid') return present.notApplicable(start, 'invalid-target');
    if (!target) return present.notApplicable(start, 'no-target');
    return present.clock(computeClock({ start, stop, target, pauses, calendar, atRisk: policy.atRisk, at }));
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
