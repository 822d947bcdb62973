/**
 * A ticket's phase at an instant `at`, replayed from its status changes (`status-timeline.ts`)
 * as known at `at` (timeline entries after `at` have not happened yet): its Statuspage status,
 * whether it is active, upcoming, cancelled or overrunning, and the stretches in which its
 * effect holds. docs/status-page.md says the same rules in a user's words.
 *
 * - Incident effect: from the start (the earliest of `detected_at`, `reported_at`) until the
 *   resolution: the first timeline status entry `resolved`, `closed` or `cancelled`; without one
 *   `resolved_at`, else `closed_at`. `monitoring` and `pending` keep the effect (Statuspage keeps
 *   components affected until the incident is resolved). A reopen (an open status after a
 *   resolution) starts a new span that lasts until the next resolution. Open at `at`: the span
 *   ends at Infinity.
 * - Maintenance effect: from `scheduled_for` to `scheduled_until`. An `in-progress` (or
 *   `monitoring`) entry before the window starts it early; a `completed` (`resolved`, `closed`)
 *   entry ends it then, early or late; a window that has passed while the status at `at` is still
 *   `in-progress` or `monitoring` runs on (Infinity) until completed. `cancelled` ends it at the
 *   cancellation (no span at all when cancelled before it started). A scheduled window after
 *   `at` is returned as planned, but changes no status before it starts.
 * - Statuspage status of an incident: new/triaged/investigating → investigating;
 *   identified/pending → identified; monitoring → monitoring; resolved/closed/cancelled →
 *   resolved, or postmortem when resolved and the review is published. Of a maintenance: before
 *   its window scheduled (upcoming), in it (or started early, or overrunning) in_progress, with
 *   a `monitoring` status verifying, afterwards completed; in progress after `scheduled_until`, it
 *   is overrunning; cancelled is completed with
 *   `cancelled: true` (Statuspage has no cancelled status).
 *
 * Instants are integer epoch milliseconds (as `instantMs` returns them).
 */
import { ENDING_STATUSES, MAINTENANCE_RUNNING_STATUSES } from '../model/lifecycle.ts';
import type { IncidentStatus, MaintenanceStatus } from '../model/site.ts';
import { instantMs } from '../model/time.ts';
import {
  incidentStart,
  isMaintenance,
  knownAt,
  readTimeline,
  type StatusEvent,
  type StatusTicket,
  type Timeline,
} from './status-timeline.ts';

/** A ticket's phase at an instant `at`, as `ticketPhase` returns it. */
export interface TicketPhase {
  /** The Statuspage status at `at`. */
  status: IncidentStatus | MaintenanceStatus;
  /** An incident reported and not resolved at `at`; a maintenance in progress at `at`. */
  active: boolean;
  /** A maintenance whose window lies after `at` (not started early, not cancelled). */
  upcoming: boolean;
  /** A maintenance cancelled at or before `at`. */
  cancelled: boolean;
  /** A maintenance still in progress after its window ended (`scheduled_until` before `at`). */
  overrunning: boolean;
  /** Epoch ms: incident: earliest of detected_at/reported_at; maintenance: its (early) start. */
  startedAt: number;
  /** Epoch ms of the first `monitoring` status entry up to `at`, or null. */
  monitoringAt: number | null;
  /** Epoch ms of the resolution (completion, cancellation) in force at `at`, or null. */
  resolvedAt: number | null;
}

const INCIDENT_STATUS: Readonly<Record<string, IncidentStatus>> = {
  new: 'investigating',
  triaged: 'investigating',
  investigating: 'investigating',
  identified: 'identified',
  pending: 'identified',
  'in-progress': 'identified',
  monitoring: 'monitoring',
};

interface Phase extends TicketPhase {
  /** The stretches (epoch ms) in which the ticket's effect holds. */
  intervals: [number, number][];
}

/** The incident's state after the first `n` events, at instant `at`. */
function incidentPhase(t: StatusTicket, tl: Timeline, n: number, at: number): Phase {
  const startedAt = incidentStart(t);
  const intervals: [number, number][] = [];
  let status = tl.initial;
  let monitoringAt: number | null = null;
  let resolvedAt: number | null = null;
  let open = true;
  let from = startedAt;
  for (let i = 0; i < n; i++) {
    const e = tl.events[i] as StatusEvent;
    if (!e.status) continue;
    status = e.status;
    if (ENDING_STATUSES.has(e.status)) {
      if (open) {
        const end = Math.max(e.at, from);
        if (end > from) intervals.push([from, end]);
        resolvedAt = e.at;
        open = false;
      }
    } else {
      if (!open) {
        open = true;
        resolvedAt = null;
        from = Math.max(e.at, startedAt);
      }
      if (e.status === 'monitoring' && monitoringAt === null) monitoringAt = e.at;
    }
  }
  const started = startedAt <= at;
  if (open && started) intervals.push([from, Number.POSITIVE_INFINITY]);
  let mapped: IncidentStatus = INCIDENT_STATUS[status] ?? 'investigating';
  if (!open) mapped = t.review?.publish === true ? 'postmortem' : 'resolved';
  return {
    status: mapped,
    active: open && started,
    upcoming: false,
    cancelled: false,
    overrunning: false,
    startedAt,
    monitoringAt,
    resolvedAt,
    intervals: started ? intervals : [],
  };
}

/** The maintenance's state after the first `n` events, at instant `at`. */
function maintenancePhase(t: StatusTicket, tl: Timeline, n: number, at: number): Phase {
  const scheduledFor = t.scheduled_for ? instantMs(t.scheduled_for) : Number.NaN;
  const scheduledUntil = t.scheduled_until ? instantMs(t.scheduled_until) : Number.NaN;
  let status = tl.initial;
  let firstRunning = Number.NaN;
  let monitoringAt: number | null = null;
  let endedAt = Number.NaN;
  let cancelled = false;
  for (let i = 0; i < n; i++) {
    const e = tl.events[i] as StatusEvent;
    if (!e.status) continue;
    status = e.status;
    if (ENDING_STATUSES.has(e.status)) {
      endedAt = e.at;
      cancelled = e.status === 'cancelled';
      break;
    }
    if (MAINTENANCE_RUNNING_STATUSES.has(e.status) && Number.isNaN(firstRunning)) firstRunning = e.at;
    if (e.status === 'monitoring' && monitoringAt === null) monitoringAt = e.at;
  }
  // Starts on time (or early when work began before the window); without a window, when work began.
  let start = scheduledFor;
  if (!(firstRunning >= start)) start = Number.isNaN(firstRunning) ? start : firstRunning;
  const base = {
    startedAt: Number.isNaN(start) ? instantMs(t.reported_at) : start,
    monitoringAt,
    intervals: [] as [number, number][],
  };
  if (!Number.isNaN(endedAt)) {
    if (endedAt > start) base.intervals.push([start, endedAt]);
    return {
      ...base,
      status: 'completed',
      active: false,
      upcoming: false,
      cancelled,
      overrunning: false,
      resolvedAt: endedAt,
    };
  }
  const running = MAINTENANCE_RUNNING_STATUSES.has(status);
  const plannedEnd = Number.isNaN(scheduledUntil) ? Number.POSITIVE_INFINITY : scheduledUntil;
  if (at >= plannedEnd && !running) {
    // The window has passed without a status saying otherwise: completed on time.
    if (plannedEnd > start) base.intervals.push([start, plannedEnd]);
    return {
      ...base,
      status: 'completed',
      active: false,
      upcoming: false,
      cancelled,
      overrunning: false,
      resolvedAt: plannedEnd,
    };
  }
  const end = at >= plannedEnd ? Number.POSITIVE_INFINITY : plannedEnd;
  if (end > start) base.intervals.push([start, end]);
  if (start <= at) {
    const phase: MaintenanceStatus = status === 'monitoring' ? 'verifying' : 'in_progress';
    const overrunning = at >= plannedEnd;
    return {
      ...base,
      status: phase,
      active: true,
      upcoming: false,
      cancelled,
      overrunning,
      resolvedAt: null,
    };
  }
  return {
    ...base,
    status: 'scheduled',
    active: false,
    upcoming: true,
    cancelled,
    overrunning: false,
    resolvedAt: null,
  };
}

function phaseAfter(t: StatusTicket, tl: Timeline, n: number, at: number): Phase {
  return isMaintenance(t) ? maintenancePhase(t, tl, n, at) : incidentPhase(t, tl, n, at);
}

function phaseAt(t: StatusTicket, at: number): Phase {
  const tl = readTimeline(t);
  return phaseAfter(t, tl, knownAt(tl.events, at), at);
}

/**
 * The stretches (epoch ms, end exclusive) in which the ticket's effect holds, as known at `at`:
 * an incident open at `at` ends at Infinity; a maintenance's planned window after `at` is included.
 */
export function effectIntervals(t: StatusTicket, at: number): [number, number][] {
  return phaseAt(t, at).intervals;
}

/** The ticket's Statuspage status and phase at `at` (see the module comment). */
export function ticketPhase(t: StatusTicket, at: number): TicketPhase {
  const { intervals: _, ...phase } = phaseAt(t, at);
  return phase;
}

/**
 * The Statuspage status in force right after each timeline entry (index for index, for the
 * public updates): the entry's own status change and the ones before it count, and for a
 * maintenance the window as of the entry's time. An update never says `postmortem` (that is the
 * incident's status once its review is published, not an update's).
 */
export function updateStatuses(t: StatusTicket): (IncidentStatus | MaintenanceStatus)[] {
  const tl = readTimeline(t);
  const result: (IncidentStatus | MaintenanceStatus)[] = new Array((t.timeline ?? []).length);
  for (let i = 0; i < tl.events.length; i++) {
    const e = tl.events[i] as StatusEvent;
    if (e.index < 0) continue;
    const status = phaseAfter(t, tl, i + 1, e.at).status;
    result[e.index] = status === 'postmortem' ? 'resolved' : status;
  }
  // Entries without a valid time: the status before anything happened.
  for (let i = 0; i < result.length; i++) {
    if (result[i] === undefined) result[i] = phaseAfter(t, tl, 0, Number.NEGATIVE_INFINITY).status;
  }
  return result;
}

/**
 * The instants up to `at` at which the ticket's Statuspage status changed, oldest first, each with
 * the status it changed to (`postmortem` counts as `resolved`, as for updates). The first is the
 * status the ticket began with: an incident at its start, a maintenance when it was reported
 * (`scheduled`, or `in_progress` when reported inside its window). Besides the timeline, the
 * window moves a maintenance: `in_progress` at `scheduled_for`, `completed` at `scheduled_until`
 * unless the work is still under way then (it overruns until its `completed` entry). A
 * cancellation is a change to `completed` marked `cancelled`.
 */
export function statusChanges(
  t: StatusTicket,
  at: number,
): { at: number; status: IncidentStatus | MaintenanceStatus; cancelled: boolean }[] {
  const tl = readTimeline(t);
  const start = isMaintenance(t) ? instantMs(t.reported_at) : incidentStart(t);
  const candidates = [start, ...tl.events.map((e) => e.at)];
  if (isMaintenance(t)) {
    for (const bound of [t.scheduled_for, t.scheduled_until]) if (bound) candidates.push(instantMs(bound));
  }
  const instants = [...new Set(candidates.filter((c) => Number.isFinite(c) && c <= at && c >= start))];
  instants.sort((a, b) => a - b);
  const changes: { at: number; status: IncidentStatus | MaintenanceStatus; cancelled: boolean }[] = [];
  for (const instant of instants) {
    const phase = phaseAfter(t, tl, knownAt(tl.events, instant), instant);
    const status = phase.status === 'postmortem' ? 'resolved' : phase.status;
    if (changes.at(-1)?.status !== status) changes.push({ at: instant, status, cancelled: phase.cancelled });
  }
  return changes;
}
