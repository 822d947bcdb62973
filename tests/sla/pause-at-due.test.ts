/**
 * A pause that begins before the due instant holds the clock, even when none of its working
 * time lies before the due (it begins in closed hours and the due is the next opening).
 * Calendar: Mon–Fri 08:00–12:00 and 13:00–17:00 America/New_York (EST = UTC−5 in January);
 * 2026-01-10 is a Saturday. Every expected instant is derived by hand next to it.
 */
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../scripts/derive/calendar/index.ts';
import type { Duration } from '../../scripts/derive/duration.ts';
import { computeTicketSla, type SlaConfig, type SlaTicket } from '../../scripts/derive/sla-clock.ts';
import { computeClock, type Interval } from '../../scripts/derive/sla-working-clock.ts';
import { iso, ms, NEW_YORK_SPLIT } from '../helpers/sla-fixtures.ts';

const cal = compileCalendar(NEW_YORK_SPLIT);
const BD = (days: number): Duration => ({ kind: 'business-days', days });
const H = (hours: number): Duration => ({ kind: 'working', minutes: hours * 60 });

/** computeClock (at_risk 0.75) with instants as ISO strings; `end` omitted: still paused. */
function clock(o: {
  start: string;
  target: Duration;
  at: string;
  stop?: string;
  pauses: [string, string?][];
}) {
  const pauses: Interval[] = o.pauses.map(([s, e]) => ({
    start: ms(s),
    end: e === undefined ? Number.POSITIVE_INFINITY : ms(e),
  }));
  const c = computeClock({
    start: ms(o.start),
    stop: o.stop === undefined ? null : ms(o.stop),
    target: o.target,
    pauses,
    calendar: cal,
    atRisk: 0.75,
    at: ms(o.at),
  });
  return {
    due: iso(c.due),
    stoppedAt: c.stoppedAt === null ? null : iso(c.stoppedAt),
    elapsedMinutes: c.elapsedMinutes,
    pausedMinutes: c.pausedMinutes,
    state: c.state,
    targetMinutes: c.targetMinutes,
  };
}

const SATURDAY_EVENING = '2026-01-10T18:14:00-05:00';

describe('a pause from closed hours over a due at an opening', () => {
  // Saturday 18:14 → next opening Mon 08:00 → 1bd = Tue 08:00 EST = 13:00Z. The target is the
  // 8 working hours of Monday, all used up by Mon 17:00. Pending Mon 18:29 → Tue 16:29.
  const base = { start: SATURDAY_EVENING, target: BD(1) };
  const pending: [string, string?] = ['2026-01-12T18:29:00-05:00', '2026-01-13T16:29:00-05:00'];

  it('without the pause the clock is due Tue 08:00 and breached a minute later', () => {
    expect(clock({ ...base, pauses: [], at: '2026-01-13T08:01:00-05:00' })).toMatchObject({
      due: '2026-01-13T13:00:00Z',
      targetMinutes: 480,
      elapsedMinutes: 481,
      state: 'breached',
    });
  });

  it('reads paused at every instant of the pause, with the due moving along with it', () => {
    const stillPending: [string, string?] = [pending[0]];
    // Mon 20:00: paused, no working time inside the pause yet; the due is still Tue 08:00.
    expect(clock({ ...base, pauses: [stillPending], at: '2026-01-12T20:00:00-05:00' })).toMatchObject({
      due: '2026-01-13T13:00:00Z',
      elapsedMinutes: 480,
      pausedMinutes: 0,
      state: 'paused',
    });
    // Tue 08:00, the unpaused due itself: paused, due 08:00.
    expect(clock({ ...base, pauses: [stillPending], at: '2026-01-13T08:00:00-05:00' })).toMatchObject({
      due: '2026-01-13T13:00:00Z',
      state: 'paused',
    });
    // Tue 10:00: 0 working time left, so the due is "now" while the pause lasts; 2h paused.
    expect(clock({ ...base, pauses: [stillPending], at: '2026-01-13T10:00:00-05:00' })).toMatchObject({
      due: '2026-01-13T15:00:00Z',
      elapsedMinutes: 480,
      pausedMinutes: 120,
      state: 'paused',
    });
    // Tue 16:28: paused 08–12 + 13–16:28 = 448 minutes.
    expect(clock({ ...base, pauses: [stillPending], at: '2026-01-13T16:28:00-05:00' })).toMatchObject({
      due: '2026-01-13T21:28:00Z',
      pausedMinutes: 448,
      state: 'paused',
    });
  });

  it('is due when it resumes with nothing left: Tue 16:29', () => {
    // At the resume instant: not past due; 480 ≥ 0.75 × 480 → at risk.
    expect(clock({ ...base, pauses: [pending], at: '2026-01-13T16:29:00-05:00' })).toMatchObject({
      due: '2026-01-13T21:29:00Z',
      elapsedMinutes: 480,
      pausedMinutes: 449,
      state: 'at-risk',
    });
    expect(clock({ ...base, pauses: [pending], at: '2026-01-13T16:45:00-05:00' })).toMatchObject({
      due: '2026-01-13T21:29:00Z',
      elapsedMinutes: 496,
      pausedMinutes: 449,
      state: 'breached',
    });
    const resolvedAt = (stop: string) =>
      clock({ ...base, pauses: [pending], stop, at: '2026-01-14T12:00:00-05:00' }).state;
    expect(resolvedAt('2026-01-13T16:29:00-05:00')).toBe('met');
    expect(resolvedAt('2026-01-13T16:30:00-05:00')).toBe('breached');
  });

  it('a pause over in closed hours before the due changes nothing', () => {
    // Pending Mon 18:29 → Mon 23:00: no working time paused, the clock is not held at 08:00.
    const evening: [string, string?] = [pending[0], '2026-01-12T23:00:00-05:00'];
    expect(clock({ ...base, pauses: [evening], at: '2026-01-13T08:01:00-05:00' })).toMatchObject({
      due: '2026-01-13T13:00:00Z',
      pausedMinutes: 0,
      state: 'breached',
    });
  });

  it('a pause that begins at the due does not hold it', () => {
    const atDue: [string, string?] = ['2026-01-13T08:00:00-05:00'];
    expect(clock({ ...base, pauses: [atDue], at: '2026-01-13T09:00:00-05:00' })).toMatchObject({
      due: '2026-01-13T13:00:00Z',
      state: 'breached',
    });
  });
});

describe('a pause in the lunch break over a due at the afternoon opening', () => {
  // Mon 12:30 is closed → from the 13:00 opening, 1bd = Tue 13:00 EST = 18:00Z.
  // Target: Mon 13–17 + Tue 08–12 = 480 minutes. Pending Tue 12:15 → Tue 14:00.
  const base = { start: '2026-01-12T12:30:00-05:00', target: BD(1) };
  const lunch: [string, string?] = ['2026-01-13T12:15:00-05:00', '2026-01-13T14:00:00-05:00'];

  it('is paused in the pause and due when it resumes', () => {
    expect(clock({ ...base, pauses: [[lunch[0]]], at: '2026-01-13T13:30:00-05:00' })).toMatchObject({
      due: '2026-01-13T18:30:00Z',
      targetMinutes: 480,
      elapsedMinutes: 480,
      pausedMinutes: 30,
      state: 'paused',
    });
    expect(clock({ ...base, pauses: [lunch], at: '2026-01-13T14:00:00-05:00' })).toMatchObject({
      due: '2026-01-13T19:00:00Z',
      pausedMinutes: 60,
      state: 'at-risk',
    });
    expect(clock({ ...base, pauses: [lunch], at: '2026-01-13T14:01:00-05:00' })).toMatchObject({
      due: '2026-01-13T19:00:00Z',
      elapsedMinutes: 481,
      state: 'breached',
    });
  });

  it('a lunch-break pause that ends before the opening changes nothing', () => {
    const short: [string, string?] = [lunch[0], '2026-01-13T12:45:00-05:00'];
    expect(clock({ ...base, pauses: [short], at: '2026-01-13T13:01:00-05:00' })).toMatchObject({
      due: '2026-01-13T18:00:00Z',
      pausedMinutes: 0,
      state: 'breached',
    });
  });
});

describe('working-hour targets: the due is the closing, never the next opening', () => {
  // 4h from Saturday evening: Mon 08:00–12:00, due at the 12:00 closing (17:00Z), the earliest
  // instant with 4 working hours, not at the 13:00 opening.
  const base = { start: SATURDAY_EVENING, target: H(4) };

  it('a pause that begins in the lunch break begins after the due: breached', () => {
    const afterDue: [string, string?] = ['2026-01-12T12:30:00-05:00', '2026-01-12T14:00:00-05:00'];
    expect(clock({ ...base, pauses: [afterDue], at: '2026-01-12T12:45:00-05:00' })).toMatchObject({
      due: '2026-01-12T17:00:00Z',
      elapsedMinutes: 240,
      pausedMinutes: 0,
      state: 'breached',
    });
  });

  it('a pause that begins in closed hours before the due pushes it by its working time', () => {
    // Pending Sun 20:00 → Mon 10:00: 2h of Monday morning paused → 12:00 + 2h of working time =
    // 13:00–15:00 → Mon 15:00 EST = 20:00Z.
    const sunday: [string, string?] = ['2026-01-11T20:00:00-05:00', '2026-01-12T10:00:00-05:00'];
    // While still pending at Mon 09:00: 1h paused so far → 12:00 + 1h = 14:00 EST = 19:00Z.
    expect(clock({ ...base, pauses: [[sunday[0]]], at: '2026-01-12T09:00:00-05:00' })).toMatchObject({
      due: '2026-01-12T19:00:00Z',
      elapsedMinutes: 0,
      pausedMinutes: 60,
      state: 'paused',
    });
    expect(clock({ ...base, pauses: [sunday], at: '2026-01-12T15:00:00-05:00' })).toMatchObject({
      due: '2026-01-12T20:00:00Z',
      elapsedMinutes: 240,
      pausedMinutes: 120,
      state: 'at-risk',
    });
    expect(clock({ ...base, pauses: [sunday], at: '2026-01-12T15:01:00-05:00' }).state).toBe('breached');
  });
});

// ---------------------------------------------------------------------------------------------
// Tickets: the JSON fields of `opsbook sla --format json`

const CONFIG: SlaConfig = {
  calendars: { 'ny-split': NEW_YORK_SPLIT },
  sla: {
    policies: {
      office: {
        calendar: 'ny-split',
        pause_statuses: ['pending'],
        at_risk: 0.75,
        targets: { P2: { response: '1h', resolution: '1bd' } },
      },
    },
    default: 'office',
  },
};

/** Reported Saturday evening, acknowledged Monday 08:10, pending Mon 18:29 → Tue 16:29. */
const PENDING_OVERNIGHT: SlaTicket = {
  id: 'INC-2026-0100',
  kind: 'incident',
  status: 'investigating',
  priority: 'P2',
  reported_at: SATURDAY_EVENING,
  acknowledged_at: '2026-01-12T08:10:00-05:00',
  timeline: [
    { at: SATURDAY_EVENING, status: 'new' },
    { at: '2026-01-12T08:10:00-05:00', status: 'investigating' },
    { at: '2026-01-12T18:29:00-05:00', status: 'pending' },
    { at: '2026-01-13T16:29:00-05:00', status: 'investigating' },
  ],
};

/** Resolved Mon 18:29 (closed hours, before the Tue 08:00 due), reopened Tue 16:29. */
const REOPENED_OVERNIGHT: SlaTicket = {
  ...PENDING_OVERNIGHT,
  id: 'INC-2026-0101',
  resolved_at: '2026-01-12T18:29:00-05:00',
  timeline: [
    { at: SATURDAY_EVENING, status: 'new' },
    { at: '2026-01-12T08:10:00-05:00', status: 'investigating' },
    { at: '2026-01-12T18:29:00-05:00', status: 'resolved' },
    { at: '2026-01-13T16:29:00-05:00', status: 'investigating' },
  ],
};

const resolutionAt = (ticket: SlaTicket, at: string) => {
  const entry = computeTicketSla(ticket, CONFIG, ms(at));
  return { status: entry.status, resolution: JSON.parse(JSON.stringify(entry.resolution)) as unknown };
};

describe('computeTicketSla: pending from closed hours over the due', () => {
  const start = '2026-01-10T23:14:00Z';

  it('the JSON while pending on Tuesday: paused, never breached', () => {
    expect(resolutionAt(PENDING_OVERNIGHT, '2026-01-13T08:30:00-05:00')).toEqual({
      status: 'pending',
      resolution: {
        start,
        due: '2026-01-13T13:30:00Z',
        stoppedAt: null,
        elapsedMinutes: 480,
        pausedMinutes: 30,
        state: 'paused',
      },
    });
    expect(resolutionAt(PENDING_OVERNIGHT, '2026-01-13T15:00:00-05:00')).toEqual({
      status: 'pending',
      resolution: {
        start,
        due: '2026-01-13T20:00:00Z',
        stoppedAt: null,
        elapsedMinutes: 480,
        pausedMinutes: 360,
        state: 'paused',
      },
    });
  });

  it('the JSON after the resume: due Tue 16:29, breached from then on', () => {
    expect(resolutionAt(PENDING_OVERNIGHT, '2026-01-13T16:29:00-05:00')).toEqual({
      status: 'investigating',
      resolution: {
        start,
        due: '2026-01-13T21:29:00Z',
        stoppedAt: null,
        elapsedMinutes: 480,
        pausedMinutes: 449,
        state: 'at-risk',
      },
    });
    // Wed 09:00: Tue 16:29–17:00 (31) + Wed 08:00–09:00 (60) past the target.
    expect(resolutionAt(PENDING_OVERNIGHT, '2026-01-14T09:00:00-05:00')).toEqual({
      status: 'investigating',
      resolution: {
        start,
        due: '2026-01-13T21:29:00Z',
        stoppedAt: null,
        elapsedMinutes: 571,
        pausedMinutes: 449,
        state: 'breached',
      },
    });
  });
});

describe('computeTicketSla: resolved in closed hours, reopened after the due', () => {
  const start = '2026-01-10T23:14:00Z';

  it('met while resolved', () => {
    expect(resolutionAt(REOPENED_OVERNIGHT, '2026-01-13T10:00:00-05:00')).toEqual({
      status: 'resolved',
      resolution: {
        start,
        due: '2026-01-13T13:00:00Z',
        stoppedAt: '2026-01-12T23:29:00Z',
        elapsedMinutes: 480,
        pausedMinutes: 0,
        state: 'met',
      },
    });
  });

  it('runs on from the reopen with nothing left: due at the reopen, then breached', () => {
    expect(resolutionAt(REOPENED_OVERNIGHT, '2026-01-13T16:29:00-05:00')).toEqual({
      status: 'investigating',
      resolution: {
        start,
        due: '2026-01-13T21:29:00Z',
        stoppedAt: null,
        elapsedMinutes: 480,
        pausedMinutes: 449,
        state: 'at-risk',
      },
    });
    expect(resolutionAt(REOPENED_OVERNIGHT, '2026-01-13T16:45:00-05:00')).toEqual({
      status: 'investigating',
      resolution: {
        start,
        due: '2026-01-13T21:29:00Z',
        stoppedAt: null,
        elapsedMinutes: 496,
        pausedMinutes: 449,
        state: 'breached',
      },
    });
  });

  it('resolved again at the reopen instant is met, a minute later breached', () => {
    const again = (resolved: string): SlaTicket => ({
      ...REOPENED_OVERNIGHT,
      status: 'resolved',
      resolved_at: resolved,
      timeline: [...(REOPENED_OVERNIGHT.timeline ?? []), { at: resolved, status: 'resolved' }],
    });
    expect(resolutionAt(again('2026-01-13T16:29:30-05:00'), '2026-01-14T12:00:00Z')).toMatchObject({
      resolution: { due: '2026-01-13T21:29:00Z', stoppedAt: '2026-01-13T21:29:30Z', state: 'breached' },
    });
    expect(resolutionAt(again('2026-01-13T16:29:00-05:00'), '2026-01-14T12:00:00Z')).toMatchObject({
      resolution: { due: '2026-01-13T21:29:00Z', stoppedAt: '2026-01-13T21:29:00Z', state: 'met' },
    });
  });
});
