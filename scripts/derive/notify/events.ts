/**
 * What a push brought to one ticket, as notification events: the ticket's file before and after
 * the range, compared. Pure.
 *
 * Event ids are derived from the ticket id, the timeline entry (index and `at`) and the event
 * type only, so the same range always yields the same ids: a sender's log (or a receiver) can
 * recognise an event it has seen.
 */

import type { TimelineEntry } from '../../model/schema-types.generated.ts';
import type { Ticket } from '../../model/types.ts';

export type EventType =
  | 'opened'
  | 'status-changed'
  | 'update'
  | 'effect-changed'
  | 'resolved'
  | 'maintenance-started'
  | 'maintenance-completed'
  /** By the clock (scheduled runs): the window has ended and the maintenance is still going. */
  | 'maintenance-overrunning'
  /** By the clock, internal channels only: a running SLA clock became at risk or breached. */
  | 'sla-at-risk'
  | 'sla-breached';

export interface EffectChange {
  service: string;
  /** Null when the service had no effect (or was not named) before. */
  before: string | null;
  after: string | null;
}

export interface TicketEvent {
  id: string;
  type: EventType;
  /** When it happened: the timeline entry's `at`, or the ticket's `reported_at`. */
  at: string;
  ticket: Ticket;
  /** The new timeline entry this event is about (for `opened`: the first entry, if any). */
  entry: TimelineEntry | null;
  /** The ticket's status before this event (null for a new ticket). */
  previousStatus: string | null;
  /** Effects the push changed; attached to the last new entry, or an `effect-changed` event. */
  effects: EffectChange[];
  /** What a scheduled event is about (internal channels), e.g. "resolution clock breached: due …". */
  detail?: string | null;
  /** The status a scheduled event brings about (a window began: in-progress), when no entry says it. */
  statusNow?: string;
}

function effectsOf(t: Ticket | null): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const s of t?.services ?? []) {
    if (typeof s === 'string') map.set(s, null);
    else map.set(s.id, s.effect ?? null);
  }
  return map;
}

function effectChanges(before: Ticket | null, after: Ticket): EffectChange[] {
  const was = effectsOf(before);
  const now = effectsOf(after);
  const changes: EffectChange[] = [];
  for (const service of new Set([...was.keys(), ...now.keys()])) {
    const b = was.get(service) ?? null;
    const a = now.get(service) ?? null;
    if (b !== a) changes.push({ service, before: b, after: a });
  }
  return changes.sort((x, y) => (x.service < y.service ? -1 : x.service > y.service ? 1 : 0));
}

/**
 * Indexes of the entries in `after` that `before` lacks. An entry counts as known when `before`
 * has an entry with the same `at` not matched yet, so fixing a typo in an old entry sends nothing.
 */
function newEntryIndexes(before: Ticket | null, after: Ticket): number[] {
  const known = new Map<string, number>();
  for (const e of before?.timeline ?? []) known.set(e.at, (known.get(e.at) ?? 0) + 1);
  const fresh: number[] = [];
  (after.timeline ?? []).forEach((e, i) => {
    const left = known.get(e.at) ?? 0;
    if (left > 0) known.set(e.at, left - 1);
    else fresh.push(i);
  });
  return fresh;
}

function entryType(t: Ticket, entry: TimelineEntry): EventType {
  if (entry.status === undefined) return 'update';
  if (t.kind === 'maintenance') {
    if (entry.status === 'in-progress') return 'maintenance-started';
    if (entry.status === 'completed') return 'maintenance-completed';
    return 'status-changed';
  }
  return entry.status === 'resolved' ? 'resolved' : 'status-changed';
}

/** The status in force just before timeline entry `index` (the first entry's status for index 0). */
function statusBefore(t: Ticket, index: number, fallback: string | null): string | null {
  let status = fallback;
  (t.timeline ?? []).slice(0, index).forEach((e) => {
    if (e.status !== undefined) status = e.status;
  });
  return status;
}

/** The events of one ticket file; `before` is null for a ticket the range added. */
export function ticketEvents(before: Ticket | null, after: Ticket): TicketEvent[] {
  const timeline = after.timeline ?? [];
  const fresh = newEntryIndexes(before, after);
  const effects = effectChanges(before, after);
  const events: TicketEvent[] = [];
  const key = (index: number, at: string, type: EventType) => `${after.id}:${index}@${at}:${type}`;
  let remaining = fresh;
  if (before === null) {
    const first = timeline[0] ?? null;
    events.push({
      id: `${after.id}:opened`,
      type: 'opened',
      at: first?.at ?? after.reported_at,
      ticket: after,
      entry: first,
      previousStatus: null,
      effects: [],
    });
    remaining = fresh.filter((i) => i !== 0);
  }
  for (const index of remaining) {
    const entry = timeline[index] as TimelineEntry;
    const type = entryType(after, entry);
    events.push({
      id: key(index, entry.at, type),
      type,
      at: entry.at,
      ticket: after,
      entry,
      previousStatus: statusBefore(after, index, before?.status ?? null),
      effects: [],
    });
  }
  if (effects.length > 0) {
    const last = events.at(-1);
    if (last) last.effects = effects;
    else {
      const signature = effects.map((e) => `${e.service}=${e.after ?? 'none'}`).join(',');
      events.push({
        id: `${after.id}:${timeline.length}:effects:${signature}`,
        type: 'effect-changed',
        at: timeline.at(-1)?.at ?? after.reported_at,
        ticket: after,
        entry: null,
        previousStatus: after.status,
        effects,
      });
    }
  }
  return events;
}
