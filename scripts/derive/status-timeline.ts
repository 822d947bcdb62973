/**
 * A ticket as the status page reads it (`StatusTicket`, a subset of Ticket) and its status
 * changes in time order: every timeline entry, plus the resolution the frontmatter implies when
 * no entry ends the ticket (`resolved_at`, else `closed_at`). `ticket-phase.ts` replays them up
 * to an instant.
 *
 * Instants are integer epoch milliseconds (as `instantMs` returns them).
 */
import { ENDING_STATUSES } from '../model/lifecycle.ts';
import type { Ticket, TicketReview, TimelineEntry } from '../model/schema-types.generated.ts';
import type { ComponentStatus } from '../model/site.ts';
import { instantMs } from '../model/time.ts';

/** The ticket fields the status page reads (a subset of Ticket; TicketFacts also fits). */
export type StatusTicket = Pick<
  Ticket,
  | 'id'
  | 'kind'
  | 'status'
  | 'services'
  | 'detected_at'
  | 'reported_at'
  | 'resolved_at'
  | 'closed_at'
  | 'scheduled_for'
  | 'scheduled_until'
> & {
  readonly timeline?: readonly Pick<TimelineEntry, 'at' | 'status' | 'public'>[];
  readonly review?: Pick<TicketReview, 'publish'>;
};

/** The id of a `services` entry (a bare id or `{ id, effect }`). */
export function serviceId(entry: string | { id: string }): string {
  return typeof entry === 'string' ? entry : entry.id;
}

/** The effect a `services` entry gives its service, undefined when it names none. */
export function serviceEffect(
  entry: string | { id: string; effect?: ComponentStatus },
): ComponentStatus | undefined {
  return typeof entry === 'string' ? undefined : entry.effect;
}

/** Whether the ticket is a maintenance (its effect follows its window, not its resolution). */
export const isMaintenance = (t: StatusTicket) => t.kind === 'maintenance';

/** A status change: a timeline status entry, or one that the frontmatter implies (`index` -1). */
export interface StatusEvent {
  at: number;
  status: string | undefined;
  /** The timeline index, -1 for a resolution taken from `resolved_at`/`closed_at`. */
  index: number;
}

/** What a ticket's timeline says, sorted once: every entry plus the implied resolution. */
export interface Timeline {
  events: StatusEvent[];
  /** The status before the first event. */
  initial: string;
}

/** Epoch ms an incident started: the earliest of `detected_at` and `reported_at`. */
export function incidentStart(t: StatusTicket): number {
  const reported = instantMs(t.reported_at);
  const detected = t.detected_at ? instantMs(t.detected_at) : Number.NaN;
  if (Number.isNaN(detected)) return reported;
  if (Number.isNaN(reported)) return detected;
  return Math.min(detected, reported);
}

/**
 * Every timeline entry in time order (file order among equal times), plus, when no entry ends the
 * ticket, the resolution the frontmatter implies: `resolved_at`, else `closed_at`, else (for a
 * ticket whose status ends it but that gives no time) its last timeline entry or its start.
 * Implied events go before real ones of the same instant, so an update written at that instant
 * already carries the resolved status.
 */
export function readTimeline(t: StatusTicket): Timeline {
  const maintenance = isMaintenance(t);
  const events: StatusEvent[] = [];
  let anyStatus = false;
  let anyEnding = false;
  let last = Number.NaN;
  const timeline = t.timeline ?? [];
  for (let i = 0; i < timeline.length; i++) {
    const e = timeline[i] as { at: string; status?: string };
    const at = instantMs(e.at);
    if (Number.isNaN(at)) continue;
    if (e.status) {
      anyStatus = true;
      if (ENDING_STATUSES.has(e.status)) anyEnding = true;
    }
    if (!(at <= last)) last = at;
    events.push({ at, status: e.status || undefined, index: i });
  }
  if (!anyEnding) {
    const ended = ENDING_STATUSES.has(t.status);
    let at = t.resolved_at ? instantMs(t.resolved_at) : Number.NaN;
    if (Number.isNaN(at) && t.closed_at) at = instantMs(t.closed_at);
    if (Number.isNaN(at) && ended) {
      at = Number.isNaN(last) ? (maintenance ? instantMs(t.reported_at) : incidentStart(t)) : last;
    }
    if (!Number.isNaN(at)) {
      const status = ended ? t.status : maintenance ? 'completed' : 'resolved';
      events.push({ at, status, index: -1 });
    }
  }
  events.sort((a, b) => a.at - b.at || (a.index === -1 ? -1 : b.index === -1 ? 1 : a.index - b.index));
  let initial = maintenance ? 'scheduled' : 'new';
  if (!anyStatus && !ENDING_STATUSES.has(t.status)) initial = t.status;
  return { events, initial };
}

/** The number of events that have happened at `at` (events are sorted by time). */
export function knownAt(events: readonly StatusEvent[], at: number): number {
  let n = 0;
  while (n < events.length && (events[n] as StatusEvent).at <= at) n++;
  return n;
}
