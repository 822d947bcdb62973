/**
 * The business calendar against docs/sla.md. Every expected instant is derived by hand from
 * the rules; the one-line comment next to it gives the derivation. 2026 facts used throughout:
 * Berlin switches CET→CEST on Sun 29 Mar (02:00→03:00, at 01:00Z) and back on Sun 25 Oct
 * (03:00→02:00, at 01:00Z); New York EST→EDT on Sun 8 Mar (02:00→03:00, at 07:00Z) and back on
 * Sun 1 Nov (02:00→01:00, at 06:00Z); Sydney AEDT→AEST on Sun 5 Apr (03:00→02:00, at 16:00Z
 * on 4 Apr) and AEST→AEDT on Sun 4 Oct (02:00→03:00, at 16:00Z on 3 Oct). 2026-03-02 is a
 * Monday. DE/BY public holidays used: 1 and 6 Jan, Good Friday 3 Apr, Easter Monday 6 Apr,
 * 1 May, 14 May, 25 May, 4 Jun, 25 and 26 Dec.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addWorkingMinutes,
  addWorkingMs,
  type CalendarSpec,
  CalendarSpecError,
  checkCalendar,
  compileCalendar,
  isHolidayDate,
  isOpen,
  nextOpening,
  openIntervalsOn,
  workingMinutesBetween,
  workingMsBetween,
} from '../../scripts/derive/calendar/index.ts';
import {
  ALWAYS_BERLIN,
  ALWAYS_SYDNEY,
  ALWAYS_UTC,
  BERLIN_SUNDAY_NIGHT,
  everyDay,
  FULL_DAYS_BERLIN,
  FULL_DAYS_NEW_YORK,
  FULL_DAYS_SYDNEY,
  H,
  iso,
  isoPairs,
  MIN,
  MON_FRI,
  ms,
  NEW_YORK_OFFICE,
  SHOP,
  SYDNEY_SUNDAY_NIGHT,
  UTC_NIGHT_SHIFT,
  weekdays,
} from '../helpers/sla-fixtures.ts';

const cal = (spec: CalendarSpec) => compileCalendar(spec);

describe('DST in Europe/Berlin', () => {
  it('a 00:00-24:00 day lasts 23 hours in spring and 25 hours in autumn', () => {
    const c = cal(FULL_DAYS_BERLIN);
    // 29 Mar: 00:00 CET = 28 Mar 23:00Z, 24:00 = 30 Mar 00:00 CEST = 29 Mar 22:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-03-29'))).toEqual([
      ['2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'],
    ]);
    expect(workingMsBetween(c, ms('2026-03-29T00:00:00+01:00'), ms('2026-03-30T00:00:00+02:00'))).toBe(
      23 * H,
    );
    // 25 Oct: 00:00 CEST = 24 Oct 22:00Z, 24:00 = 26 Oct 00:00 CET = 25 Oct 23:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-10-25'))).toEqual([
      ['2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'],
    ]);
    expect(workingMsBetween(c, ms('2026-10-25T00:00:00+02:00'), ms('2026-10-26T00:00:00+01:00'))).toBe(
      25 * H,
    );
  });

  it('consecutive 00:00-24:00 days leave no gap at midnight, also across the DST night', () => {
    const c = cal(FULL_DAYS_BERLIN);
    // Sat 22:00 CET (21:00Z) to Sun 04:00 CEST (02:00Z): 5 hours of wall time, all open.
    expect(workingMsBetween(c, ms('2026-03-28T22:00:00+01:00'), ms('2026-03-29T04:00:00+02:00'))).toBe(5 * H);
    expect(isOpen(c, ms('2026-03-29T00:00:00+01:00'))).toBe(true);
    // 1h before midnight + 1h: exactly midnight CET, the start of Sunday's range.
    expect(iso(addWorkingMs(c, ms('2026-03-28T23:00:00+01:00'), H))).toBe('2026-03-28T23:00:00Z');
  });

  it('24 working hours differ from 1 business day over the DST night (always)', () => {
    const c = cal(ALWAYS_BERLIN);
    // Sat 12:00 CET = 11:00Z; +24h of instants (all open) = Sun 11:00Z (13:00 CEST).
    expect(iso(addWorkingMs(c, ms('2026-03-28T12:00:00+01:00'), 24 * H))).toBe('2026-03-29T11:00:00Z');
    // 1bd: the same local time next day, Sun 12:00 CEST = 10:00Z (only 23 working hours).
    expect(iso(addBusinessDays(c, ms('2026-03-28T12:00:00+01:00'), 1))).toBe('2026-03-29T10:00:00Z');
    // Autumn: Sat 12:00 CEST = 10:00Z; +24h = Sun 10:00Z (11:00 CET); 1bd = Sun 12:00 CET = 11:00Z.
    expect(iso(addWorkingMs(c, ms('2026-10-24T12:00:00+02:00'), 24 * H))).toBe('2026-10-25T10:00:00Z');
    expect(iso(addBusinessDays(c, ms('2026-10-24T12:00:00+02:00'), 1))).toBe('2026-10-25T11:00:00Z');
  });

  it('business days from a repeated local time land on the same local time', () => {
    const c = cal(ALWAYS_BERLIN);
    // Sat 02:30 CEST (00:30Z) +1bd: Sun 02:30 is repeated, the earlier (CEST) = 25 Oct 00:30Z.
    expect(iso(addBusinessDays(c, ms('2026-10-24T02:30:00+02:00'), 1))).toBe('2026-10-25T00:30:00Z');
    // +2bd: Mon 02:30 CET = 01:30Z.
    expect(iso(addBusinessDays(c, ms('2026-10-24T02:30:00+02:00'), 2))).toBe('2026-10-26T01:30:00Z');
    // From the second 02:30 (CET, 01:30Z) +1bd: Mon 02:30 CET = 26 Oct 01:30Z.
    expect(iso(addBusinessDays(c, ms('2026-10-25T02:30:00+01:00'), 1))).toBe('2026-10-26T01:30:00Z');
  });

  it('open 01:00-04:00 on the day the clock skips 02:00-03:00 lasts 2 hours', () => {
    const c = cal(BERLIN_SUNDAY_NIGHT);
    // 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-03-29'))).toEqual([
      ['2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z'],
    ]);
    // An ordinary Sunday: 01:00-04:00 CET = 00:00Z-03:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-03-22'))).toEqual([
      ['2026-03-22T00:00:00Z', '2026-03-22T03:00:00Z'],
    ]);
    // 01:00 CET + 90 working minutes: 02:00 CET is 03:00 CEST (01:00Z), 30 min later 01:30Z.
    expect(iso(addWorkingMs(c, ms('2026-03-29T01:00:00+01:00'), 90 * MIN))).toBe('2026-03-29T01:30:00Z');
    // The whole 2h: the range's end, 04:00 CEST (earliest instant with enough working time).
    expect(iso(addWorkingMs(c, ms('2026-03-29T01:00:00+01:00'), 2 * H))).toBe('2026-03-29T02:00:00Z');
    // One minute more runs into next Sunday, 5 Apr 01:00 CEST = 4 Apr 23:00Z, plus 1 min.
    expect(iso(addWorkingMs(c, ms('2026-03-29T01:00:00+01:00'), 2 * H + MIN))).toBe('2026-04-04T23:01:00Z');
    // 22 Mar (3h) + 29 Mar (2h) + 5 Apr (3h).
    expect(workingMsBetween(c, ms('2026-03-21T00:00:00Z'), ms('2026-04-06T00:00:00Z'))).toBe(8 * H);
  });

  it('open 01:00-04:00 on the day the clock repeats 02:00-03:00 lasts 4 hours', () => {
    const c = cal(BERLIN_SUNDAY_NIGHT);
    // 01:00 CEST = 24 Oct 23:00Z, 04:00 CET = 03:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-10-25'))).toEqual([
      ['2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z'],
    ]);
    // The second 02:30 (CET) is inside.
    expect(isOpen(c, ms('2026-10-25T02:30:00+01:00'))).toBe(true);
    // 3.5h of continuous open instants from 23:00Z: 02:30Z (03:30 CET).
    expect(iso(addWorkingMs(c, ms('2026-10-25T01:00:00+02:00'), 3.5 * H))).toBe('2026-10-25T02:30:00Z');
  });

  it('a range starting at a skipped local time starts when Temporal says (compatible)', () => {
    const c = cal({ timezone: 'Europe/Berlin', hours: { sun: ['02:30-05:00'] } });
    // 02:30 does not exist on 29 Mar: forward by the 1h gap, 03:30 CEST = 01:30Z; 05:00 CEST = 03:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-03-29'))).toEqual([
      ['2026-03-29T01:30:00Z', '2026-03-29T03:00:00Z'],
    ]);
    // Temporal agrees (default disambiguation 'compatible').
    const temporal = Temporal.PlainDateTime.from('2026-03-29T02:30').toZonedDateTime('Europe/Berlin');
    expect(temporal.epochMilliseconds).toBe(ms('2026-03-29T01:30:00Z'));
    expect(iso(nextOpening(c, ms('2026-03-29T00:00:00Z')))).toBe('2026-03-29T01:30:00Z');
    expect(isOpen(c, ms('2026-03-29T01:29:00Z'))).toBe(false);
    expect(isOpen(c, ms('2026-03-29T01:30:00Z'))).toBe(true);
    // 25 Oct: 02:30 is repeated, the earlier is CEST = 00:30Z; 05:00 CET = 04:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-10-25'))).toEqual([
      ['2026-10-25T00:30:00Z', '2026-10-25T04:00:00Z'],
    ]);
  });

  it('a range ending at a skipped local time ends when Temporal says', () => {
    const c = cal({ timezone: 'Europe/Berlin', hours: { sun: ['00:00-02:30'] } });
    // 00:00 CET = 28 Mar 23:00Z; 02:30 → 03:30 CEST = 01:30Z: 2.5 hours.
    expect(isoPairs(openIntervalsOn(c, '2026-03-29'))).toEqual([
      ['2026-03-28T23:00:00Z', '2026-03-29T01:30:00Z'],
    ]);
  });

  it('ranges that end where the DST change begins or begin where it ends keep their local length', () => {
    const c = cal({ timezone: 'Europe/Berlin', hours: { sun: ['00:00-02:00', '03:00-05:00'] } });
    // 29 Mar: 00:00 CET = 28 Mar 23:00Z; 02:00 is skipped → 03:00 CEST = 01:00Z, which is also
    // where 03:00-05:00 begins: the two ranges touch and merge, 23:00Z-03:00Z (4 hours).
    expect(isoPairs(openIntervalsOn(c, '2026-03-29'))).toEqual([
      ['2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z'],
    ]);
    // 25 Oct: 00:00 CEST = 24 Oct 22:00Z to 02:00 (repeated, the earlier CEST) = 00:00Z; then
    // 03:00 CET = 02:00Z to 05:00 CET = 04:00Z. The hour 00:00Z-01:00Z (02:00-03:00 CEST) and
    // the repeated 02:00-03:00 CET (01:00Z-02:00Z) stay closed.
    expect(isoPairs(openIntervalsOn(c, '2026-10-25'))).toEqual([
      ['2026-10-24T22:00:00Z', '2026-10-25T00:00:00Z'],
      ['2026-10-25T02:00:00Z', '2026-10-25T04:00:00Z'],
    ]);
    expect(isOpen(c, ms('2026-10-25T02:30:00+02:00'))).toBe(false);
    expect(isOpen(c, ms('2026-10-25T02:30:00+01:00'))).toBe(false);
  });

  it('a range that lies wholly inside the skipped hour is no open time, and no business day', () => {
    const c = cal({ timezone: 'Europe/Berlin', hours: everyDay(['02:00-03:00']) });
    // 02:00 and 03:00 both resolve to 03:00 CEST: empty.
    expect(openIntervalsOn(c, '2026-03-29')).toEqual([]);
    // Sat 1h + Sun 0 + Mon 1h.
    expect(workingMsBetween(c, ms('2026-03-28T00:00:00Z'), ms('2026-03-31T00:00:00Z'))).toBe(2 * H);
    // Judgement call (docs/sla.md: "a day with open hours"): a day whose hours all fall into the DST gap
    // has no open hours that day, so it is skipped: Sat 02:15 CET +1bd = Mon 02:15 CEST = 00:15Z.
    expect(iso(addBusinessDays(c, ms('2026-03-28T02:15:00+01:00'), 1))).toBe('2026-03-30T00:15:00Z');
    // In autumn the hour exists twice: 02:00 CEST (00:00Z) to 03:00 CET (02:00Z).
    expect(isoPairs(openIntervalsOn(c, '2026-10-25'))).toEqual([
      ['2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z'],
    ]);
  });
});

describe('DST in America/New_York', () => {
  it('a 00:00-24:00 day lasts 23 and 25 hours', () => {
    const c = cal(FULL_DAYS_NEW_YORK);
    // 8 Mar: 00:00 EST = 05:00Z to 9 Mar 00:00 EDT = 04:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-03-08'))).toEqual([
      ['2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'],
    ]);
    // 1 Nov: 00:00 EDT = 04:00Z to 2 Nov 00:00 EST = 05:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-11-01'))).toEqual([
      ['2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'],
    ]);
  });

  it('office hours keep their local times across the weekend of the change', () => {
    const c = cal(NEW_YORK_OFFICE);
    // Fri 16:00 EST: 1h on Friday, then Mon 09:00 EDT + 1h = 10:00 EDT = 14:00Z.
    expect(iso(addWorkingMs(c, ms('2026-03-06T16:00:00-05:00'), 2 * H))).toBe('2026-03-09T14:00:00Z');
    // Two full 8h days, although the wall-clock span is one hour shorter.
    expect(workingMsBetween(c, ms('2026-03-06T09:00:00-05:00'), ms('2026-03-09T17:00:00-04:00'))).toBe(
      16 * H,
    );
    // Fri 16:00 EDT: 1h, then Mon 2 Nov 09:00 EST + 1h = 10:00 EST = 15:00Z.
    expect(iso(addWorkingMs(c, ms('2026-10-30T16:00:00-04:00'), 2 * H))).toBe('2026-11-02T15:00:00Z');
    // Fri 10:00 EST +1bd = Mon 10:00 EDT = 14:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-06T10:00:00-05:00'), 1))).toBe('2026-03-09T14:00:00Z');
  });

  it('a range starting at the repeated 01:30 starts at the earlier instant', () => {
    const c = cal({ timezone: 'America/New_York', hours: { sun: ['01:30-03:00'] } });
    // 1 Nov: 01:30 EDT = 05:30Z (earlier of the two), 03:00 EST = 08:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-11-01'))).toEqual([
      ['2026-11-01T05:30:00Z', '2026-11-01T08:00:00Z'],
    ]);
    // 8 Mar: 01:30 EST = 06:30Z, 03:00 EDT = 07:00Z: only 30 minutes.
    expect(isoPairs(openIntervalsOn(c, '2026-03-08'))).toEqual([
      ['2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z'],
    ]);
  });
});

describe('DST in Australia/Sydney', () => {
  it('a 00:00-24:00 day lasts 25 hours in April and 23 hours in October', () => {
    const c = cal(FULL_DAYS_SYDNEY);
    // 5 Apr: 00:00 AEDT (+11) = 4 Apr 13:00Z to 6 Apr 00:00 AEST (+10) = 5 Apr 14:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-04-05'))).toEqual([
      ['2026-04-04T13:00:00Z', '2026-04-05T14:00:00Z'],
    ]);
    // 4 Oct: 00:00 AEST = 3 Oct 14:00Z to 5 Oct 00:00 AEDT = 4 Oct 13:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-10-04'))).toEqual([
      ['2026-10-03T14:00:00Z', '2026-10-04T13:00:00Z'],
    ]);
  });

  it('open 01:00-04:00 lasts 2 hours on 4 Oct and 4 hours on 5 Apr', () => {
    const c = cal(SYDNEY_SUNDAY_NIGHT);
    // 01:00 AEST = 3 Oct 15:00Z, 04:00 AEDT = 3 Oct 17:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-10-04'))).toEqual([
      ['2026-10-03T15:00:00Z', '2026-10-03T17:00:00Z'],
    ]);
    // 01:00 AEDT = 4 Apr 14:00Z, 04:00 AEST = 4 Apr 18:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-04-05'))).toEqual([
      ['2026-04-04T14:00:00Z', '2026-04-04T18:00:00Z'],
    ]);
  });

  it('business days onto the skipped hour move forward by the gap', () => {
    const c = cal(ALWAYS_SYDNEY);
    // Sat 3 Oct 02:30 AEST (2 Oct 16:30Z) +1bd: Sun 02:30 is skipped → 03:30 AEDT = 3 Oct 16:30Z.
    expect(iso(addBusinessDays(c, ms('2026-10-03T02:30:00+10:00'), 1))).toBe('2026-10-03T16:30:00Z');
    // Sat 12:00 AEST (02:00Z) +1bd = Sun 12:00 AEDT = 4 Oct 01:00Z; +24h = 4 Oct 02:00Z.
    expect(iso(addBusinessDays(c, ms('2026-10-03T12:00:00+10:00'), 1))).toBe('2026-10-04T01:00:00Z');
    expect(iso(addWorkingMs(c, ms('2026-10-03T12:00:00+10:00'), 24 * H))).toBe('2026-10-04T02:00:00Z');
  });
});

describe('DST in other shapes', () => {
  it('America/Santiago changes at midnight: the day starts at 01:00, or midnight comes late', () => {
    const c = cal({ timezone: 'America/Santiago', hours: everyDay(['00:00-24:00']) });
    // Sun 6 Sep 2026: 00:00 -04 is skipped → 01:00 -03 = 04:00Z; ends 7 Sep 00:00 -03 = 03:00Z.
    expect(isoPairs(openIntervalsOn(c, '2026-09-06'))).toEqual([
      ['2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z'],
    ]);
    // Sat 4 Apr 2026: 00:00 -03 = 03:00Z; at 24:00 -03 the clock goes back to 23:00 -04, so
    // Sunday's midnight is 00:00 -04 = 5 Apr 04:00Z: a 25-hour Saturday.
    expect(isoPairs(openIntervalsOn(c, '2026-04-04'))).toEqual([
      ['2026-04-04T03:00:00Z', '2026-04-05T04:00:00Z'],
    ]);
  });

  it('Australia/Lord_Howe moves by 30 minutes', () => {
    const c = cal({ timezone: 'Australia/Lord_Howe', hours: everyDay(['00:00-24:00']) });
    // 4 Oct 2026: 00:00 +10:30 = 3 Oct 13:30Z to 5 Oct 00:00 +11 = 4 Oct 13:00Z: 23.5 hours.
    expect(workingMsBetween(c, ms('2026-10-04T00:00:00+10:30'), ms('2026-10-05T00:00:00+11:00'))).toBe(
      23.5 * H,
    );
    expect(isoPairs(openIntervalsOn(c, '2026-10-04'))).toEqual([
      ['2026-10-03T13:30:00Z', '2026-10-04T13:00:00Z'],
    ]);
  });

  it('Pacific/Apia skipped 30 Dec 2011 entirely: no open time, no business day', () => {
    const c = cal({ timezone: 'Pacific/Apia', hours: 'always' });
    expect(openIntervalsOn(c, '2011-12-30')).toEqual([]);
    // Thu 29 Dec 12:00 -10 (22:00Z) +1bd: 30 Dec does not exist → Sat 31 Dec 12:00 +14 = 30 Dec 22:00Z.
    expect(iso(addBusinessDays(c, ms('2011-12-29T12:00:00-10:00'), 1))).toBe('2011-12-30T22:00:00Z');
    // The instants themselves run on: 29 Dec 22:00Z + 24h.
    expect(iso(addWorkingMs(c, ms('2011-12-29T12:00:00-10:00'), 24 * H))).toBe('2011-12-30T22:00:00Z');
  });
});

describe('ranges', () => {
  it('ranges ending at 24:00 and starting at 00:00 on the next day run on without a gap', () => {
    const c = cal(UTC_NIGHT_SHIFT);
    // Mon 23:00 + 2h: 1h to midnight, 1h after = Tue 01:00.
    expect(iso(addWorkingMs(c, ms('2026-03-02T23:00:00Z'), 2 * H))).toBe('2026-03-03T01:00:00Z');
    // Exactly Monday's 6 hours: midnight, the earliest instant.
    expect(iso(addWorkingMs(c, ms('2026-03-02T18:00:00Z'), 6 * H))).toBe('2026-03-03T00:00:00Z');
    expect(workingMsBetween(c, ms('2026-03-02T18:00:00Z'), ms('2026-03-03T06:00:00Z'))).toBe(12 * H);
    expect(isOpen(c, ms('2026-03-03T00:00:00Z'))).toBe(true);
    expect(isOpen(c, ms('2026-03-03T06:00:00Z'))).toBe(false);
    // After Tuesday 06:00 the next opening is the next Monday 18:00.
    expect(iso(nextOpening(c, ms('2026-03-03T06:00:00Z')))).toBe('2026-03-09T18:00:00Z');
    // Mon 20:00 +1bd: Tue 20:00 is after Tuesday's only range → its last closing, Tue 06:00.
    expect(iso(addBusinessDays(c, ms('2026-03-02T20:00:00Z'), 1))).toBe('2026-03-03T06:00:00Z');
  });

  it('split shop hours: the lunch break is closed', () => {
    const c = cal(SHOP);
    // Mon 12:00 CET + 30 min = 12:30 CET = 11:30Z: the end of the morning, not 13:30.
    expect(iso(addWorkingMs(c, ms('2026-03-02T12:00:00+01:00'), 30 * MIN))).toBe('2026-03-02T11:30:00Z');
    // + 1h: 30 min before lunch, 30 min after 13:30 = 14:00 CET = 13:00Z.
    expect(iso(addWorkingMs(c, ms('2026-03-02T12:00:00+01:00'), H))).toBe('2026-03-02T13:00:00Z');
    expect(isOpen(c, ms('2026-03-02T12:30:00+01:00'))).toBe(false);
    expect(iso(nextOpening(c, ms('2026-03-02T12:30:00+01:00')))).toBe('2026-03-02T12:30:00Z');
    // A working day: 3.5h + 4.5h.
    expect(workingMinutesBetween(c, ms('2026-03-02T00:00:00+01:00'), ms('2026-03-03T00:00:00+01:00'))).toBe(
      480,
    );
  });

  it('a short Saturday', () => {
    const c = cal(SHOP);
    // Fri 17:00 CET +3h: 1h Friday, Sat 10:00 +2h = 12:00 CET = 11:00Z.
    expect(iso(addWorkingMs(c, ms('2026-03-06T17:00:00+01:00'), 3 * H))).toBe('2026-03-07T11:00:00Z');
    // Sat 13:00 CET +2h: 1h Saturday, Mon 09:00 +1h = 10:00 CET = 09:00Z.
    expect(iso(addWorkingMs(c, ms('2026-03-07T13:00:00+01:00'), 2 * H))).toBe('2026-03-09T09:00:00Z');
    // Fri 15:00 +1bd: Sat 15:00 is after 14:00 → Saturday's last closing 14:00 CET = 13:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-06T15:00:00+01:00'), 1))).toBe('2026-03-07T13:00:00Z');
    // Fri 09:30 +1bd: Sat 09:30 is before 10:00 → the next opening that day, 10:00 CET = 09:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-06T09:30:00+01:00'), 1))).toBe('2026-03-07T09:00:00Z');
    // Fri 12:45 is in the lunch break → from 13:30; Sat 13:30 is inside → 12:30Z.
    expect(iso(addBusinessDays(c, ms('2026-03-06T12:45:00+01:00'), 1))).toBe('2026-03-07T12:30:00Z');
    // Sat 12:45 +1bd: Mon 12:45 is in the lunch break → next opening that day 13:30 CET = 12:30Z.
    expect(iso(addBusinessDays(c, ms('2026-03-07T12:45:00+01:00'), 1))).toBe('2026-03-09T12:30:00Z');
  });

  it('1bd differs from 8h', () => {
    const shop = cal(SHOP);
    // Shop days are 8h. Fri 15:00 + 8h: 3h Fri, 4h Sat, Mon 09:00 + 1h = 10:00 CET = 09:00Z,
    // whereas 1bd ends at Saturday's closing 14:00 (above).
    expect(iso(addWorkingMs(shop, ms('2026-03-06T15:00:00+01:00'), 8 * H))).toBe('2026-03-09T09:00:00Z');
    const c = cal(MON_FRI);
    // Mon 10:00 CET +1bd = Tue 10:00 CET = 09:00Z; +8h = 7h Monday + Tue 08:00 + 1h = 08:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-02T10:00:00+01:00'), 1))).toBe('2026-03-03T09:00:00Z');
    expect(iso(addWorkingMs(c, ms('2026-03-02T10:00:00+01:00'), 8 * H))).toBe('2026-03-03T08:00:00Z');
  });

  it('a due after the last range of a shorter day is that day’s last closing', () => {
    const c = cal({ timezone: 'Europe/Berlin', hours: { mon: ['08:00-17:00'], tue: ['08:00-12:00'] } });
    // Mon 15:00 +1bd: Tue 15:00 is after 12:00 → 12:00 CET = 11:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-02T15:00:00+01:00'), 1))).toBe('2026-03-03T11:00:00Z');
    // Tue 09:00 +1bd: Mon 09:00 → 9 Mar 08:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-03T09:00:00+01:00'), 1))).toBe('2026-03-09T08:00:00Z');
  });

  it('always (24/7) counts every instant', () => {
    const c = cal(ALWAYS_UTC);
    expect(iso(addWorkingMs(c, ms('2026-03-07T10:00:00Z'), 100 * H))).toBe('2026-03-11T14:00:00Z');
    expect(iso(addBusinessDays(c, ms('2026-03-07T10:00:00Z'), 7))).toBe('2026-03-14T10:00:00Z');
    expect(workingMsBetween(c, ms('2026-03-07T10:00:00Z'), ms('2026-03-08T10:30:00Z'))).toBe(24.5 * H);
    expect(isOpen(c, ms('2026-12-25T03:00:00Z'))).toBe(true);
    expect(iso(addWorkingMinutes(c, ms('2026-03-07T10:00:00Z'), 90))).toBe('2026-03-07T11:30:00Z');
  });

  it('working time is zero or the difference for empty and reversed spans', () => {
    const c = cal(MON_FRI);
    expect(workingMsBetween(c, ms('2026-03-02T10:00:00+01:00'), ms('2026-03-02T10:00:00+01:00'))).toBe(0);
    expect(workingMsBetween(c, ms('2026-03-02T12:00:00+01:00'), ms('2026-03-02T10:00:00+01:00'))).toBe(0);
    // Seconds count: 10:00:00 to 10:00:30.
    expect(workingMsBetween(c, ms('2026-03-02T10:00:00+01:00'), ms('2026-03-02T10:00:30+01:00'))).toBe(
      30_000,
    );
  });
});

describe('holidays', () => {
  const c = cal(MON_FRI);

  it('knows the public holidays and the extra dates', () => {
    expect(isHolidayDate(c, '2026-04-03')).toBe(true); // Good Friday
    expect(isHolidayDate(c, '2026-01-06')).toBe(true); // Epiphany (Bavaria)
    expect(isHolidayDate(c, '2026-12-24')).toBe(true); // extra date
    expect(isHolidayDate(c, '2026-12-28')).toBe(false);
    expect(openIntervalsOn(c, '2026-12-31')).toEqual([]);
  });

  it('a due that would fall on Easter runs past the four closed days', () => {
    // Thu 2 Apr 16:00 CEST +2h: 1h Thursday; Fri (Good Friday), Sat, Sun, Mon (Easter Monday)
    // closed; Tue 7 Apr 08:00 +1h = 09:00 CEST = 07:00Z.
    expect(iso(addWorkingMs(c, ms('2026-04-02T16:00:00+02:00'), 2 * H))).toBe('2026-04-07T07:00:00Z');
    // Thu 10:00 +1bd = Tue 10:00 CEST = 08:00Z; +2bd = Wed 8 Apr 10:00 CEST = 08:00Z.
    expect(iso(addBusinessDays(c, ms('2026-04-02T10:00:00+02:00'), 1))).toBe('2026-04-07T08:00:00Z');
    expect(iso(addBusinessDays(c, ms('2026-04-02T10:00:00+02:00'), 2))).toBe('2026-04-08T08:00:00Z');
  });

  it('the Christmas–New Year stretch', () => {
    // Wed 23 Dec 15:00 CET +4h: 2h Wednesday; 24 (extra), 25, 26 (holidays), 27 (Sunday)
    // closed; Mon 28 Dec 08:00 +2h = 10:00 CET = 09:00Z.
    expect(iso(addWorkingMs(c, ms('2026-12-23T15:00:00+01:00'), 4 * H))).toBe('2026-12-28T09:00:00Z');
    // Wed 30 Dec 16:00 +2h: 1h; 31 (extra), 1 Jan, 2, 3 closed; Mon 4 Jan 09:00 CET = 08:00Z.
    expect(iso(addWorkingMs(c, ms('2026-12-30T16:00:00+01:00'), 2 * H))).toBe('2027-01-04T08:00:00Z');
    // Business days from Wed 23 Dec 10:00: 28, 29, 30 Dec, 4 Jan, 5 Jan (6 Jan is Epiphany).
    expect(iso(addBusinessDays(c, ms('2026-12-23T10:00:00+01:00'), 5))).toBe('2027-01-05T09:00:00Z');
    expect(iso(addBusinessDays(c, ms('2026-12-23T10:00:00+01:00'), 6))).toBe('2027-01-07T09:00:00Z');
    // Only 28, 29 and 30 Dec are open between 23 Dec 17:00 and 4 Jan 08:00: 27h.
    expect(workingMsBetween(c, ms('2026-12-23T17:00:00+01:00'), ms('2027-01-04T08:00:00+01:00'))).toBe(
      27 * H,
    );
  });

  it('a start at opening time on a holiday waits for the next business day', () => {
    // Fri 25 Dec 08:00: closed; the next opening is Mon 28 Dec 08:00 CET = 07:00Z.
    expect(isOpen(c, ms('2026-12-25T08:00:00+01:00'))).toBe(false);
    expect(iso(nextOpening(c, ms('2026-12-25T08:00:00+01:00')))).toBe('2026-12-28T07:00:00Z');
    expect(iso(addWorkingMs(c, ms('2026-12-25T08:00:00+01:00'), H))).toBe('2026-12-28T08:00:00Z');
    // 1bd from the next opening (Mon 08:00) = Tue 29 Dec 08:00 CET = 07:00Z.
    expect(iso(addBusinessDays(c, ms('2026-12-25T08:00:00+01:00'), 1))).toBe('2026-12-29T07:00:00Z');
  });
});

describe('starts at the edges', () => {
  const c = cal(MON_FRI);

  it('a start exactly at opening', () => {
    // Mon 28 Dec 08:00 + 9h = 17:00 the same day (= 16:00Z), not the next morning.
    expect(iso(addWorkingMs(c, ms('2026-12-28T08:00:00+01:00'), 9 * H))).toBe('2026-12-28T16:00:00Z');
    expect(isOpen(c, ms('2026-12-28T08:00:00+01:00'))).toBe(true);
    expect(iso(addBusinessDays(c, ms('2026-12-28T08:00:00+01:00'), 1))).toBe('2026-12-29T07:00:00Z');
  });

  it('a start exactly at closing counts from the next opening', () => {
    // Mon 28 Dec 17:00 is closed (intervals exclude their end): +1h = Tue 09:00 CET = 08:00Z.
    expect(isOpen(c, ms('2026-12-28T17:00:00+01:00'))).toBe(false);
    expect(iso(addWorkingMs(c, ms('2026-12-28T17:00:00+01:00'), H))).toBe('2026-12-29T08:00:00Z');
    // 1bd from the next opening, Tue 08:00 → Wed 30 Dec 08:00 CET = 07:00Z.
    expect(iso(addBusinessDays(c, ms('2026-12-28T17:00:00+01:00'), 1))).toBe('2026-12-30T07:00:00Z');
    // Fri 27 Mar 16:00 CET +2h: 1h Friday, Mon 30 Mar (now CEST) 08:00 +1h = 07:00Z.
    expect(iso(addWorkingMs(c, ms('2026-03-27T16:00:00+01:00'), 2 * H))).toBe('2026-03-30T07:00:00Z');
  });

  it('a start before opening and a start on a weekend at opening time', () => {
    // Mon 07:00 → from 08:00 → Tue 08:00 CET = 07:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-02T07:00:00+01:00'), 1))).toBe('2026-03-03T07:00:00Z');
    // Mon 18:00 → from Tue 08:00 → Wed 08:00 CET = 07:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-02T18:00:00+01:00'), 1))).toBe('2026-03-04T07:00:00Z');
    // Sat 08:00 → from Mon 9 Mar 08:00 → Tue 08:00 CET = 07:00Z.
    expect(iso(addBusinessDays(c, ms('2026-03-07T08:00:00+01:00'), 1))).toBe('2026-03-10T07:00:00Z');
    expect(iso(addWorkingMs(c, ms('2026-03-07T08:00:00+01:00'), 30 * MIN))).toBe('2026-03-09T07:30:00Z');
  });

  it('a zero target is due at the start, even outside open hours', () => {
    const saturday = ms('2026-03-07T10:00:00+01:00');
    expect(iso(addBusinessDays(c, saturday, 0))).toBe('2026-03-07T09:00:00Z');
    expect(iso(addWorkingMs(c, saturday, 0))).toBe('2026-03-07T09:00:00Z');
  });
});

describe('long targets', () => {
  it('250 business days through a year of Bavarian holidays and the Christmas stretch', () => {
    const c = cal(MON_FRI);
    // From Mon 5 Jan 2026 10:00 CET: Tue 6 Jan .. Mon 21 Dec are 50 weeks = 250 weekdays, minus
    // 7 holidays (6 Jan, 3 Apr, 6 Apr, 1 May, 14 May, 25 May, 4 Jun) = 243; then 22, 23, 28,
    // 29, 30 Dec, 4 Jan, 5 Jan 2027 are 244..250 → Tue 5 Jan 2027 10:00 CET = 09:00Z.
    expect(iso(addBusinessDays(c, ms('2026-01-05T10:00:00+01:00'), 250))).toBe('2027-01-05T09:00:00Z');
    // Without holidays (UTC, Mon-Fri): exactly 50 weeks, Mon 21 Dec 10:00Z.
    const plain = cal({ timezone: 'UTC', hours: weekdays(['08:00-17:00']) });
    expect(iso(addBusinessDays(plain, ms('2026-01-05T10:00:00Z'), 250))).toBe('2026-12-21T10:00:00Z');
    // 250 × 9h of working time from Mon 10:00 is also Mon 21 Dec 10:00 there.
    expect(iso(addWorkingMs(plain, ms('2026-01-05T10:00:00Z'), 250 * 9 * H))).toBe('2026-12-21T10:00:00Z');
  });

  it('is fast: the cost does not grow with the target', () => {
    const c = compileCalendar({ ...MON_FRI });
    const base = ms('2026-01-05T10:00:00+01:00');
    addBusinessDays(c, base, 10_000); // warm the tables (about 40 years)
    const time = (days: number) => {
      const t0 = performance.now();
      for (let i = 0; i < 2000; i++) addBusinessDays(c, base + i * 37 * MIN, days);
      return performance.now() - t0;
    };
    // 2000 clocks each; generous budgets that a day-by-day walk of 250 or 10,000 days misses.
    expect(time(250)).toBeLessThan(500);
    expect(time(10_000)).toBeLessThan(500);
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) addWorkingMs(c, base + i * 37 * MIN, 10_000 * 9 * H);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('checkCalendar', () => {
  const codes = (spec: unknown) => checkCalendar(spec as CalendarSpec).map((p) => p.code);

  it('accepts the calendars of docs/file-formats.md', () => {
    expect(checkCalendar(MON_FRI)).toEqual([]);
    expect(checkCalendar(SHOP)).toEqual([]);
    expect(checkCalendar(ALWAYS_UTC)).toEqual([]);
    // Touching ranges do not overlap.
    expect(codes({ timezone: 'UTC', hours: { mon: ['08:00-12:00', '12:00-17:00'] } })).toEqual([]);
  });

  it('reports an unknown zone', () => {
    expect(codes({ timezone: 'Europe/Atlantis', hours: 'always' })).toEqual(['config/timezone']);
    expect(codes({ timezone: '+01:00', hours: 'always' })).toEqual(['config/timezone']);
    expect(codes({ hours: 'always' })).toEqual(['config/timezone']);
  });

  it('reports an unknown holiday country or region', () => {
    expect(codes({ timezone: 'UTC', hours: 'always', holidays: { country: 'XX' } })).toEqual([
      'config/calendar-holiday-country',
    ]);
    expect(codes({ timezone: 'UTC', hours: 'always', holidays: { country: 'DE', region: 'ZZ' } })).toEqual([
      'config/calendar-holiday-region',
    ]);
    expect(codes({ timezone: 'UTC', hours: 'always', holidays: { region: 'BY' } })).toEqual([
      'config/calendar-holiday-region',
    ]);
    expect(codes({ timezone: 'UTC', hours: 'always', holidays: { dates: ['2026-02-30'] } })).toEqual([
      'config/calendar-holiday-date',
    ]);
  });

  it('reports overlapping, reversed and malformed ranges', () => {
    const overlap = checkCalendar({ timezone: 'UTC', hours: { mon: ['08:00-12:00', '11:00-17:00'] } });
    expect(overlap.map((p) => [p.code, p.path])).toEqual([['config/calendar-overlap', ['hours', 'mon', 1]]]);
    // A range ending before it starts (and nothing else open): both problems.
    expect(codes({ timezone: 'UTC', hours: { mon: ['17:00-08:00'] } })).toEqual([
      'config/calendar-range',
      'config/calendar-closed',
    ]);
    expect(codes({ timezone: 'UTC', hours: { mon: ['08:00-08:00', '09:00-17:00'] } })).toEqual([
      'config/calendar-range',
    ]);
    expect(codes({ timezone: 'UTC', hours: { mon: ['24:00-24:00', '8-17', '08:00-24:30'] } })).toEqual([
      'config/calendar-range',
      'config/calendar-range',
      'config/calendar-range',
      'config/calendar-closed',
    ]);
    expect(codes({ timezone: 'UTC', hours: { monday: ['08:00-17:00'], tue: ['08:00-17:00'] } })).toEqual([
      'config/calendar-day',
    ]);
  });

  it('reports a calendar with no open time at all', () => {
    expect(codes({ timezone: 'UTC', hours: {} })).toEqual(['config/calendar-closed']);
    expect(codes({ timezone: 'UTC', hours: { mon: [], sat: [] } })).toEqual(['config/calendar-closed']);
  });

  it('reports misshapen specs as problems instead of throwing', () => {
    const shapes: unknown[] = [
      { timezone: 'UTC', hours: null },
      { timezone: 'UTC', hours: 'sometimes' },
      { timezone: 'UTC', hours: { mon: '08:00-17:00' } },
      { timezone: 'UTC', hours: { mon: [8] } },
      { timezone: 42, hours: 'always' },
      { timezone: 'UTC', hours: 'always', holidays: { country: 49 } },
      { timezone: 'UTC', hours: 'always', holidays: { country: 'DE', region: ['BY'] } },
      { timezone: 'UTC', hours: 'always', holidays: { dates: '2026-12-24' } },
      { timezone: 'UTC', hours: 'always', holidays: 'DE' },
      null,
    ];
    for (const spec of shapes) {
      expect(() => checkCalendar(spec as CalendarSpec), JSON.stringify(spec)).not.toThrow();
      expect(checkCalendar(spec as CalendarSpec).length, JSON.stringify(spec)).toBeGreaterThan(0);
    }
  });

  it('compileCalendar refuses what checkCalendar rejects, at once', () => {
    const bad: unknown[] = [
      { timezone: 'Europe/Atlantis', hours: 'always' },
      { timezone: 'UTC', hours: {} },
      { timezone: 'UTC', hours: { mon: ['17:00-08:00'] } },
      { timezone: 'UTC', hours: { mon: ['08:00-12:00', '11:00-17:00'] } },
      { timezone: 'UTC', hours: 'always', holidays: { country: 'XX' } },
      { timezone: 'UTC', hours: { mon: '08:00-17:00' } },
    ];
    for (const spec of bad) {
      expect(() => compileCalendar(spec as CalendarSpec), JSON.stringify(spec)).toThrow(CalendarSpecError);
    }
  });

  it('rejects instants and amounts that are no numbers instead of looping', () => {
    const c = cal(MON_FRI);
    expect(() => addWorkingMs(c, Number.NaN, H)).toThrow(RangeError);
    expect(() => addWorkingMs(c, ms('2026-03-02T10:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addBusinessDays(c, ms('2026-03-02T10:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
    expect(() => workingMsBetween(c, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
