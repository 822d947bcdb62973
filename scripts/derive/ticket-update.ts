/**
 * What one update of a ticket changes: the timeline entry it appends and the frontmatter fields
 * that must follow it (acknowledged_at on the first working status, resolved_at, closed_at, a
 * reopen, a maintenance's start and completion). Pure: the ticket and the request in, a plan or
 * a refusal out. `opsbook update`, `ack`, `resolve`, `close`, `reopen` and `cancel` share it.
 */
import {
  FINAL_STATUSES,
  isWorkingStatus,
  OPEN_STATUSES,
  resolutionStatus,
  statusAllowed,
  statusesFor,
} from '../model/lifecycle.ts';
import { EFFECTS, type Effect } from '../model/ticket-values.ts';
import { instantMs } from '../model/time.ts';
import type { Ticket, TicketStatus } from '../model/types.ts';

const UPDATE_ACTIONS = ['update', 'ack', 'resolve', 'close', 'reopen', 'cancel'] as const;
export type UpdateAction = (typeof UPDATE_ACTIONS)[number];

export interface UpdateRequest {
  action: UpdateAction;
  status?: string;
  public?: string;
  note?: string;
  effects: readonly { service: string; effect: string }[];
  /** The entry's instant as written into the file (local ISO with offset). */
  at: string;
}

export type UpdateTicket = Pick<
  Ticket,
  | 'id'
  | 'kind'
  | 'status'
  | 'services'
  | 'timeline'
  | 'reported_at'
  | 'detected_at'
  | 'acknowledged_at'
  | 'resolved_at'
  | 'closed_at'
  | 'scheduled_for'
>;

export interface UpdatePlan {
  /** The appended timeline entry. */
  entry: { at: string; status?: TicketStatus; public?: string; note?: string };
  /** Top-level fields to set, in order. */
  set: { field: 'status' | 'acknowledged_at' | 'resolved_at' | 'closed_at'; value: string }[];
  /** Top-level fields to remove (a reopen). */
  remove: ('resolved_at' | 'closed_at')[];
  effects: { service: string; effect: Effect; was: string | undefined }[];
  /** The status before and after. */
  from: TicketStatus;
  to: TicketStatus;
  /** One line per change, for the command's output. */
  changes: string[];
}

export type UpdateOutcome = { ok: true; plan: UpdatePlan } | { ok: false; message: string };

const refuse = (message: string): UpdateOutcome => ({ ok: false, message });

function serviceEntries(t: UpdateTicket): { id: string; effect?: string }[] {
  return (t.services ?? []).map((s) => (typeof s === 'string' ? { id: s } : { id: s.id, effect: s.effect }));
}

function lastTimelineAt(t: UpdateTicket): { at: string; ms: number } | null {
  let latest: { at: string; ms: number } | null = null;
  for (const entry of t.timeline ?? []) {
    const ms = instantMs(entry.at);
    if (!latest || ms >= latest.ms) latest = { at: entry.at, ms };
  }
  return latest;
}

/** The status an action sets when `--status` does not say. */
function targetStatus(
  t: UpdateTicket,
  request: UpdateRequest,
  atMs: number,
): TicketStatus | undefined | string {
  const resolved = t.status === resolutionStatus(t.kind);
  switch (request.action) {
    case 'update':
      return request.status;
    case 'ack':
      return request.status ?? (t.status === 'new' ? 'investigating' : undefined);
    case 'resolve':
      return resolutionStatus(t.kind);
    case 'close':
      return 'closed';
    case 'cancel':
      return 'cancelled';
    case 'reopen': {
      if (request.status) return request.status;
      if (t.kind !== 'maintenance') return 'investigating';
      const start = t.scheduled_for ? instantMs(t.scheduled_for) : Number.NaN;
      return !resolved && atMs < start ? 'scheduled' : 'in-progress';
    }
  }
}

export function planUpdate(t: UpdateTicket, request: UpdateRequest): UpdateOutcome {
  const atMs = instantMs(request.at);
  if (Number.isNaN(atMs)) return refuse(`"${request.at}" is not a valid instant`);
  const from = t.status;
  const wanted = targetStatus(t, request, atMs);
  if (wanted !== undefined && !(statusesFor(t.kind) as string[]).includes(wanted)) {
    return refuse(
      `status "${wanted}" is not one for ${t.kind === 'incident' ? 'an' : 'a'} ${t.kind} (allowed: ${statusesFor(t.kind).join(', ')})`,
    );
  }
  const to = (wanted ?? from) as TicketStatus;
  if (wanted !== undefined && !statusAllowed(t.kind, wanted))
    return refuse(`status "${wanted}" is not allowed`);

  const final = FINAL_STATUSES.has(from);
  const resolvedNow = from === resolutionStatus(t.kind) || from === 'closed';
  const reopening = (final || resolvedNow || from === 'cancelled') && OPEN_STATUSES.has(to);
  if (request.action === 'reopen' && !(final || resolvedNow)) {
    return refuse(`${t.id} is ${from}, not resolved, closed or cancelled; there is nothing to reopen`);
  }
  if (request.action === 'reopen' && !OPEN_STATUSES.has(to)) {
    return refuse(`reopen needs an open status, not "${to}"`);
  }
  if (final && !reopening) {
    return refuse(`${t.id} is ${from}; reopen it first (opsbook reopen ${t.id})`);
  }
  if (request.action === 'ack' && t.acknowledged_at) {
    return refuse(`${t.id} was acknowledged already (acknowledged_at: ${t.acknowledged_at})`);
  }
  if (request.action === 'ack' && t.kind === 'maintenance') {
    return refuse('maintenance is not acknowledged; start it with --status in-progress');
  }
  if (request.action === 'cancel' && resolvedNow) {
    return refuse(`${t.id} is ${from}; a resolved ticket is closed, not cancelled`);
  }
  if ((request.action === 'resolve' || request.action === 'close') && from === to) {
    return refuse(`${t.id} is ${from} already`);
  }

  // Times never run backwards: the entry comes after everything the ticket records.
  const previous = lastTimelineAt(t);
  if (previous && atMs < previous.ms) {
    return refuse(`--at ${request.at} is before the ticket's last timeline entry (${previous.at})`);
  }
  for (const field of [
    'detected_at',
    'reported_at',
    'acknowledged_at',
    'resolved_at',
    'closed_at',
  ] as const) {
    const value = t[field];
    if (
      value &&
      atMs < instantMs(value) &&
      !(reopening && (field === 'resolved_at' || field === 'closed_at'))
    ) {
      return refuse(`--at ${request.at} is before ${field} (${value})`);
    }
  }

  const entries = serviceEntries(t);
  const effects: UpdatePlan['effects'] = [];
  for (const { service, effect } of request.effects) {
    if (!(EFFECTS as readonly string[]).includes(effect)) {
      return refuse(`effect "${effect}" for ${service} is not one of ${EFFECTS.join(', ')}`);
    }
    const entry = entries.find((e) => e.id === service);
    if (!entry) {
      return refuse(
        `${t.id} does not name the service "${service}" (it names: ${entries.map((e) => e.id).join(', ') || 'none'})`,
      );
    }
    if (entry.effect !== effect) effects.push({ service, effect: effect as Effect, was: entry.effect });
  }

  const set: UpdatePlan['set'] = [];
  const remove: UpdatePlan['remove'] = [];
  const changes: string[] = [];
  const statusChanges = to !== from;
  if (statusChanges) {
    set.push({ field: 'status', value: to });
    changes.push(`status ${from} → ${to}`);
  }
  if (reopening) {
    if (t.resolved_at) remove.push('resolved_at');
    if (t.closed_at) remove.push('closed_at');
    changes.push('reopened: resolved_at and closed_at removed; the resolution clock runs on');
  }
  const acknowledging =
    t.kind !== 'maintenance' &&
    !t.acknowledged_at &&
    (request.action === 'ack' || (statusChanges && isWorkingStatus(to)));
  if (acknowledging) {
    set.push({ field: 'acknowledged_at', value: request.at });
    changes.push(`acknowledged_at ${request.at}`);
  }
  if (statusChanges && (to === resolutionStatus(t.kind) || (to === 'closed' && !t.resolved_at))) {
    set.push({ field: 'resolved_at', value: request.at });
    changes.push(`resolved_at ${request.at}`);
  }
  if (statusChanges && to === 'closed') {
    set.push({ field: 'closed_at', value: request.at });
    changes.push(`closed_at ${request.at}`);
  }
  for (const e of effects) changes.push(`effect on ${e.service}: ${e.was ?? 'none'} → ${e.effect}`);

  const entry: UpdatePlan['entry'] = { at: request.at };
  if (statusChanges) entry.status = to;
  const publicText = request.public?.trim();
  if (publicText) {
    entry.public = publicText;
    changes.push('public update added');
  }
  let note = request.note?.trim() || undefined;
  if (effects.length > 0) {
    const said = effects.map((e) => `${e.service} ${e.was ?? 'none'} → ${e.effect}`).join(', ');
    note = note ? `${note} (effect: ${said})` : `Effect: ${said}.`;
  }
  if (request.action === 'ack' && !statusChanges && !note && !publicText) note = 'Acknowledged.';
  if (note) {
    entry.note = note;
    if (request.note?.trim()) changes.push('internal note added');
  }
  if (!entry.status && !entry.public && !entry.note) {
    return refuse('nothing to record: give --status, --public, --note or --effect');
  }
  return { ok: true, plan: { entry, set, remove, effects, from, to, changes } };
}
