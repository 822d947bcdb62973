/**
 * What the periodic report reads and what it returns (docs/reports.md): the tickets in scope
 * and their SLA in, the facts the JSON and the Markdown show out. Each field of `ReportData` is
 * filled by one accumulator of this folder.
 */
import type { OpsbookConfig, Ticket } from '../../model/types.ts';
import type { ReportPeriod } from '../report-period.ts';
import type { ActionFigures, ReviewFigures } from '../report-reviews.ts';
import type { RunbookFigures } from '../report-runbooks.ts';
import type { Counts, Summary } from '../report-stats.ts';
import type { ReviewPolicy } from '../review-policy.ts';
import type { ClockTimes, ReportedState } from '../sla-report.ts';

export { PRIORITIES, TICKET_KINDS } from '../../model/ticket-values.ts';
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

/** `fields` as given, when they name every field of ReportTicket; otherwise a compile error names the missing ones. */
function everyReportField<const F extends readonly (keyof Ticket)[]>(
  fields: F &
    ([Exclude<keyof ReportTicket, F[number]>] extends [never]
      ? unknown
      : { missing: Exclude<keyof ReportTicket, F[number]> }),
): F {
  return fields;
}

/**
 * The ticket fields the report reads (ReportTicket's); a `--where` clause reads its own field
 * besides (`fieldsNamed`). `report --no-cache` has only these sent from the parsing threads
 * (custom `x-*` fields are read apart).
 */
export const REPORT_FIELDS = everyReportField([
  'id',
  'title',
  'kind',
  'status',
  'priority',
  'impact',
  'urgency',
  'services',
  'ci',
  'customer',
  'channel',
  'reported_at',
  'acknowledged_at',
  'resolved_at',
  'duplicate_of',
  'problem',
  'category',
  'cause',
  'avoidable',
  'review',
  'actions',
]);

/** What the report needs besides its tickets, their SLA and the runbooks (ReportBuilder). */
export interface ReportSettings {
  config: OpsbookConfig;
  /** The instant of the report (epoch ms). */
  at: number;
  /** The local date of `at` in the organisation's zone: reviews, actions and runbooks are due by it. */
  today: string;
  period: ReportPeriod;
  /** The filters applied, as the user wrote them (for the record). */
  filters: readonly string[];
  /** Which tickets need a post-incident review (opsbook.yaml `review`, as `opsbook review --check`). */
  reviewPolicy: ReviewPolicy;
}

/**
 * What the report reads of a ticket's SLA at `at` (an entry of `buildSlaReport`): the status,
 * the clock states, the policy, and when the clocks stopped and their working minutes, so that
 * no entry's JSON is parsed.
 */
export interface ReportSla {
  readonly status: string;
  readonly states: readonly [ReportedState, ReportedState];
  /** The SLA policy the ticket was assigned (null: none). */
  readonly policy: string | null;
  readonly times: ClockTimes;
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
