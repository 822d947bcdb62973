/**
 * Post-incident reviews and follow-up actions of the tickets in a report. The rules are those of
 * `opsbook review --check` (scripts/derive/review-check.ts, docs/reviews.md), applied to the
 * report's tickets, so both commands always agree: which tickets need a review (the ticket's
 * `review.required`, else the policy's priorities and SLA breaches), when it is due, and when a
 * review or an action is done or overdue on the local date `today`.
 */
import type { PriorityMatrix } from './priority.ts';
import { ReviewCheckBuilder, type ReviewState, type ReviewTicket } from './review-check.ts';
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

/** What the review figures read besides the tickets. */
export interface ReviewSettings {
  policy: ReviewPolicy;
  /**
   * IDs of tickets with a breached SLA clock at `at`: a ticket's own breach must be in it when
   * the ticket is added.
   */
  breached: ReadonlySet<string>;
  matrix: PriorityMatrix | undefined;
  at: number;
  today: string;
}

/** Only these can need a review or have actions (docs/reviews.md); the others need no look. */
function concerned(t: ReviewTicket): boolean {
  return (
    t.review !== undefined ||
    (t.actions?.length ?? 0) > 0 ||
    (t.kind === 'incident' && t.duplicate_of === undefined && t.status !== 'cancelled')
  );
}

/**
 * The report's review and action figures, accumulated ticket by ticket (the report's tickets
 * were all reported by `at`, so each one's actions count).
 */
export class ReviewAndActionFigures {
  readonly #settings: ReviewSettings;
  readonly #check: ReviewCheckBuilder;
  readonly #ids = new Set<string>();
  /** Two tickets share an ID: a later one's breach would count for the earlier one too. */
  #shared = false;
  #total = 0;

  constructor(settings: ReviewSettings) {
    this.#settings = settings;
    this.#check = this.#builder();
  }

  add(t: ReviewTicket): void {
    this.#total += t.actions?.length ?? 0;
    if (this.#ids.has(t.id)) this.#shared = true;
    else this.#ids.add(t.id);
    if (concerned(t)) this.#check.add({ file: t.id, data: t });
  }

  /** The figures; `tickets`: those added, in order (read again only when two share an ID). */
  figures(tickets: readonly ReviewTicket[]): { reviews: ReviewFigures; actions: ActionFigures } {
    let builder = this.#check;
    if (this.#shared) {
      // As `review --check` decides it: by each ID's breaches over all the tickets.
      builder = this.#builder();
      for (const t of tickets) if (concerned(t)) builder.add({ file: t.id, data: t });
    }
    const check = builder.finish();
    const total = this.#total;
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

  #builder(): ReviewCheckBuilder {
    const { policy, at, today, breached, matrix } = this.#settings;
    // The report does not read ticket bodies; whether a review is written is `review --check`'s business.
    return new ReviewCheckBuilder(policy, at, today, {
      breached,
      written: () => true,
      matrix,
    });
  }
}
