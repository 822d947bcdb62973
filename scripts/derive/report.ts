/**
 * The periodic review report (`opsbook report`, docs/sla.md and docs/reports.md): what came in during a period and
 * how it went. Pure: tickets, their SLA at `at`, runbooks and the configuration in; the facts the
 * JSON and the Markdown show out.
 *
 * Scope: the tickets reported in the period (local dates in the organisation's zone) and at or
 * before `at`, after the `--where` filters. SLA states, reviews, actions and runbooks are as they
 * stand at `at`. Recurrence also looks back `window_days` before the period.
 */

import { instantMs, isoUtc } from '../model/time.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';
import { effectivePriority } from './priority.ts';
import {
  candidateTitle,
  findProblemCandidates,
  newProblemCommand,
  type RecurrenceIncident,
  type RecurrenceSettings,
  recurrenceSettings,
} from './recurrence.ts';
import { localDateIn, monthIndex, monthsBetween, type ReportPeriod } from './report-period.ts';
import { type ActionFigures, type ReviewFigures, reviewAndActionFigures } from './report-reviews.ts';
import { type RunbookFigures, runbookFigures } from './report-runbooks.ts';
import {
  byCodePoint,
  Counter,
  type Counts,
  getOrCreate,
  type Summary,
  share,
  summarize,
} from './report-stats.ts';
import type { ReviewPolicy } from './review-policy.ts';
import type { RunbookSource } from './runbook-status.ts';
import type { ClockReport, TicketSla } from './sla-clock.ts';
import { assignPolicy } from './sla-policy.ts';
import { CLOCK_STATES, isOpenStatus, type ReportedState } from './sla-report.ts';

export const TICKET_KINDS = ['incident', 'service-request', 'problem', 'maintenance'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** The key of tickets that lack the field (no customer: an internal ticket). */
export const NONE = '(none)';

/** What the report reads of a ticket: the ticket index's facts satisfy it. */
export type ReportTicket = Pick<
  Ticket,
  | 'id'
  | 'title'
  | 'kind'
  | 'status'
  | 'priority'
  | 'impact'
  | 'urgency'
  | 'services'
  | 'ci'
  | 'customer'
  | 'channel'
  | 'reported_at'
  | 'acknowledged_at'
  | 'resolved_at'
  | 'duplicate_of'
  | 'problem'
  | 'category'
  | 'cause'
  | 'avoidable'
  | 'review'
  | 'actions'
>;

export interface ReportInput {
  config: OpsbookConfig;
  /** The instant of the report (epoch ms). */
  at: number;
  /** The local date of `at` in the organisation's zone: reviews, actions and runbooks are due by it. */
  today: string;
  period: ReportPeriod;
  /** The filters applied, as the user wrote them (for the record). */
  filters: readonly string[];
  /** The tickets in scope: reported in the period, at or before `at`, matching the filters. */
  tickets: readonly ReportTicket[];
  /** `reported_at` of each ticket in epoch ms, in the order of `tickets`, when the caller has them. */
  reportedMs?: readonly number[];
  /** Incidents reported up to `window_days` before the period (matching the filters), for recurrence. */
  earlier: readonly ReportTicket[];
  /** The SLA of a ticket in scope at `at` (an entry of `buildSlaReport`). */
  sla(id: string): ReportSla | undefined;
  runbooks: readonly RunbookSource[];
  /** Which tickets need a post-incident review (opsbook.yaml `review`, as `opsbook review --check`). */
  reviewPolicy: ReviewPolicy;
}

/**
 * A ticket's SLA at `at`: status and clock states directly, the clocks' details parsed only when
 * asked (`buildSlaReport`'s entries keep settled tickets as JSON).
 */
export interface ReportSla {
  readonly status: string;
  readonly states: readonly [ReportedState, ReportedState];
  readonly sla: TicketSla;
}

/** Durations in minutes: wall-clock, and working time on the ticket's SLA calendar outside pauses. */
export interface TimeFigures {
  wallClock: Summary;
  working: Summary;
}

export interface ClockFigures extends Record<ReportedState, number> {
  /** met / (met + breached); null when no clock has been decided. */
  compliance: number | null;
}

export interface DuplicateEntry {
  id: string;
  title: string;
  kind: string;
  category: string | null;
  duplicateOf: string;
}

export interface CandidateEntry {
  key: Record<string, string>;
  count: number;
  maxInWindow: number;
  first: string;
  last: string;
  /** The incidents' IDs, by time. */
  tickets: string[];
  /** How many of them were reported before the period. */
  earlier: number;
  /** A title for the problem record, and the command that opens it. */
  title: string;
  command: string;
}

export interface MonthFigures {
  month: string;
  byKind: Counts;
  /** Incidents reported in the month that are resolved at `at` (no duplicates, not cancelled). */
  resolvedIncidents: number;
  /** Median time to resolve those incidents, in minutes. */
  mttrMedianMinutes: { wallClock: number | null; working: number | null };
}

export interface ReportData {
  /** `at` as UTC ISO. */
  at: string;
  organization: string;
  period: { from: string | null; to: string; timezone: string };
  filters: string[];
  tickets: {
    total: number;
    byKind: Counts;
    /** Open at `at` (not resolved, closed, completed or cancelled). */
    open: number;
    cancelled: number;
    /** Local dates of the first and the last ticket reported; null without tickets. */
    firstReported: string | null;
    lastReported: string | null;
  };
  incidents: {
    total: number;
    byCategory: Counts;
    byCause: Counts;
    byCategoryAndCause: Record<string, Counts>;
    byService: Counts;
    byPriority: Counts;
    byChannel: Counts;
    byCustomer: Counts;
  };
  serviceRequests: {
    total: number;
    byService: Counts;
    byPriority: Counts;
    byChannel: Counts;
    byCustomer: Counts;
  };
  duplicates: { count: number; tickets: DuplicateEntry[] };
  avoidable: {
    /** Incidents in scope (duplicates included: each report is a ticket the desk handled). */
    incidents: number;
    assessed: number;
    avoidable: number;
    notAvoidable: number;
    notAssessed: number;
    /** avoidable / assessed. */
    share: number | null;
    byCause: Counts;
    byCategory: Counts;
  };
  times: {
    /** Incidents, without duplicates and cancelled ones. */
    mtta: TimeFigures;
    mttr: TimeFigures;
    byPriority: Record<string, { mtta: TimeFigures; mttr: TimeFigures }>;
    serviceRequests: { mtta: TimeFigures; mttr: TimeFigures };
  };
  sla: {
    response: ClockFigures;
    resolution: ClockFigures;
    byPolicy: Record<string, { response: ClockFigures; resolution: ClockFigures }>;
  };
  problemCandidates: {
    settings: { minCount: number; windowDays: number; groupBy: string[] };
    candidates: CandidateEntry[];
  };
  reviews: ReviewFigures;
  actions: ActionFigures;
  runbooks: RunbookFigures;
  monthly: MonthFigures[];
}

function serviceIds(t: ReportTicket): string[] {
  const services = t.services ?? [];
  const ids = services.map((s) => (typeof s === 'string' ? s : s.id));
  return ids.length < 2 ? ids : [...new Set(ids)];
}

const MINUTE = 60_000;

class TimeCollector {
  readonly wall: number[] = [];
  readonly working: number[] = [];
  figures(): TimeFigures {
    return { wallClock: summarize(this.wall), working: summarize(this.working) };
  }
}

class ClockCounter {
  readonly counts = Object.fromEntries(CLOCK_STATES.map((s) => [s, 0])) as Record<ReportedState, number>;
  add(state: ReportedState): void {
    this.counts[state]++;
  }
  figures(): ClockFigures {
    const { met, breached } = this.counts;
    return { ...this.counts, compliance: share(met, met + breached) };
  }
}

/** When a clock stopped (epoch ms), from the SLA where it applies, else from the ticket's times. */
function stopOf(clock: ClockReport | undefined, fallback: () => number | null): number | null {
  if (clock && clock.state !== 'not-applicable')
    return clock.stoppedAt === null ? null : instantMs(clock.stoppedAt);
  return fallback();
}

export function buildReport(input: ReportInput): ReportData {
  const { config, at, period, today } = input;
  const matrix = config.priority?.matrix;
  const priorityOf = (t: ReportTicket) => effectivePriority(t, matrix);

  const byKind = new Counter();
  let open = 0;
  let cancelled = 0;
  const inc = {
    category: new Counter(),
    cause: new Counter(),
    service: new Counter(),
    priority: new Counter(),
    channel: new Counter(),
    customer: new Counter(),
  };
  const categoryCause = new Map<string, Counter>();
  const req = {
    service: new Counter(),
    priority: new Counter(),
    channel: new Counter(),
    customer: new Counter(),
  };
  const duplicates: DuplicateEntry[] = [];
  const avoid = {
    assessed: 0,
    avoidable: 0,
    notAvoidable: 0,
    byCause: new Counter(),
    byCategory: new Counter(),
  };
  let incidents = 0;
  let requests = 0;
  const mtta = new TimeCollector();
  const mttr = new TimeCollector();
  const byPriority = new Map<string, { mtta: TimeCollector; mttr: TimeCollector }>();
  const reqTimes = { mtta: new TimeCollector(), mttr: new TimeCollector() };
  const response = new ClockCounter();
  const resolution = new ClockCounter();
  const byPolicy = new Map<string, { response: ClockCounter; resolution: ClockCounter }>();
  const breached = new Set<string>();

  // Months: from the period's start (or the first ticket) to its end (or `at`, if earlier).
  const reportedAll = input.reportedMs ?? input.tickets.map((t) => instantMs(t.reported_at));
  const servicesAll: string[][] = new Array(input.tickets.length);
  let firstMs = period.fromMs;
  if (!Number.isFinite(firstMs)) {
    firstMs = Number.POSITIVE_INFINITY;
    for (const ms of reportedAll) if (ms < firstMs) firstMs = ms;
  }
  const { months, starts } = monthsBetween(firstMs, Math.min(period.toMs - 1, at), period.timezone);
  const monthKinds = months.map(() => new Counter());
  const monthTimes = months.map(() => new TimeCollector());

  let earliestMs = Number.POSITIVE_INFINITY;
  let latestMs = Number.NEGATIVE_INFINITY;
  input.tickets.forEach((t, i) => {
    const entry = input.sla(t.id);
    const status = entry?.status ?? t.status;
    const priority = priorityOf(t);
    const services = serviceIds(t);
    servicesAll[i] = services;
    const reportedMs = reportedAll[i] as number;
    byKind.add(t.kind);
    if (reportedMs < earliestMs) earliestMs = reportedMs;
    if (reportedMs > latestMs) latestMs = reportedMs;
    if (isOpenStatus(status)) open++;
    if (t.status === 'cancelled' || status === 'cancelled') cancelled++;
    const month = monthIndex(starts, reportedMs);
    monthKinds[month]?.add(t.kind);

    if (t.duplicate_of) {
      duplicates.push({
        id: t.id,
        title: t.title,
        kind: t.kind,
        category: t.category ?? null,
        duplicateOf: t.duplicate_of,
      });
    }

    if (t.kind === 'incident') {
      incidents++;
      const category = t.category ?? NONE;
      const cause = t.cause ?? NONE;
      inc.category.add(category);
      inc.cause.add(cause);
      getOrCreate(categoryCause, category, () => new Counter()).add(cause);
      for (const s of services) inc.service.add(s);
      inc.priority.add(priority ?? NONE);
      inc.channel.add(t.channel ?? NONE);
      inc.customer.add(t.customer ?? NONE);
      if (t.avoidable === true || t.avoidable === false) {
        avoid.assessed++;
        if (t.avoidable) {
          avoid.avoidable++;
          avoid.byCause.add(cause);
          avoid.byCategory.add(category);
        } else avoid.notAvoidable++;
      }
    } else if (t.kind === 'service-request') {
      requests++;
      for (const s of services) req.service.add(s);
      req.priority.add(priority ?? NONE);
      req.channel.add(t.channel ?? NONE);
      req.customer.add(t.customer ?? NONE);
    }

    // Response and resolution times: real handling only (no duplicates, nothing cancelled).
    const timed =
      (t.kind === 'incident' || t.kind === 'service-request') && !t.duplicate_of && status !== 'cancelled';
    if (timed) {
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
      const groups =
        t.kind === 'incident'
          ? [{ mtta, mttr }, priorityTimes(byPriority, priority ?? NONE)]
          : [{ mtta: reqTimes.mtta, mttr: reqTimes.mttr }];
      for (const g of groups) {
        if (responseStop !== null) g.mtta.wall.push((responseStop - reportedMs) / MINUTE);
        if (responseStop !== null && sla && sla.response.state !== 'not-applicable')
          g.mtta.working.push(sla.response.elapsedMinutes ?? 0);
        if (resolved !== null) g.mttr.wall.push((resolved - reportedMs) / MINUTE);
        if (resolved !== null && sla && sla.resolution.state !== 'not-applicable')
          g.mttr.working.push(sla.resolution.elapsedMinutes ?? 0);
      }
      const mt = monthTimes[month];
      if (t.kind === 'incident' && mt && resolved !== null) {
        mt.wall.push((resolved - reportedMs) / MINUTE);
        if (sla && sla.resolution.state !== 'not-applicable')
          mt.working.push(sla.resolution.elapsedMinutes ?? 0);
      }
    }

    if (entry) {
      const [responseState, resolutionState] = entry.states;
      response.add(responseState);
      resolution.add(resolutionState);
      // The policy as the SLA assigned it, without parsing the entry.
      const key = assignPolicy(t, config) ?? NONE;
      const p = getOrCreate(byPolicy, key, () => ({
        response: new ClockCounter(),
        resolution: new ClockCounter(),
      }));
      p.response.add(responseState);
      p.resolution.add(resolutionState);
      if (responseState === 'breached' || resolutionState === 'breached') breached.add(t.id);
    }
  });

  const settings = recurrenceSettings(config);
  const names = {
    service: (id: string) => config.services[id]?.name ?? id,
    customer: (id: string) => config.customers?.[id]?.name ?? id,
  };

  return {
    at: isoUtc(Math.floor(at / 1000) * 1000),
    organization: config.organization.name,
    period: { from: period.from, to: period.to, timezone: period.timezone },
    filters: [...input.filters],
    tickets: {
      total: input.tickets.length,
      byKind: byKind.toObject(TICKET_KINDS),
      open,
      cancelled,
      firstReported: Number.isFinite(earliestMs) ? localDateIn(earliestMs, period.timezone) : null,
      lastReported: Number.isFinite(latestMs) ? localDateIn(latestMs, period.timezone) : null,
    },
    incidents: {
      total: incidents,
      byCategory: inc.category.toObject(),
      byCause: inc.cause.toObject(),
      byCategoryAndCause: Object.fromEntries(
        [...categoryCause.entries()]
          .sort((a, b) => byCodePoint(a[0], b[0]))
          .map(([k, c]) => [k, c.toObject()]),
      ),
      byService: inc.service.toObject(),
      byPriority: inc.priority.toObject(incidents > 0 ? PRIORITIES : []),
      byChannel: inc.channel.toObject(),
      byCustomer: inc.customer.toObject(),
    },
    serviceRequests: {
      total: requests,
      byService: req.service.toObject(),
      byPriority: req.priority.toObject(requests > 0 ? PRIORITIES : []),
      byChannel: req.channel.toObject(),
      byCustomer: req.customer.toObject(),
    },
    duplicates: { count: duplicates.length, tickets: duplicates.sort((a, b) => byCodePoint(a.id, b.id)) },
    avoidable: {
      incidents,
      assessed: avoid.assessed,
      avoidable: avoid.avoidable,
      notAvoidable: avoid.notAvoidable,
      notAssessed: incidents - avoid.assessed,
      share: share(avoid.avoidable, avoid.assessed),
      byCause: avoid.byCause.toObject(),
      byCategory: avoid.byCategory.toObject(),
    },
    times: {
      mtta: mtta.figures(),
      mttr: mttr.figures(),
      byPriority: Object.fromEntries(
        [...byPriority.entries()]
          .sort((a, b) => byCodePoint(a[0], b[0]))
          .map(([p, c]) => [p, { mtta: c.mtta.figures(), mttr: c.mttr.figures() }]),
      ),
      serviceRequests: { mtta: reqTimes.mtta.figures(), mttr: reqTimes.mttr.figures() },
    },
    sla: {
      response: response.figures(),
      resolution: resolution.figures(),
      byPolicy: Object.fromEntries(
        [...byPolicy.entries()]
          .sort((a, b) => byCodePoint(a[0], b[0]))
          .map(([p, c]) => [p, { response: c.response.figures(), resolution: c.resolution.figures() }]),
      ),
    },
    problemCandidates: problemCandidates(input, reportedAll, servicesAll, settings, names),
    ...reviewAndActionFigures({
      tickets: input.tickets,
      policy: input.reviewPolicy,
      breached,
      matrix,
      at,
      today,
    }),
    runbooks: runbookFigures(input.runbooks, today),
    monthly: months.map((month, i) => {
      const times = (monthTimes[i] as TimeCollector).figures();
      return {
        month,
        byKind: (monthKinds[i] as Counter).toObject(TICKET_KINDS),
        resolvedIncidents: times.wallClock.count,
        mttrMedianMinutes: { wallClock: times.wallClock.median, working: times.working.median },
      };
    }),
  };
}

function priorityTimes(
  map: Map<string, { mtta: TimeCollector; mttr: TimeCollector }>,
  priority: string,
): { mtta: TimeCollector; mttr: TimeCollector } {
  return getOrCreate(map, priority, () => ({ mtta: new TimeCollector(), mttr: new TimeCollector() }));
}

/** Incidents that count for recurrence: real ones, not yet linked to a problem record. */
export function countsForRecurrence(t: ReportTicket): boolean {
  return t.kind === 'incident' && !t.duplicate_of && !t.problem && t.status !== 'cancelled';
}

function problemCandidates(
  input: ReportInput,
  reportedMs: readonly number[],
  services: readonly string[][],
  settings: RecurrenceSettings,
  names: { service(id: string): string; customer(id: string): string },
): ReportData['problemCandidates'] {
  type Incident = RecurrenceIncident & { inPeriod: boolean };
  const incidents: Incident[] = [];
  const add = (t: ReportTicket, ms: number, ids: string[], inPeriod: boolean) => {
    if (!countsForRecurrence(t)) return;
    incidents.push({
      id: t.id,
      reportedMs: ms,
      services: ids,
      ci: t.ci,
      customer: t.customer,
      category: t.category,
      cause: t.cause,
      inPeriod,
    });
  };
  input.tickets.forEach((t, i) => {
    add(t, reportedMs[i] as number, services[i] as string[], true);
  });
  for (const t of input.earlier) add(t, instantMs(t.reported_at), serviceIds(t), false);

  const candidates = findProblemCandidates(incidents, settings, (x) => x.inPeriod).map((c) => {
    const services =
      c.key.service !== undefined
        ? [c.key.service]
        : [...new Set(c.incidents.flatMap((x) => x.services))].sort(byCodePoint);
    const title = candidateTitle(c, names);
    return {
      key: c.key as Record<string, string>,
      count: c.incidents.length,
      maxInWindow: c.maxInWindow,
      first: isoUtc(Math.floor(c.firstMs / 1000) * 1000),
      last: isoUtc(Math.floor(c.lastMs / 1000) * 1000),
      tickets: c.incidents.map((x) => x.id),
      earlier: c.incidents.filter((x) => !x.inPeriod).length,
      title,
      command: newProblemCommand(title, services),
    };
  });
  return {
    settings: {
      minCount: settings.minCount,
      windowDays: settings.windowDays,
      groupBy: [...settings.groupBy],
    },
    candidates,
  };
}
