/**
 * Working time told in business days and the rest, as `Nbd` targets count them. Calendars:
 * Mon–Fri 08:00–17:00 Europe/Berlin with DE/BY holidays (2026-03-02 is a Monday; Good Friday
 * 2026-04-03 and Easter Monday 2026-04-06 are holidays), and Mon–Fri 08–12 + 13–17 New York.
 */
import { describe, expect, it } from 'vitest';
import { businessSpan } from '../../scripts/derive/business-span.ts';
import { addBusinessDays, compileCalendar, wholeBusinessDays } from '../../scripts/derive/calendar/index.ts';
import {
  ALWAYS_SYDNEY,
  BERLIN_SUNDAY_NIGHT,
  FULL_DAYS_NEW_YORK,
  H,
  MIN,
  MON_FRI,
  ms,
  NEW_YORK_SPLIT,
  SHOP,
  UTC_NIGHT_SHIFT,
} from '../helpers/sla-fixtures.ts';

const monFri = compileCalendar(MON_FRI);
const newYork = compileCalendar(NEW_YORK_SPLIT);
const span = (from: string, to: string, cal = monFri) => businessSpan(cal, ms(from), ms(to));

describe('businessSpan', () => {
  it('counts whole business days, then the working time after the last one', () => {
    // Mon 13:00 + 1bd = Tue 13:00 ≤ Wed 09:00 < Wed 13:00; Tue 13–17 + Wed 08–09 = 5h.
    expect(span('2026-03-02T13:00:00+01:00', '2026-03-04T09:00:00+01:00')).toEqual({
      days: 1,
      workingMs: 5 * H,
    });
    // Exactly two business days, nothing more.
    expect(span('2026-03-02T10:00:00+01:00', '2026-03-04T10:00:00+01:00')).toEqual({ days: 2, workingMs: 0 });
  });

  it('less than a business day over a weekend is working time only', () => {
    // Fri 16:00 + 1bd = Mon 16:00 > Mon 10:00: Fri 16–17 + Mon 08–10 = 3h.
    expect(span('2026-03-06T16:00:00+01:00', '2026-03-09T10:00:00+01:00')).toEqual({
      days: 0,
      workingMs: 3 * H,
    });
  });

  it('skips holidays the way a business-day target does', () => {
    // Thu 2 Apr 10:00 + 1bd = Tue 7 Apr 10:00 (Good Friday and Easter Monday are closed).
    expect(span('2026-04-02T10:00:00+02:00', '2026-04-07T10:00:00+02:00')).toEqual({ days: 1, workingMs: 0 });
  });

  it('from closed hours counts from the next opening', () => {
    // Sat 10:00 → Mon 08:00; +1bd = Tue 08:00 ≤ Tue 09:00 < Wed 08:00 → 1bd 1h.
    expect(span('2026-03-07T10:00:00+01:00', '2026-03-10T09:00:00+01:00')).toEqual({
      days: 1,
      workingMs: 1 * H,
    });
  });

  it('on split hours the lunch break is no working time', () => {
    // Mon 11:30 + 1bd = Tue 11:30 ≤ Tue 14:15: Tue 11:30–12:00 + 13:00–14:15 = 1h 45m.
    expect(span('2026-01-12T11:30:00-05:00', '2026-01-13T14:15:00-05:00', newYork)).toEqual({
      days: 1,
      workingMs: 105 * MIN,
    });
  });

  it('is zero when the end is not after the start', () => {
    const t = '2026-03-02T10:00:00+01:00';
    expect(span(t, t)).toEqual({ days: 0, workingMs: 0 });
    expect(span(t, '2026-03-02T09:00:00+01:00')).toEqual({
      days: 0,
      workingMs: 0,
    });
  });

  it('finds hundreds of business days exactly', () => {
    const from = ms('2026-03-02T10:00:00+01:00');
    const far = addBusinessDays(monFri, from, 500);
    expect(businessSpan(monFri, from, far)).toEqual({
      days: 500,
      workingMs: 0,
    });
    // A minute short of the 500th: 499 days and all but a minute of a 9-hour day.
    expect(businessSpan(monFri, from, far - MIN)).toEqual({
      days: 499,
      workingMs: 9 * H - MIN,
    });
  });

  it('counts the days as adding them one by one does, on every kind of calendar', () => {
    // The day table's count of business days, checked against the definition: the most N with
    // addBusinessDays(from, N) ≤ to, found by adding one day after the other. Starts and ends
    // at any minute (closed hours, weekends, holidays, DST changes in Berlin, New York and
    // Sydney), spans up to 400 days.
    const calendars = [
      MON_FRI,
      NEW_YORK_SPLIT,
      SHOP,
      UTC_NIGHT_SHIFT,
      BERLIN_SUNDAY_NIGHT,
      FULL_DAYS_NEW_YORK,
      ALWAYS_SYDNEY,
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const start = ms('2025-10-01T00:00:00Z');
    for (const spec of calendars) {
      const cal = compileCalendar(spec);
      for (let k = 0; k < 60; k++) {
        const from = start + Math.floor(random() * 500 * 24 * 60) * MIN;
        const to = from + Math.floor(random() * (k % 3 === 0 ? 3 * 24 * 60 : 400 * 24 * 60)) * MIN;
        let days = 0;
        while (addBusinessDays(cal, from, days + 1) <= to) days++;
        expect(wholeBusinessDays(cal, from, to)).toBe(days);
        expect(businessSpan(cal, from, to).days).toBe(days);
      }
      expect(wholeBusinessDays(cal, start, start)).toBe(0);
      expect(wholeBusinessDays(cal, start, start - H)).toBe(0);
    }
  });
});
