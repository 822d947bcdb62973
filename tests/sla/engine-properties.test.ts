/**
 * Properties of the SLA engine that must hold for any start, target and pauses, on calendars
 * with DST changes, split hours, night shifts, holidays and 24/7 (fast-check, fixed seeds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addWorkingMs,
  type CalendarSpec,
  compileCalendar,
  isOpen,
  nextOpening,
  workingMsBetween,
} from '../../scripts/derive/calendar/index.ts';
import type { Duration } from '../../scripts/derive/duration.ts';
import { computeClock, type Interval } from '../../scripts/derive/sla-working-clock.ts';
import {
  ALWAYS_BERLIN,
  ALWAYS_UTC,
  BERLIN_SUNDAY_NIGHT,
  FULL_DAYS_SYDNEY,
  H,
  MIN,
  MON_FRI,
  ms,
  NEW_YORK_OFFICE,
  SHOP,
  SYDNEY_SUNDAY_NIGHT,
  UTC_NIGHT_SHIFT,
  weekdays,
} from '../helpers/sla-fixtures.ts';

const SPECS: Record<string, CalendarSpec> = {
  'mon-fri': MON_FRI,
  shop: SHOP,
  'new-york': { ...NEW_YORK_OFFICE, holidays: { country: 'US' } },
  'sydney-office': {
    timezone: 'Australia/Sydney',
    hours: weekdays(['08:30-12:00', '13:00-17:30']),
    holidays: { country: 'AU', region: 'NSW' },
  },
  'berlin-sunday-night': BERLIN_SUNDAY_NIGHT,
  'sydney-sunday-night': SYDNEY_SUNDAY_NIGHT,
  'utc-night-shift': UTC_NIGHT_SHIFT,
  'berlin-dst-hour': { timezone: 'Europe/Berlin', hours: { sun: ['02:00-03:00'], sat: ['23:00-24:00'] } },
  'always-berlin': ALWAYS_BERLIN,
  'always-utc': ALWAYS_UTC,
  'full-days-sydney': FULL_DAYS_SYDNEY,
};
const CALENDARS = Object.fromEntries(Object.entries(SPECS).map(([id, spec]) => [id, compileCalendar(spec)]));
const calendarId = fc.constantFrom(...Object.keys(SPECS));

const FROM = ms('2024-01-01T00:00:00Z');
const TO = ms('2029-01-01T00:00:00Z');
/** Any millisecond 2024-2028; half the time a whole minute, so edges (openings, DST) are hit. */
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: FROM / MIN, max: TO / MIN }).map((m) => m * MIN),
  // Near the 2026 DST changes of Berlin, New York and Sydney.
  fc
    .constantFrom(
      '2026-03-29T01:00:00Z',
      '2026-10-25T01:00:00Z',
      '2026-03-08T07:00:00Z',
      '2026-10-03T16:00:00Z',
    )
    .chain((t) => fc.integer({ min: -48 * 60, max: 48 * 60 }).map((m) => ms(t) + m * MIN)),
);
/** Working time up to 400 hours, in ms (whole minutes half the time). */
const workMs = fc.oneof(
  fc.integer({ min: 0, max: 400 * H }),
  fc.integer({ min: 0, max: 400 * 60 }).map((m) => m * MIN),
);
const pauseArb = fc
  .record({
    offset: fc.integer({ min: -24 * 60, max: 400 * 60 }),
    length: fc.integer({ min: 0, max: 120 * 60 }),
  })
  .map(({ offset, length }) => ({ offset: offset * MIN, length: length * MIN }));

const RUNS = { seed: 20260302, numRuns: 300 };

describe('working time (property)', () => {
  it('workingMsBetween(start, addWorkingMs(start, d)) === d, and the result is the earliest such instant', () => {
    fc.assert(
      fc.property(calendarId, instant, workMs, (id, start, d) => {
        const cal = CALENDARS[id] as (typeof CALENDARS)[string];
        const due = addWorkingMs(cal, start, d);
        expect(workingMsBetween(cal, start, due)).toBe(d);
        if (d > 0) expect(workingMsBetween(cal, start, due - 1)).toBe(d - 1);
        else expect(due).toBe(start);
      }),
      RUNS,
    );
  });

  it('working time adds up over consecutive spans', () => {
    fc.assert(
      fc.property(calendarId, instant, instant, instant, (id, x, y, z) => {
        const cal = CALENDARS[id] as (typeof CALENDARS)[string];
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(workingMsBetween(cal, a, c)).toBe(workingMsBetween(cal, a, b) + workingMsBetween(cal, b, c));
      }),
      RUNS,
    );
  });

  it('nextOpening is open, not earlier, and no working time lies before it', () => {
    fc.assert(
      fc.property(calendarId, instant, (id, t) => {
        const cal = CALENDARS[id] as (typeof CALENDARS)[string];
        const open = nextOpening(cal, t);
        expect(open).toBeGreaterThanOrEqual(t);
        expect(isOpen(cal, open)).toBe(true);
        expect(workingMsBetween(cal, t, open)).toBe(0);
        if (open > t) expect(isOpen(cal, t)).toBe(false);
      }),
      RUNS,
    );
  });

  it('addWorkingMs is monotone in the amount', () => {
    fc.assert(
      fc.property(calendarId, instant, workMs, workMs, (id, start, d1, d2) => {
        const cal = CALENDARS[id] as (typeof CALENDARS)[string];
        const [small, large] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addWorkingMs(cal, start, small)).toBeLessThanOrEqual(addWorkingMs(cal, start, large));
      }),
      RUNS,
    );
  });
});

describe('business days (property)', () => {
  it('addBusinessDays strictly increases with N and lands inside or at the end of open hours', () => {
    fc.assert(
      fc.property(calendarId, instant, fc.integer({ min: 0, max: 40 }), (id, start, n) => {
        const cal = CALENDARS[id] as (typeof CALENDARS)[string];
        const a = addBusinessDays(cal, start, n);
        const b = addBusinessDays(cal, start, n + 1);
        expect(a).toBeLessThan(b);
        expect(a).toBeGreaterThanOrEqual(start);
        expect(isOpen(cal, b) || isOpen(cal, b - 1)).toBe(true);
        // N business days hold at least N-1 days' worth of opening: never less working time
        // than N-1 and never zero for N >= 1.
        expect(workingMsBetween(cal, start, b)).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('adding one business day to the N-day due lands on the (N+1)-day due when both keep the time of day', () => {
    // On a 24/7 calendar every local time is open, so N+1 days = 1 day after N days.
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (start, n) => {
        const cal = CALENDARS['always-utc'] as (typeof CALENDARS)[string];
        expect(addBusinessDays(cal, addBusinessDays(cal, start, n), 1)).toBe(
          addBusinessDays(cal, start, n + 1),
        );
        expect(addBusinessDays(cal, start, n)).toBe(start + n * 24 * H);
      }),
      RUNS,
    );
  });
});

describe('clocks (property)', () => {
  const target = fc.oneof(
    fc.integer({ min: 0, max: 200 * 60 }).map((minutes): Duration => ({ kind: 'working', minutes })),
    fc.integer({ min: 0, max: 20 }).map((days): Duration => ({ kind: 'business-days', days })),
  );
  const clock = (id: string, start: number, t: Duration, pauses: Interval[], at: number) =>
    computeClock({
      start,
      stop: null,
      target: t,
      pauses,
      calendar: CALENDARS[id] as (typeof CALENDARS)[string],
      atRisk: 0.75,
      at,
    });
  const toIntervals = (start: number, ps: { offset: number; length: number }[]) =>
    ps.map((p) => ({ start: start + p.offset, end: start + p.offset + p.length }));
  const FAR = 800 * 24 * H;

  it('the due never moves earlier when the target grows', () => {
    fc.assert(
      fc.property(
        calendarId,
        instant,
        fc.integer({ min: 0, max: 200 * 60 }),
        fc.integer({ min: 0, max: 200 * 60 }),
        fc.array(pauseArb, { maxLength: 4 }),
        (id, start, m1, m2, ps) => {
          const pauses = toIntervals(start, ps);
          const [small, large] = m1 <= m2 ? [m1, m2] : [m2, m1];
          const a = clock(id, start, { kind: 'working', minutes: small }, pauses, start + FAR);
          const b = clock(id, start, { kind: 'working', minutes: large }, pauses, start + FAR);
          expect(a.due).toBeLessThanOrEqual(b.due);
        },
      ),
      RUNS,
    );
  });

  it('the due never moves earlier when a pause is added', () => {
    fc.assert(
      fc.property(
        calendarId,
        instant,
        target,
        fc.array(pauseArb, { maxLength: 3 }),
        pauseArb,
        fc.integer({ min: 0, max: 600 * 60 }),
        (id, start, t, ps, extra, atOffset) => {
          const pauses = toIntervals(start, ps);
          const at = start + atOffset * MIN;
          const without = clock(id, start, t, pauses, at);
          const withPause = clock(id, start, t, [...pauses, ...toIntervals(start, [extra])], at);
          expect(withPause.due).toBeGreaterThanOrEqual(without.due);
          // A breach is never undone by a pause that begins after the due.
          if (without.state === 'breached' && start + extra.offset >= without.due) {
            expect(withPause.due).toBe(without.due);
            expect(withPause.state).toBe('breached');
          }
        },
      ),
      RUNS,
    );
  });

  it('a pause that begins before the due holds the clock for as long as it lasts', () => {
    fc.assert(
      fc.property(
        calendarId,
        instant,
        target,
        fc.array(pauseArb, { maxLength: 3 }),
        fc.integer({ min: 0, max: 400 * 60 }),
        fc.integer({ min: 0, max: 600 * 60 }),
        (id, start, t, ps, pauseOffset, later) => {
          const pauses = toIntervals(start, ps);
          const pauseStart = start + pauseOffset * MIN;
          const before = clock(id, start, t, pauses, pauseStart);
          fc.pre(pauseStart < before.due);
          const open = { start: pauseStart, end: Number.POSITIVE_INFINITY };
          const held = clock(id, start, t, [...pauses, open], pauseStart + later * MIN);
          // Even when none of the pause's working time lies before the due (closed hours up to
          // an opening due): a paused clock cannot run out.
          expect(held.state).toBe('paused');
          expect(held.due).toBeGreaterThanOrEqual(before.due);
        },
      ),
      RUNS,
    );
  });

  it('with all pauses over, the unpaused working time up to the due is the target', () => {
    fc.assert(
      fc.property(calendarId, instant, target, fc.array(pauseArb, { maxLength: 4 }), (id, start, t, ps) => {
        const cal = CALENDARS[id] as (typeof CALENDARS)[string];
        const pauses = toIntervals(start, ps);
        const c = clock(id, start, t, pauses, start + FAR);
        // Paused working time inside [start, due), pauses merged.
        const sorted = pauses
          .map((p) => ({ start: Math.max(p.start, start), end: Math.min(p.end, c.due) }))
          .filter((p) => p.end > p.start)
          .sort((p, q) => p.start - q.start);
        let paused = 0;
        let covered = Number.NEGATIVE_INFINITY;
        for (const p of sorted) {
          const from = Math.max(p.start, covered);
          if (p.end > from) paused += workingMsBetween(cal, from, p.end);
          covered = Math.max(covered, p.end);
        }
        const unpaused = workingMsBetween(cal, start, c.due) - paused;
        if (t.kind === 'working') expect(unpaused).toBe(t.minutes * MIN);
        else expect(unpaused).toBe(workingMsBetween(cal, start, addBusinessDays(cal, start, t.days)));
        expect(c.elapsedMinutes).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

describe('tables grown in any order', () => {
  it('give the same answers as a freshly compiled calendar', () => {
    // The day table grows forwards and backwards on demand; answers must not depend on the
    // order of the questions.
    fc.assert(
      fc.property(
        calendarId,
        fc.array(fc.tuple(instant, workMs), { minLength: 1, maxLength: 6 }),
        (id, queries) => {
          const warm = CALENDARS[id] as (typeof CALENDARS)[string];
          for (const [start, d] of queries) {
            const fresh = compileCalendar({ ...(SPECS[id] as CalendarSpec) });
            expect(addWorkingMs(warm, start, d)).toBe(addWorkingMs(fresh, start, d));
          }
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});
