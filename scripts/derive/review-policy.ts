/**
 * The review policy of opsbook.yaml (`review`): which tickets need a post-incident review and
 * when it is due. Every key has a default, so a configuration without `review` still asks for
 * reviews of P1/P2 incidents and of every SLA breach (docs/reviews.md).
 */
import type { OpsbookConfig } from '../model/types.ts';
import { localDate } from '../model/zone-offsets.ts';
import {
  addBusinessDays,
  type BusinessCalendar,
  type CalendarSpec,
  compileCalendar,
} from './calendar/index.ts';

const DEFAULT_REQUIRED_PRIORITIES: readonly string[] = ['P1', 'P2'];
const DEFAULT_DUE_BUSINESS_DAYS = 5;

export interface ReviewPolicy {
  /** Incidents with these priorities need a review. */
  readonly requiredPriorities: readonly string[];
  /** Every ticket with a breached SLA clock needs a review. */
  readonly onBreach: boolean;
  readonly dueBusinessDays: number;
  /** The calendar id of `review.calendar`, or null for the built-in Monday-Friday calendar. */
  readonly calendarId: string | null;
  /** The calendar on which the due date is counted. */
  readonly calendar: BusinessCalendar;
}

/** Thrown when `review.calendar` names no usable calendar. */
export class ReviewPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewPolicyError';
  }
}

const WHOLE_DAY = ['00:00-24:00'];

/** Monday to Friday, whole days, no holidays, in the organisation's time zone. */
function builtInReviewCalendar(timezone: string): CalendarSpec {
  return {
    timezone,
    hours: { mon: WHOLE_DAY, tue: WHOLE_DAY, wed: WHOLE_DAY, thu: WHOLE_DAY, fri: WHOLE_DAY },
  };
}

export function reviewPolicy(config: OpsbookConfig): ReviewPolicy {
  const settings = config.review ?? {};
  const calendarId = settings.calendar ?? null;
  let spec: CalendarSpec;
  if (calendarId === null) {
    spec = builtInReviewCalendar(config.organization.timezone);
  } else {
    const found =
      config.calendars && Object.hasOwn(config.calendars, calendarId)
        ? config.calendars[calendarId]
        : undefined;
    if (!found) throw new ReviewPolicyError(`review.calendar "${calendarId}" is not a calendar in calendars`);
    spec = found;
  }
  let calendar: BusinessCalendar;
  try {
    calendar = compileCalendar(spec);
  } catch (error) {
    const where = calendarId === null ? 'organization.timezone' : `calendar "${calendarId}"`;
    throw new ReviewPolicyError(`${where} cannot count review due dates: ${(error as Error).message}`);
  }
  return {
    requiredPriorities: settings.required_priorities ?? DEFAULT_REQUIRED_PRIORITIES,
    onBreach: settings.on_breach ?? true,
    dueBusinessDays: settings.due_business_days ?? DEFAULT_DUE_BUSINESS_DAYS,
    calendarId,
    calendar,
  };
}

/**
 * The date (`YYYY-MM-DD`, in the calendar's zone) a review is due when the ticket was resolved
 * at `resolvedMs`: `dueBusinessDays` business days later, counted like an SLA `Nbd` target
 * (from the resolution, or from the next opening when it lies outside open hours).
 */
export function reviewDueDate(policy: ReviewPolicy, resolvedMs: number): string {
  const due = addBusinessDays(policy.calendar, resolvedMs, policy.dueBusinessDays);
  return localDate(due, policy.calendar.timezone);
}

/**
 * Whether the policy requires a review of the ticket: only incidents (not cancelled, no
 * duplicate) are concerned, by their priority or by an SLA breach. Other kinds need a review
 * only when they set `review.required: true`.
 */
export function policyReasons(
  policy: ReviewPolicy,
  ticket: { kind: string; duplicate_of?: string | undefined; status: string },
  priority: string | null,
  breached: boolean,
): ('priority' | 'breach')[] {
  if (ticket.kind !== 'incident' || ticket.status === 'cancelled' || ticket.duplicate_of !== undefined)
    return [];
  const reasons: ('priority' | 'breach')[] = [];
  if (priority !== null && policy.requiredPriorities.includes(priority)) reasons.push('priority');
  if (policy.onBreach && breached) reasons.push('breach');
  return reasons;
}

/** Whether a done marker (`false`, `true` or a date) says done by the local date `today`. */
export function isDone(marker: boolean | string | undefined, today: string): boolean {
  if (marker === true) return true;
  if (typeof marker === 'string') return marker <= today;
  return false;
}
