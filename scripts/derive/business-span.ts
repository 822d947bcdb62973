/**
 * A stretch of working time told the way `Nbd` targets count it: whole business days (each the
 * same local time on the next business day, see `addBusinessDays`) and the working time left
 * over. "2bd 3h" from an instant is where a `2bd` target from there ends, plus 3 working hours.
 */
import { type BusinessCalendar, businessDaysWithin, workingMsBetween } from './calendar/index.ts';

export interface BusinessSpan {
  /** Whole business days. */
  readonly days: number;
  /** Working milliseconds after the last whole business day. */
  readonly workingMs: number;
}

/**
 * From `from` to `to` (epoch ms, `from` ≤ `to`; zero otherwise): the most business days N with
 * `addBusinessDays(from, N)` ≤ `to`, and the working time from there to `to`.
 */
export function businessSpan(cal: BusinessCalendar, from: number, to: number): BusinessSpan {
  if (!(to > from)) return { days: 0, workingMs: 0 };
  const { days, reachedMs } = businessDaysWithin(cal, from, to);
  return { days, workingMs: workingMsBetween(cal, reachedMs, to) };
}
