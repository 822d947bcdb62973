/**
 * Business calendars (docs/sla.md): when a team works, in its own time zone, minus holidays.
 * The public API of the folder; importers use this file, not the modules behind it.
 *
 * Units: every instant is **epoch milliseconds** (`number`, UTC, as `Date.parse` returns it);
 * working time is in **working minutes** in the public minute functions and in working
 * milliseconds in the `...Ms` functions that the SLA clocks use for exact arithmetic.
 *
 * How it stays fast: a calendar compiles its week into open ranges per weekday (minutes after
 * local midnight, compile.ts) and converts local dates to instants lazily, in numbers
 * (model/zone-offsets.ts). Days are laid out in a table of consecutive local dates with prefix sums
 * of working time and of business days (day-table.ts), so working time (working-time.ts) and
 * business days (business-days.ts) cost two or three binary searches whatever the distance.
 * The spec and its check are in spec.ts, holidays in holidays.ts.
 */

export type { ZoneOffsets } from '../../model/zone-offsets.ts';
export { addBusinessDays, businessDaysWithin, wholeBusinessDays } from './business-days.ts';
export {
  type BusinessCalendar,
  type CalendarCache,
  type CalendarInternals,
  compileCalendar,
  createCalendarCache,
} from './compile.ts';
export { type DayTable, openIntervalsOn } from './day-table.ts';
export {
  addHolidayYears,
  type HolidaySource,
  type HolidayYears,
  isHolidayDate,
  publicHolidayYears,
} from './holidays.ts';
export {
  type CalendarProblem,
  type CalendarSpec,
  CalendarSpecError,
  checkCalendar,
  isKnownTimeZone,
  WEEKDAYS,
  type Weekday,
} from './spec.ts';
export {
  addWorkingMinutes,
  addWorkingMs,
  isOpen,
  nextOpening,
  workingMinutesBetween,
  workingMsBetween,
} from './working-time.ts';
