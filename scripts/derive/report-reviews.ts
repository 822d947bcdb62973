/**
 * Post-incident reviews and follow-up actions of the tickets in a report. The rules are those of
 * `opsbook review --check` (scripts/derive/review-check.ts, docs/reviews.md), applied to the
 * report's tickets, so both commands always agree: which tickets need a review (the ticket's
 * `review.required`, else the policy's priorities and SLA breaches), when it is due, and when a
 * review or an action is done or overdue on the local date `today`.
 */
import { isoUtc } from '../model/time.ts';
import type { PriorityMatrix } from './priority.ts';
import { buildReviewCheck, type ReviewState, type ReviewTicket } from './review-check.ts';
import type { ReviewPolicy } from './review-policy.ts';

export interface OutstandingReview {
  ticket: string;
  title: string;
  /** `YYYY-MM-DD`; null while the ticket is open and sets no `review.due`. */
  due: string | null;
  /** pending: ticket not resolved yet; due: not past the due date; overdue: past it. */
  state: ReviewState;
}

export interface ReviewFigures {
  /** Tickets that need a review, done or not. */
  required: number;
  done: number;
  pending: number;
  due: number;
  overdue: number;
  /** The reviews not done yet: overdue first, then by due date and ticket. */
  outstanding: OutstandingReview[];
}

export interface OpenAction {
  ticket: string;
  title: string;
  owner: string | null;
  due: string | null;
  overdue: boolean;
}

export interface ActionFigures {
  total: number;
  done: number;
  open: number;
  overdue: number;
  /** The open actions: overdue first, then by due date (undated last), ticket and position. */
  openActions: OpenAction[];
}

export interface ReviewInput {
  tickets: readonly ReviewTicket[];
  policy: ReviewPolicy;
  /** IDs of tickets with a breached SLA clock at `at`. */
  breached: ReadonlySet<string>;
  matrix: PriorityMatrix | undefined;
  at: number;
  today: string;
}

export function reviewAndActionFigures(input: ReviewInput): {
  reviews: ReviewFigures;
  actions: ActionFigures;
} {
  // Only these can need a review or have actions (docs/reviews.md); the others need no look.
  const concerned = input.tickets.filter(
    (t) =>
      t.review !== undefined ||
      (t.actions?.length ?? 0) > 0 ||
      (t.kind === 'incident' && t.duplicate_of === undefined && t.status !== 'cancelled'),
  );
  const check = buildReviewCheck(
    concerned.map((data) => ({ file: data.id, data })),
    input.policy,
    input.at,
    isoUtc(Math.floor(input.at / 1000) * 1000),
    input.today,
    // The report does not read ticket bodies; whether a review is written is `review --check`'s business.
    { breached: input.breached, written: () => true, matrix: input.matrix },
  );
  // The report's tickets were all reported by `at` (buildReviewCheck leaves out any later one).
  let total = 0;
  for (const t of input.tickets) total += t.actions?.length ?? 0;
  const s = check.summary;
  return {
    reviews: {
      required: s.required,
      done: s.done,
      pending: s.pending,
      due: s.due,
      overdue: s.overdue,
      // Keys in code-point order, as the JSON writes them (see present/report-json.ts).
      outstanding: check.reviews.map((r) => ({ due: r.due, state: r.state, ticket: r.id, title: r.title })),
    },
    actions: {
      total,
      done: total - s.openActions,
      open: s.openActions,
      overdue: s.overdueActions,
      openActions: check.actions.map((a) => ({
        due: a.due,
        overdue: a.state === 'overdue',
        owner: a.owner,
        ticket: a.id,
        title: a.title,
      })),
    },
  };
}
