/**
 * The status page's derived data: which tickets are published, what each service's status is at
 * an instant, each published ticket's Statuspage status, and 90 days of history with
 * availability. Pure: every function takes the instant `at` (epoch milliseconds) and reads only
 * what is known at `at` (timeline entries after `at` have not happened yet). docs/status-page.md
 * says the same rules in a user's words.
 *
 * - Severity: operational < under_maintenance < degraded_performance < partial_outage <
 *   major_outage. Where tickets overlap the worst wins, so a maintenance never hides an outage.
 * - Published (public site): an incident or a maintenance that names at least one public service
 *   and either has an effect other than `operational` on a public service, or is a maintenance,
 *   or has a timeline entry with `public` text. Service requests and problems never are.
 * - Incident effect: each service with an effect other than `operational`, from the start (the
 *   earliest of `detected_at`, `reported_at`) until the resolution: the first timeline status
 *   entry `resolved`, `closed` or `cancelled`; without one `resolved_at`, else `closed_at`.
 *   `monitoring` and `pending` keep the effect (Statuspage keeps components affected until
 *   the incident is resolved). A reopen (an open status after a resolution) starts a new span
 *   that lasts until the next resolution. Open at `at`: the span ends at Infinity.
 * - Maintenance effect: each service with its effect (default `under_maintenance`) from
 *   `scheduled_for` to `scheduled_until`. An `in-progress` (or `monitoring`) entry before the
 *   window starts it early; a `completed` (`resolved`, `closed`) entry ends it then, early or
 *   late; a window that has passed while the status at `at` is still `in-progress` or
 *   `monitoring` runs on (Infinity) until completed. `cancelled` ends it at the cancellation (no
 *   span at all when cancelled before it started). A scheduled window after `at` is returned as
 *   planned, but changes no status before it starts.
 * - Impact of an incident or a maintenance: its worst effect over the services the audience sees
 *   (public: the public services only), critical/major/minor for major/partial outage/degraded
 *   performance, otherwise none.
 * - Statuspage status of an incident: new/triaged/investigating → investigating;
 *   identified/pending → identified; monitoring → monitoring; resolved/closed/cancelled →
 *   resolved, or postmortem when resolved and the review is published. Of a maintenance: before
 *   its window scheduled (upcoming), in it (or started early, or overrunning) in_progress, with
 *   a `monitoring` status verifying, afterwards completed; in progress after `scheduled_until`, it
 *   is overrunning; cancelled is completed with
 *   `cancelled: true` (Statuspage has no cancelled status).
 * - History: per local day in the organisation's zone, the worst status, the minutes in each
 *   non-operational status (an overlap counts only the worst), and availability = 100 × (1 −
 *   (major + 0.3 × partial) / elapsed), elapsed in real time (DST days have 23 or 25 hours) and
 *   up to `at` on the last day; the 90-day availability uses the same formula over the range.
 *
 * Instants are integer epoch milliseconds (as `instantMs` returns them).
 */
import { Temporal } from 'temporal-polyfill';
import { ENDING_STATUSES, MAINTENANCE_RUNNING_STATUSES } from '../model/lifecycle.ts';
import type { Ticket, TicketReview, TimelineEntry } from '../model/schema-types.generated.ts';
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentStatus,
  MaintenanceStatus,
  SiteDay,
  StatusIndicator,
} from '../model/site.ts';
import { instantMs } from '../model/time.ts';
import { localDateIn, startOfLocalDay } from './report-period.ts';

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

/** A stretch of time in which a ticket gives a service an effect. Epoch ms, `end` exclusive. */
export interface EffectSpan {
  ticket: string;
  service: string;
  effect: ComponentStatus;
  start: number;
  /** Infinity while the ticket is open at `at`. */
  end: number;
}

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

const SEVERITY: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};
const BY_SEVERITY: readonly ComponentStatus[] = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
];

/** The rank of a component status (operational 0 … major_outage 4); unknown values rank 0. */
export function severity(status: ComponentStatus): number {
  return SEVERITY[status] ?? 0;
}

/** The worst of some component statuses (`operational` for none). */
export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, severity(s));
  return BY_SEVERITY[worst] as ComponentStatus;
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

function serviceId(entry: string | { id: string }): string {
  return typeof entry === 'string' ? entry : entry.id;
}

function serviceEffect(
  entry: string | { id: string; effect?: ComponentStatus },
): ComponentStatus | undefined {
  return typeof entry === 'string' ? undefined : entry.effect;
}

const isMaintenance = (t: StatusTicket) => t.kind === 'maintenance';

/** Whether the ticket appears on the public site (see the module comment). */
export function isPublished(t: StatusTicket, publicServices: ReadonlySet<string>): boolean {
  if (t.kind !== 'incident' && t.kind !== 'maintenance') return false;
  let namesPublic = false;
  let affectsPublic = false;
  for (const entry of t.services ?? []) {
    if (!publicServices.has(serviceId(entry))) continue;
    namesPublic = true;
    const effect = serviceEffect(entry);
    if (effect !== undefined && effect !== 'operational') affectsPublic = true;
  }
  if (!namesPublic) return false;
  if (affectsPublic || isMaintenance(t)) return true;
  return (t.timeline ?? []).some((e) => typeof e.public === 'string' && e.public.trim() !== '');
}

/** A status change: a timeline status entry, or one that the frontmatter implies (`index` -1). */
interface StatusEvent {
  at: number;
  status: string | undefined;
  /** The timeline index, -1 for a resolution taken from `resolved_at`/`closed_at`. */
  index: number;
}

/** What a ticket's timeline says, sorted once: every entry plus the implied resolution. */
interface Timeline {
  events: StatusEvent[];
  /** The status before the first event. */
  initial: string;
}

function incidentStart(t: StatusTicket): number {
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
function readTimeline(t: StatusTicket): Timeline {
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
function knownAt(events: readonly StatusEvent[], at: number): number {
  let n = 0;
  while (n < events.length && (events[n] as StatusEvent).at <= at) n++;
  return n;
}

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
 * The spans (epoch ms, end exclusive) in which the ticket gives its services an effect, as known
 * at `at`: an incident open at `at` ends at Infinity; a maintenance's planned window after `at`
 * is included (it changes no status before it starts). Services without an effect (an incident's)
 * or with `operational` have none; service requests and problems have none.
 */
export function effectSpans(t: StatusTicket, at: number): EffectSpan[] {
  const maintenance = isMaintenance(t);
  if (!maintenance && t.kind !== 'incident') return [];
  const affected: { service: string; effect: ComponentStatus }[] = [];
  for (const entry of t.services ?? []) {
    const effect = serviceEffect(entry) ?? (maintenance ? 'under_maintenance' : 'operational');
    if (severity(effect) > 0) affected.push({ service: serviceId(entry), effect });
  }
  if (affected.length === 0) return [];
  const spans: EffectSpan[] = [];
  for (const [start, end] of phaseAt(t, at).intervals) {
    for (const a of affected) spans.push({ ticket: t.id, service: a.service, effect: a.effect, start, end });
  }
  return spans;
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

/**
 * Statuspage's impact: a ticket's worst effect over the services the audience sees (the public
 * site: the public services only, so the impact never tells of an internal service; null: every
 * service), mapped as Statuspage maps component statuses. A maintenance that only puts services
 * under maintenance has the impact `none`; one that takes a service down is `critical`.
 */
export function impactOf(t: StatusTicket, shownServices: ReadonlySet<string> | null): IncidentImpact {
  const fallback: ComponentStatus = isMaintenance(t) ? 'under_maintenance' : 'operational';
  const shown = (t.services ?? []).filter((e) => shownServices === null || shownServices.has(serviceId(e)));
  const worst = worstStatus(shown.map((e) => serviceEffect(e) ?? fallback));
  if (worst === 'major_outage') return 'critical';
  if (worst === 'partial_outage') return 'major';
  if (worst === 'degraded_performance') return 'minor';
  return 'none';
}

/** The service's status at `at`: the worst effect of the spans that hold then. */
export function serviceStatusAt(spans: readonly EffectSpan[], service: string, at: number): ComponentStatus {
  let worst = 0;
  for (const s of spans) {
    if (s.service === service && s.start <= at && at < s.end) worst = Math.max(worst, severity(s.effect));
  }
  return BY_SEVERITY[worst] as ComponentStatus;
}

const MINUTE = 60_000;
/** A partial outage counts as 30 % downtime (Statuspage's weighting). */
const PARTIAL_WEIGHT = 0.3;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function availability(majorMs: number, partialMs: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) return 100;
  return round3(100 * (1 - (majorMs + PARTIAL_WEIGHT * partialMs) / elapsedMs));
}

/** The local dates of the `days` days ending with the date of `at`, and the instants they start. */
function historyDays(at: number, timezone: string, days = 90): { dates: string[]; starts: number[] } {
  const last = Temporal.PlainDate.from(localDateIn(at, timezone));
  const dates: string[] = [];
  const starts: number[] = [];
  for (let i = days - 1; i >= -1; i--) {
    const date = last.subtract({ days: i }).toString();
    if (i >= 0) dates.push(date);
    starts.push(startOfLocalDay(date, timezone));
  }
  return { dates, starts };
}

/**
 * The service's history: the `days` local dates in `timezone` ending with the date of `at`,
 * oldest first, each day measured over [day start, min(day end, at)), and the availability over
 * the whole range up to `at` (the same formula, not a mean of the days). One sweep over the
 * service's sorted span boundaries: O(n log n) in the service's spans.
 */
export function serviceHistory(
  spans: readonly EffectSpan[],
  service: string,
  at: number,
  timezone: string,
  days = 90,
): { days: SiteDay[]; availability: number } {
  const { dates, starts } = historyDays(at, timezone, days);
  const rangeStart = starts[0] as number;
  const dayCount = dates.length;
  const ms = Array.from({ length: dayCount }, () => [0, 0, 0, 0, 0]);
  const worst = new Array<number>(dayCount).fill(0);
  const tickets: string[][] = Array.from({ length: dayCount }, () => []);

  // Boundaries encoded as time × 16 + code (code: severity, +8 for an end): one numeric sort.
  const keys: number[] = [];
  for (const s of spans) {
    if (s.service !== service) continue;
    const sev = severity(s.effect);
    const start = Math.max(s.start, rangeStart);
    const end = Math.min(s.end, at);
    if (sev === 0 || !(end > start)) continue;
    keys.push(start * 16 + sev, end * 16 + 8 + sev);
    // Days the span touches: binary search for the first, then walk.
    let lo = 0;
    let hi = dayCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid + 1] as number) > start) hi = mid;
      else lo = mid + 1;
    }
    for (let d = lo; d < dayCount && (starts[d] as number) < end; d++)
      (tickets[d] as string[]).push(s.ticket);
  }
  const sorted = Float64Array.from(keys).sort();

  const active = [0, 0, 0, 0, 0];
  let current = 0;
  let prev = rangeStart;
  let day = 0;
  const totals = [0, 0, 0, 0, 0];
  for (const key of sorted) {
    const time = Math.floor(key / 16);
    const code = key - time * 16;
    if (current > 0 && time > prev) {
      // Spread [prev, time) over the days it covers.
      let from = prev;
      while (from < time) {
        while (day < dayCount - 1 && (starts[day + 1] as number) <= from) day++;
        const to = Math.min(time, starts[day + 1] as number);
        const spent = ms[day] as number[];
        spent[current] = (spent[current] as number) + (to - from);
        totals[current] = (totals[current] as number) + (to - from);
        if (current > (worst[day] as number)) worst[day] = current;
        from = to;
      }
    }
    prev = time;
    const sev = code & 7;
    active[sev] = (active[sev] as number) + (code >= 8 ? -1 : 1);
    current = 0;
    for (let s = 4; s > 0; s--) {
      if ((active[s] as number) > 0) {
        current = s;
        break;
      }
    }
  }

  const result: SiteDay[] = dates.map((date, d) => {
    const spent = ms[d] as number[];
    const elapsed = Math.min(starts[d + 1] as number, at) - (starts[d] as number);
    return {
      date,
      worst: BY_SEVERITY[worst[d] as number] as ComponentStatus,
      minutes: {
        major_outage: Math.round((spent[4] as number) / MINUTE),
        partial_outage: Math.round((spent[3] as number) / MINUTE),
        degraded_performance: Math.round((spent[2] as number) / MINUTE),
        under_maintenance: Math.round((spent[1] as number) / MINUTE),
      },
      availability: availability(spent[4] as number, spent[3] as number, elapsed),
      tickets: [...new Set(tickets[d])].sort(),
    };
  });
  return {
    days: result,
    availability: availability(totals[4] as number, totals[3] as number, at - rangeStart),
  };
}

/** The page's overall indicator and Statuspage's description for it, from the components' statuses. */
export function overallStatus(statuses: readonly ComponentStatus[]): {
  indicator: StatusIndicator;
  description: string;
} {
  switch (worstStatus(statuses)) {
    case 'major_outage':
      return { indicator: 'critical', description: 'Major System Outage' };
    case 'partial_outage':
      return { indicator: 'major', description: 'Partial System Outage' };
    case 'degraded_performance':
      return { indicator: 'minor', description: 'Minor Service Outage' };
    case 'under_maintenance':
      return { indicator: 'maintenance', description: 'Service Under Maintenance' };
    default:
      return { indicator: 'none', description: 'All Systems Operational' };
  }
}
