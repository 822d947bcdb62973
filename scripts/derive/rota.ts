/**
 * Who is on duty (docs/rota.md): a team's weekly shifts on its business calendar, minus
 * absences, plus who covers them. Pure: the rota, a compiled calendar and explicit instants or
 * local dates in; duty stretches (epoch ms) out. Local times are the calendar's zone, so a
 * shift "08:00-12:00" is four hours of wall time even on the day the clocks change.
 */
import { Temporal } from 'temporal-polyfill';
import type { RotaTeam } from '../model/types.ts';
import { type BusinessCalendar, isHolidayDate, openIntervalsOn, WEEKDAYS } from './calendar/index.ts';

export interface DutyStretch {
  startMs: number;
  endMs: number;
  /** Who is on duty; null when the scheduled person is absent and nobody covers. */
  person: string | null;
  /** The person the shift belongs to, when someone else (or nobody) takes it. */
  absent?: string;
}

export function localDateOf(ms: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toString();
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The instant of a local wall time (HH:MM, 24:00 = the next midnight) on a date in a zone. */
function wallInstant(date: string, time: string, zone: string): number {
  const day = time === '24:00' ? addDays(date, 1) : date;
  const plainTime = time === '24:00' ? '00:00' : time;
  // A wall time the clocks skip (02:30 on the spring change) is taken as the instant after the gap.
  return Temporal.PlainDate.from(day).toZonedDateTime({ timeZone: zone, plainTime }).epochMilliseconds;
}

/** The person the rota schedules on a date and who takes over when that person is absent. */
function withAbsence(team: RotaTeam, date: string, person: string): Pick<DutyStretch, 'person' | 'absent'> {
  let found: { cover?: string } | undefined;
  for (const o of team.overrides ?? []) {
    if (o.person === person && o.from <= date && date <= o.until) found = o;
  }
  if (!found) return { person };
  return { person: found.cover ?? null, absent: person };
}

/** The duty stretches of one local date (YYYY-MM-DD in the calendar's zone), in order. */
function dutyOn(team: RotaTeam, cal: BusinessCalendar, date: string): DutyStretch[] {
  const weekday = WEEKDAYS[Temporal.PlainDate.from(date).dayOfWeek - 1];
  const day = weekday ? team.shifts[weekday] : undefined;
  // A holiday needs nobody: the calendar is closed.
  if (day === undefined || isHolidayDate(cal, date)) return [];
  const stretches: DutyStretch[] =
    typeof day === 'string'
      ? openIntervalsOn(cal, date).map(([startMs, endMs]) => ({
          startMs,
          endMs,
          ...withAbsence(team, date, day),
        }))
      : day.map((shift) => ({
          startMs: wallInstant(date, shift.from, cal.timezone),
          endMs: wallInstant(date, shift.until, cal.timezone),
          ...withAbsence(team, date, shift.person),
        }));
  return stretches.filter((s) => s.endMs > s.startMs).sort((a, b) => a.startMs - b.startMs);
}

/** The stretches that hold at instant `ms` (more than one when shifts overlap). */
export function dutyAt(team: RotaTeam, cal: BusinessCalendar, ms: number): DutyStretch[] {
  return dutyOn(team, cal, localDateOf(ms, cal.timezone)).filter((s) => s.startMs <= ms && ms < s.endMs);
}

/** All stretches of the local dates from `fromDate` for `days` days. */
export function dutyBetween(
  team: RotaTeam,
  cal: BusinessCalendar,
  fromDate: string,
  days: number,
): DutyStretch[] {
  const out: DutyStretch[] = [];
  for (let i = 0; i < days; i++) out.push(...dutyOn(team, cal, addDays(fromDate, i)));
  return out;
}

/**
 * The open time of the calendar with nobody on duty, on the local dates from `fromDate` for
 * `days` days: [start, end) pieces in epoch ms.
 */
export function dutyGaps(
  team: RotaTeam,
  cal: BusinessCalendar,
  fromDate: string,
  days: number,
): [number, number][] {
  const gaps: [number, number][] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(fromDate, i);
    const covered = dutyOn(team, cal, date).filter((s) => s.person !== null);
    for (const [open, close] of openIntervalsOn(cal, date)) {
      let at = open;
      for (const s of covered) {
        if (s.endMs <= at || s.startMs >= close) continue;
        if (s.startMs > at) gaps.push([at, s.startMs]);
        at = Math.max(at, s.endMs);
      }
      if (at < close) gaps.push([at, close]);
    }
  }
  return gaps;
}
