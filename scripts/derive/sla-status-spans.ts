/**
 * A ticket's statuses over time as the SLA reads them, as known at the instant `at`: the
 * stretches each status held, the status at `at`, when the resolution clock stopped (the latest
 * resolution, unless the ticket was reopened) and the first resolution (which stops a response
 * clock that was never acknowledged). Pure; instants are epoch milliseconds.
 */
import { RESOLVING_STATUSES } from '../model/lifecycle.ts';
import type { Ticket, TimelineEntry } from '../model/schema-types.generated.ts';
import { instantMs } from '../model/time.ts';
import type { PolicyTicket } from './sla-policy.ts';

export type SlaTimelineEntry = Readonly<Pick<TimelineEntry, 'at' | 'status'>>;

/** The ticket fields the SLA reads (TicketFacts of the ticket index fits too). */
export type SlaTicket = PolicyTicket &
  Readonly<
    Pick<Ticket, 'id' | 'status' | 'reported_at' | 'acknowledged_at' | 'resolved_at' | 'duplicate_of'>
  > & {
    readonly timeline?: readonly SlaTimelineEntry[];
  };

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
export function statusAt(ticket: SlaTicket, spans: readonly StatusSpan[], at: number): string {
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
export function resolutionStop(ticket: SlaTicket, spans: readonly StatusSpan[], at: number): number | null {
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
export function firstResolution(ticket: SlaTicket, spans: readonly StatusSpan[], at: number): number {
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
