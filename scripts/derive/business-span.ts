/**
 * A stretch of working time told the way `Nbd` targets count it: whole business days (each the
 * same local time on the next business day, see `addBusinessDays`) and the working time left
 * over. "2bd 3h" from an instant is where a `2bd` target from there ends, plus 3 working hours.
 */
import { addBusinessDays, type BusinessCalendar, workingMsBetween } from './calendar/index.ts';

export interface BusinessSpan {
  /** Whole business days. */
  readonly days: number;
  /** Working milliseconds after the last whole business day. */
  readonly workingMs: number;
}

/**
 * From `from` to `to` (epoch ms, `from` ≤ `to`; zero otherwise): the most business days N with
 * `addBusinessDays(from, N)` ≤ `to`, and the working time from there to `to`. The search doubles
 * N, then halves the gap, so a span of years costs a few dozen calendar look-ups.
 */
export function businessSpan(cal: BusinessCalendar, from: number, to: number): BusinessSpan {
  if (!(to > from)) return { days: 0, workingMs: 0 };
  let lo = 0;
  let hi = 1;
  while (addBusinessDays(cal, from, hi) <= to) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (addBusinessDays(cal, from, mid) <= to) lo = mid;
    else hi = mid;
  }
  return { days: lo, workingMs: workingMsBetween(cal, addBusinessDays(cal, from, lo), to) };
}
