/**
 * What happened by the clock, not by a commit, between two instants `from` and `to` (the
 * scheduled run's window): a maintenance window that began, ended or began to overrun with no
 * status entry saying so, and an SLA clock that became at risk or breached. Both ends are
 * computed, so a run needs no memory of earlier runs: each edge falls into exactly one window
 * of a regular schedule. Pure.
 */
import { ENDING_STATUSES, isOpenStatus, MAINTENANCE_STARTING_STATUSES } from '../../model/lifecycle.ts';
import { instantMs, isoUtcMillis } from '../../model/time.ts';
import type { Ticket } from '../../model/types.ts';
import { computeTicketSla, type SlaConfig } from '../sla-clock.ts';
import { ticketPhase } from '../ticket-phase.ts';
import type { TicketEvent } from './events.ts';

/** Whether a timeline entry at or before `to` set one of the statuses (then the push said it). */
function entrySaid(t: Ticket, statuses: ReadonlySet<string>, to: number): boolean {
  return (t.timeline ?? []).some(
    (e) => e.status !== undefined && statuses.has(e.status) && instantMs(e.at) <= to,
  );
}

function event(
  t: Ticket,
  id: string,
  type: TicketEvent['type'],
  at: string,
  detail: string | null,
  statusNow?: string,
): TicketEvent {
  const e: TicketEvent = {
    id,
    type,
    at,
    ticket: t,
    entry: null,
    previousStatus: t.status,
    effects: [],
    detail,
  };
  if (statusNow) e.statusNow = statusNow;
  return e;
}

function maintenanceEvents(t: Ticket, from: number, to: number): TicketEvent[] {
  if (t.kind !== 'maintenance' || !t.scheduled_for || !t.scheduled_until) return [];
  const before = ticketPhase(t, from);
  const after = ticketPhase(t, to);
  if (after.cancelled) return [];
  const events: TicketEvent[] = [];
  if (!before.active && after.active && !entrySaid(t, MAINTENANCE_STARTING_STATUSES, to)) {
    events.push(
      event(
        t,
        `${t.id}:window-start@${t.scheduled_for}`,
        'maintenance-started',
        t.scheduled_for,
        null,
        'in-progress',
      ),
    );
  }
  if (before.active && !after.active && !entrySaid(t, ENDING_STATUSES, to)) {
    events.push(
      event(
        t,
        `${t.id}:window-end@${t.scheduled_until}`,
        'maintenance-completed',
        t.scheduled_until,
        null,
        'completed',
      ),
    );
  }
  if (!before.overrunning && after.overrunning) {
    events.push(
      event(
        t,
        `${t.id}:overrunning@${t.scheduled_until}`,
        'maintenance-overrunning',
        t.scheduled_until,
        'still in progress after the end of its window',
        'in-progress',
      ),
    );
  }
  return events;
}

function slaEvents(t: Ticket, config: SlaConfig, from: number, to: number): TicketEvent[] {
  if (!isOpenStatus(t.status) || t.duplicate_of) return [];
  const before = computeTicketSla(t, config, from);
  const after = computeTicketSla(t, config, to);
  const events: TicketEvent[] = [];
  for (const clock of ['response', 'resolution'] as const) {
    const was = before[clock].state;
    const now = after[clock].state;
    const due = after[clock].due;
    if (now === was || due === null) continue;
    if (now === 'breached' || (now === 'at-risk' && was !== 'breached')) {
      const type = now === 'breached' ? 'sla-breached' : 'sla-at-risk';
      events.push(
        event(
          t,
          `${t.id}:sla:${clock}:${now}@${due}`,
          type,
          now === 'breached' ? due : isoUtcMillis(to),
          `${clock} clock ${now === 'breached' ? 'breached' : 'at risk'}: due ${due}`,
        ),
      );
    }
  }
  return events;
}

/** The clock's events of the window `(from, to]` (epoch ms), in time order. */
export function scheduledEvents(
  tickets: readonly Ticket[],
  config: SlaConfig,
  from: number,
  to: number,
): TicketEvent[] {
  const events: TicketEvent[] = [];
  for (const t of tickets) {
    if (instantMs(t.reported_at) > to) continue;
    events.push(...maintenanceEvents(t, from, to), ...slaEvents(t, config, from, to));
  }
  return events.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
