/**
 * One ticket as the report's accumulators see it: what several of them need (its SLA entry,
 * status, priority, services, when it was reported, when its handling stopped) derived once.
 */

import { isOpenStatus } from '../../model/lifecycle.ts';
import { instantMs } from '../../model/time.ts';
import { effectivePriority, type PriorityMatrix } from '../priority.ts';
import type { ClockReport, TicketSla } from '../sla-clock.ts';
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

/** When the response and the resolution clocks stopped (epoch ms), null while running. */
export interface HandlingStops {
  readonly sla: TicketSla | undefined;
  readonly response: number | null;
  readonly resolution: number | null;
}

export function serviceIds(t: ReportTicket): string[] {
  const services = t.services ?? [];
  const ids = services.map((s) => (typeof s === 'string' ? s : s.id));
  return ids.length < 2 ? ids : [...new Set(ids)];
}

/** When a clock stopped (epoch ms), from the SLA where it applies, else from the ticket's times. */
function stopOf(clock: ClockReport | undefined, fallback: () => number | null): number | null {
  if (clock && clock.state !== 'not-applicable')
    return clock.stoppedAt === null ? null : instantMs(clock.stoppedAt);
  return fallback();
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
  const sla = entry?.sla;
  const responseStop = stopOf(sla?.response, () => {
    const ack = t.acknowledged_at ? instantMs(t.acknowledged_at) : Number.NaN;
    if (ack <= at) return ack;
    const resolved = t.resolved_at ? instantMs(t.resolved_at) : Number.NaN;
    return resolved <= at ? resolved : null;
  });
  const resolved = stopOf(sla?.resolution, () => {
    const resolvedAt = t.resolved_at ? instantMs(t.resolved_at) : Number.NaN;
    return resolvedAt <= at && !isOpenStatus(status) ? resolvedAt : null;
  });
  return { sla, response: responseStop, resolution: resolved };
}
