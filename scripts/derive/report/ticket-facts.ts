/**
 * One ticket as the report's accumulators see it: what several of them need (its SLA entry,
 * status, priority, services, when it was reported, when its handling stopped) derived once.
 */

import { isOpenStatus } from '../../model/lifecycle.ts';
import { instantMs } from '../../model/time.ts';
import { effectivePriority, type PriorityMatrix } from '../priority.ts';
import type { ClockTimes } from '../sla-report.ts';
import type { ReportSla, ReportTicket } from './types.ts';

export interface TicketFacts {
  readonly ticket: ReportTicket;
  /** The ticket's SLA at `at`, when it has one. */
  readonly entry: ReportSla | undefined;
  /** The status at `at`: the SLA's when there is one, else the ticket's. */
  readonly status: string;
  readonly priority: string | null;
  readonly services: string[];
  readonly reportedMs: number;
  /** Response and resolution of real handling; null for duplicates, cancelled tickets and other kinds. */
  readonly stops: HandlingStops | null;
}

/**
 * When the response and the resolution clocks stopped (epoch ms), null while running; and their
 * working minutes where the ticket's SLA clock applies (null where it does not).
 */
export interface HandlingStops {
  readonly response: number | null;
  readonly resolution: number | null;
  readonly responseMinutes: number | null;
  readonly resolutionMinutes: number | null;
}

const NO_TIMES: ClockTimes = [null, null, null, null];

export function serviceIds(t: ReportTicket): string[] {
  const services = t.services ?? [];
  const ids = services.map((s) => (typeof s === 'string' ? s : s.id));
  return ids.length < 2 ? ids : [...new Set(ids)];
}

export function ticketFacts(
  t: ReportTicket,
  entry: ReportSla | undefined,
  reportedMs: number,
  matrix: PriorityMatrix | undefined,
  at: number,
): TicketFacts {
  const status = entry?.status ?? t.status;
  const priority = effectivePriority(t, matrix);
  const services = serviceIds(t);
  return {
    ticket: t,
    entry,
    status,
    priority,
    services,
    reportedMs,
    stops: handlingStops(t, entry, status, at),
  };
}

function handlingStops(
  t: ReportTicket,
  entry: ReportSla | undefined,
  status: string,
  at: number,
): HandlingStops | null {
  // Response and resolution times: real handling only (no duplicates, nothing cancelled).
  const timed =
    (t.kind === 'incident' || t.kind === 'service-request') && !t.duplicate_of && status !== 'cancelled';
  if (!timed) return null;
  // Each clock's stop from the SLA where the clock applies, else from the ticket's times.
  const responseApplies = entry !== undefined && entry.states[0] !== 'not-applicable';
  const resolutionApplies = entry !== undefined && entry.states[1] !== 'not-applicable';
  const [responseStopped, responseMinutes, resolutionStopped, resolutionMinutes] = entry?.times ?? NO_TIMES;
  let response: number | null;
  if (responseApplies) response = responseStopped;
  else {
    const ack = t.acknowledged_at ? instantMs(t.acknowledged_at) : Number.NaN;
    const resolvedAt = t.resolved_at ? instantMs(t.resolved_at) : Number.NaN;
    response = ack <= at ? ack : resolvedAt <= at ? resolvedAt : null;
  }
  let resolution: number | null;
  if (resolutionApplies) resolution = resolutionStopped;
  else {
    const resolvedAt = t.resolved_at ? instantMs(t.resolved_at) : Number.NaN;
    resolution = resolvedAt <= at && !isOpenStatus(status) ? resolvedAt : null;
  }
  return {
    response,
    resolution,
    responseMinutes: responseApplies ? (responseMinutes ?? 0) : null,
    resolutionMinutes: resolutionApplies ? (resolutionMinutes ?? 0) : null,
  };
}
