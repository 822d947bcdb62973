/**
 * `opsbook review --check`: which post-incident reviews are outstanding (pending, due, overdue)
 * and which follow-up actions are open or overdue, at an instant. Pure: tickets, policy, the
 * SLA breaches and the instant in.
 */
import { instantMs, isoUtcToSecond } from '../model/time.ts';
import type { Ticket } from '../model/types.ts';
import { effectivePriority, type PriorityMatrix } from './priority.ts';
import { isDone, policyReasons, type ReviewPolicy, reviewDueDate } from './review-policy.ts';

/** What the check needs of a ticket (the ticket index's facts have it). */
export type ReviewTicket = Pick<
  Ticket,
  | 'id'
  | 'title'
  | 'kind'
  | 'status'
  | 'priority'
  | 'impact'
  | 'urgency'
  | 'reported_at'
  | 'resolved_at'
  | 'duplicate_of'
  | 'review'
  | 'actions'
>;

export type ReviewReason = 'ticket' | 'priority' | 'breach';
export type ReviewState = 'pending' | 'due' | 'overdue';

export interface OutstandingReview {
  id: string;
  file: string;
  title: string;
  kind: string;
  status: string;
  priority: string | null;
  /** Why a review is required: `review.required: true`, the priority, an SLA breach. */
  reasons: ReviewReason[];
  /** The resolution (UTC ISO) when the ticket was resolved at the instant, else null. */
  resolvedAt: string | null;
  /** The due date, `YYYY-MM-DD`; null while the ticket is open and sets no `review.due`. */
  due: string | null;
  /** Where the due date comes from. */
  dueFrom: 'ticket' | 'policy' | null;
  /** pending: the ticket is not resolved yet; due: not yet past the due date; overdue: past it. */
  state: ReviewState;
  /** Whether the body has a review section yet (`## Summary`); false = the review is missing. */
  written: boolean;
}

export interface OpenAction {
  id: string;
  file: string;
  /** 0-based position in the ticket's `actions`. */
  index: number;
  title: string;
  owner: string | null;
  due: string | null;
  state: 'open' | 'overdue';
}

export interface ReviewCheck {
  /** The instant, UTC ISO. */
  at: string;
  /** The local date at the instant in the organisation's zone: due dates are compared with it. */
  today: string;
  reviews: OutstandingReview[];
  actions: OpenAction[];
  summary: {
    /** Tickets that need a review (done or not). */
    required: number;
    done: number;
    pending: number;
    due: number;
    overdue: number;
    /** Outstanding reviews whose section is not in the body yet. */
    missing: number;
    /** Open actions, overdue ones included. */
    openActions: number;
    overdueActions: number;
  };
}

export interface ReviewCheckSource {
  file: string;
  data: ReviewTicket;
}

export interface ReviewCheckOptions {
  /** IDs of tickets with at least one breached SLA clock at the instant. */
  breached: ReadonlySet<string>;
  /** Whether the ticket's body has a review section; asked only for outstanding reviews. */
  written: (source: ReviewCheckSource) => boolean;
  matrix: PriorityMatrix | undefined;
  /** Only these IDs (all when absent or empty). */
  ids?: readonly string[];
}

const STATE_ORDER: Record<ReviewState, number> = { overdue: 0, due: 1, pending: 2 };
const NO_ACTIONS: readonly never[] = [];

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts null last. */
function byDate(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return byCodePoint(a, b);
}

export function buildReviewCheck(
  sources: readonly ReviewCheckSource[],
  policy: ReviewPolicy,
  atMs: number,
  today: string,
  options: ReviewCheckOptions,
): ReviewCheck {
  const check = new ReviewCheckBuilder(policy, atMs, today, options);
  for (const source of sources) check.add(source);
  return check.finish();
}

/**
 * buildReviewCheck one ticket at a time (the report adds each as it is parsed): `add` decides a
 * ticket's review and open actions, `finish` sorts them and counts. `options.breached` is read
 * when a ticket is added.
 */
export class ReviewCheckBuilder {
  readonly #policy: ReviewPolicy;
  readonly #atMs: number;
  readonly #today: string;
  readonly #options: ReviewCheckOptions;
  readonly #wanted: ReadonlySet<string> | null;
  readonly #reviews: OutstandingReview[] = [];
  readonly #actions: OpenAction[] = [];
  #required = 0;
  #done = 0;

  constructor(policy: ReviewPolicy, atMs: number, today: string, options: ReviewCheckOptions) {
    this.#policy = policy;
    this.#atMs = atMs;
    this.#today = today;
    this.#options = options;
    this.#wanted = options.ids && options.ids.length > 0 ? new Set(options.ids) : null;
  }

  add(source: ReviewCheckSource): void {
    const policy = this.#policy;
    const today = this.#today;
    const atMs = this.#atMs;
    const options = this.#options;
    const t = source.data;
    if (this.#wanted && !this.#wanted.has(t.id)) return;
    // A ticket reported after the instant did not exist yet.
    if (!(instantMs(t.reported_at) <= atMs)) return;

    const ticketActions = t.actions ?? NO_ACTIONS;
    for (let index = 0; index < ticketActions.length; index++) {
      const action = ticketActions[index] as (typeof ticketActions)[number];
      if (isDone(action.done, today)) continue;
      this.#actions.push({
        id: t.id,
        file: source.file,
        index,
        title: action.title,
        owner: action.owner ?? null,
        due: action.due ?? null,
        state: action.due !== undefined && action.due < today ? 'overdue' : 'open',
      });
    }

    const priority = effectivePriority(t, options.matrix);
    const explicit = t.review?.required;
    const fromPolicy =
      explicit === false ? [] : policyReasons(policy, t, priority, options.breached.has(t.id));
    const reasons: ReviewReason[] = explicit === true ? ['ticket', ...fromPolicy] : fromPolicy;
    if (reasons.length === 0) return;
    this.#required++;
    if (isDone(t.review?.done, today)) {
      this.#done++;
      return;
    }
    const resolvedMs = t.resolved_at ? instantMs(t.resolved_at) : Number.NaN;
    const resolved = resolvedMs <= atMs;
    let due: string | null = null;
    let dueFrom: OutstandingReview['dueFrom'] = null;
    if (t.review?.due) {
      due = t.review.due;
      dueFrom = 'ticket';
    } else if (resolved) {
      due = reviewDueDate(policy, resolvedMs);
      dueFrom = 'policy';
    }
    const state: ReviewState = due !== null && due < today ? 'overdue' : resolved ? 'due' : 'pending';
    this.#reviews.push({
      id: t.id,
      file: source.file,
      title: t.title,
      kind: t.kind,
      status: t.status,
      priority,
      reasons,
      resolvedAt: resolved ? isoUtcToSecond(resolvedMs) : null,
      due,
      dueFrom,
      state,
      written: options.written(source),
    });
  }

  finish(): ReviewCheck {
    const reviews = this.#reviews;
    const actions = this.#actions;
    reviews.sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] || byDate(a.due, b.due) || byCodePoint(a.id, b.id),
    );
    actions.sort(
      (a, b) =>
        (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1) ||
        byDate(a.due, b.due) ||
        byCodePoint(a.id, b.id) ||
        a.index - b.index,
    );
    const count = (s: ReviewState) => reviews.filter((r) => r.state === s).length;
    return {
      at: isoUtcToSecond(this.#atMs),
      today: this.#today,
      reviews,
      actions,
      summary: {
        required: this.#required,
        done: this.#done,
        pending: count('pending'),
        due: count('due'),
        overdue: count('overdue'),
        missing: reviews.filter((r) => !r.written).length,
        openActions: actions.length,
        overdueActions: actions.filter((a) => a.state === 'overdue').length,
      },
    };
  }
}
