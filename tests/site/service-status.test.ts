/**
 * The status page's derived data (docs/status-page.md). Instants are written with explicit
 * offsets and compared as UTC ISO strings; expected figures are derived by hand next to each
 * case. The suite also runs under TZ=Pacific/Chatham and must give the same results.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overallStatus } from '../../scripts/derive/component-severity.ts';
import { serviceHistory } from '../../scripts/derive/service-history.ts';
import {
  type EffectSpan,
  effectSpans,
  impactOf,
  isPublished,
  serviceStatusAt,
} from '../../scripts/derive/service-status.ts';
import type { StatusTicket } from '../../scripts/derive/status-timeline.ts';
import { ticketPhase, updateStatuses } from '../../scripts/derive/ticket-phase.ts';
import { iso, ms } from '../helpers/sla-fixtures.ts';

/** Spans as `[ticket, service, effect, start, end]` with ISO instants (`open` for Infinity). */
function view(spans: readonly EffectSpan[]) {
  return spans.map((s) => [
    s.ticket,
    s.service,
    s.effect,
    iso(s.start),
    s.end === Number.POSITIVE_INFINITY ? 'open' : iso(s.end),
  ]);
}

/** ticketPhase with ISO instants. */
function phase(t: StatusTicket, at: string) {
  const p = ticketPhase(t, ms(at));
  const time = (x: number | null) => (x === null ? null : iso(x));
  return {
    ...p,
    startedAt: iso(p.startedAt),
    monitoringAt: time(p.monitoringAt),
    resolvedAt: time(p.resolvedAt),
  };
}

/** Every span of some tickets as known at `at`. */
const spansAt = (tickets: readonly StatusTicket[], at: string) =>
  tickets.flatMap((t) => effectSpans(t, ms(at)));
const statusAt = (tickets: readonly StatusTicket[], service: string, at: string) =>
  serviceStatusAt(spansAt(tickets, at), service, ms(at));

const incident: StatusTicket = {
  id: 'INC-2026-0101',
  kind: 'incident',
  status: 'resolved',
  services: [{ id: 'web', effect: 'major_outage' }, 'mail'],
  detected_at: '2026-03-02T09:50:00Z',
  reported_at: '2026-03-02T10:00:00Z',
  resolved_at: '2026-03-02T11:30:00Z',
  timeline: [
    { at: '2026-03-02T10:00:00Z', status: 'investigating', public: 'We are looking into it.' },
    { at: '2026-03-02T10:30:00Z', status: 'identified' },
    { at: '2026-03-02T10:40:00Z', public: 'A failed disk; the array is rebuilding.' },
    { at: '2026-03-02T11:00:00Z', status: 'monitoring', public: 'Fixed, watching.' },
    { at: '2026-03-02T11:30:00Z', status: 'resolved', public: 'Resolved.' },
  ],
};

describe('incidents', () => {
  it('has no effect before it started', () => {
    expect(effectSpans(incident, ms('2026-03-02T09:49:00Z'))).toEqual([]);
    expect(phase(incident, '2026-03-02T09:49:00Z')).toMatchObject({ status: 'investigating', active: false });
  });

  it('is open from the earliest of detected_at and reported_at while not resolved at `at`', () => {
    // The resolution at 11:30 lies after `at`: not known yet, the span is open.
    expect(view(effectSpans(incident, ms('2026-03-02T10:45:00Z')))).toEqual([
      ['INC-2026-0101', 'web', 'major_outage', '2026-03-02T09:50:00Z', 'open'],
    ]);
    expect(statusAt([incident], 'web', '2026-03-02T09:50:00Z')).toBe('major_outage');
    expect(statusAt([incident], 'mail', '2026-03-02T10:45:00Z')).toBe('operational'); // listed, no effect
    expect(phase(incident, '2026-03-02T10:45:00Z')).toEqual({
      status: 'identified',
      active: true,
      upcoming: false,
      cancelled: false,
      overrunning: false,
      startedAt: '2026-03-02T09:50:00Z',
      monitoringAt: null,
      resolvedAt: null,
    });
  });

  it('keeps its effect while monitoring', () => {
    expect(statusAt([incident], 'web', '2026-03-02T11:29:00Z')).toBe('major_outage');
    expect(phase(incident, '2026-03-02T11:15:00Z')).toMatchObject({
      status: 'monitoring',
      active: true,
      monitoringAt: '2026-03-02T11:00:00Z',
    });
  });

  it('ends at the resolution', () => {
    expect(view(effectSpans(incident, ms('2026-03-02T12:00:00Z')))).toEqual([
      ['INC-2026-0101', 'web', 'major_outage', '2026-03-02T09:50:00Z', '2026-03-02T11:30:00Z'],
    ]);
    expect(statusAt([incident], 'web', '2026-03-02T11:30:00Z')).toBe('operational');
    expect(phase(incident, '2026-03-02T12:00:00Z')).toEqual({
      status: 'resolved',
      active: false,
      upcoming: false,
      cancelled: false,
      overrunning: false,
      startedAt: '2026-03-02T09:50:00Z',
      monitoringAt: '2026-03-02T11:00:00Z',
      resolvedAt: '2026-03-02T11:30:00Z',
    });
  });

  it('is postmortem once resolved with a published review', () => {
    const reviewed = { ...incident, review: { publish: true } };
    expect(phase(reviewed, '2026-03-02T12:00:00Z').status).toBe('postmortem');
    expect(phase(reviewed, '2026-03-02T11:00:00Z').status).toBe('monitoring');
  });

  it('takes the resolution from resolved_at, else closed_at, without a timeline', () => {
    const bare: StatusTicket = {
      id: 'INC-2026-0102',
      kind: 'incident',
      status: 'closed',
      services: [{ id: 'web', effect: 'partial_outage' }],
      reported_at: '2026-03-02T10:00:00+01:00',
      resolved_at: '2026-03-02T10:20:00+01:00',
      closed_at: '2026-03-03T10:00:00+01:00',
    };
    expect(view(effectSpans(bare, ms('2026-03-04T00:00:00Z')))).toEqual([
      ['INC-2026-0102', 'web', 'partial_outage', '2026-03-02T09:00:00Z', '2026-03-02T09:20:00Z'],
    ]);
    const { resolved_at: _, ...closedOnly } = bare;
    expect(view(effectSpans(closedOnly, ms('2026-03-04T00:00:00Z')))).toEqual([
      ['INC-2026-0102', 'web', 'partial_outage', '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z'],
    ]);
    // Open status without timeline: open until a resolution is known.
    const open: StatusTicket = {
      ...bare,
      status: 'identified',
      resolved_at: undefined,
      closed_at: undefined,
    };
    expect(view(effectSpans(open, ms('2026-03-04T00:00:00Z')))).toEqual([
      ['INC-2026-0102', 'web', 'partial_outage', '2026-03-02T09:00:00Z', 'open'],
    ]);
    expect(phase(open, '2026-03-04T00:00:00Z')).toMatchObject({ status: 'identified', active: true });
  });

  it('starts a new span when reopened, until the next resolution', () => {
    const reopened: StatusTicket = {
      id: 'INC-2026-0103',
      kind: 'incident',
      status: 'resolved',
      services: [{ id: 'vpn', effect: 'major_outage' }],
      reported_at: '2026-03-05T10:00:00Z',
      resolved_at: '2026-03-05T12:30:00Z',
      timeline: [
        { at: '2026-03-05T10:00:00Z', status: 'investigating' },
        { at: '2026-03-05T11:00:00Z', status: 'resolved' },
        { at: '2026-03-05T12:00:00Z', status: 'investigating', public: 'The fault is back.' },
        { at: '2026-03-05T12:30:00Z', status: 'resolved' },
      ],
    };
    expect(view(effectSpans(reopened, ms('2026-03-05T11:30:00Z')))).toEqual([
      ['INC-2026-0103', 'vpn', 'major_outage', '2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z'],
    ]);
    expect(phase(reopened, '2026-03-05T11:30:00Z')).toMatchObject({
      status: 'resolved',
      active: false,
      resolvedAt: '2026-03-05T11:00:00Z',
    });
    expect(view(effectSpans(reopened, ms('2026-03-05T12:15:00Z')))).toEqual([
      ['INC-2026-0103', 'vpn', 'major_outage', '2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z'],
      ['INC-2026-0103', 'vpn', 'major_outage', '2026-03-05T12:00:00Z', 'open'],
    ]);
    expect(phase(reopened, '2026-03-05T12:15:00Z')).toMatchObject({
      status: 'investigating',
      active: true,
      resolvedAt: null,
    });
    expect(view(effectSpans(reopened, ms('2026-03-05T13:00:00Z')))).toEqual([
      ['INC-2026-0103', 'vpn', 'major_outage', '2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z'],
      ['INC-2026-0103', 'vpn', 'major_outage', '2026-03-05T12:00:00Z', '2026-03-05T12:30:00Z'],
    ]);
    expect(phase(reopened, '2026-03-05T13:00:00Z').resolvedAt).toBe('2026-03-05T12:30:00Z');
    expect(statusAt([reopened], 'vpn', '2026-03-05T11:30:00Z')).toBe('operational');
  });

  it('ends at a cancellation', () => {
    const falseAlarm: StatusTicket = {
      id: 'INC-2026-0104',
      kind: 'incident',
      status: 'cancelled',
      services: [{ id: 'web', effect: 'degraded_performance' }],
      reported_at: '2026-03-06T08:00:00Z',
      timeline: [
        { at: '2026-03-06T08:00:00Z', status: 'new' },
        { at: '2026-03-06T08:10:00Z', status: 'cancelled' },
      ],
    };
    expect(view(effectSpans(falseAlarm, ms('2026-03-07T00:00:00Z')))).toEqual([
      ['INC-2026-0104', 'web', 'degraded_performance', '2026-03-06T08:00:00Z', '2026-03-06T08:10:00Z'],
    ]);
    expect(phase(falseAlarm, '2026-03-07T00:00:00Z')).toMatchObject({ status: 'resolved', active: false });
  });

  it('lets the worst of overlapping tickets win; a maintenance never hides an outage', () => {
    const slow: StatusTicket = {
      id: 'INC-2026-0110',
      kind: 'incident',
      status: 'resolved',
      services: [{ id: 'web', effect: 'degraded_performance' }],
      reported_at: '2026-03-09T10:00:00Z',
      resolved_at: '2026-03-09T12:00:00Z',
    };
    const down: StatusTicket = {
      id: 'INC-2026-0111',
      kind: 'incident',
      status: 'resolved',
      services: [{ id: 'web', effect: 'major_outage' }],
      reported_at: '2026-03-09T11:00:00Z',
      resolved_at: '2026-03-09T11:30:00Z',
    };
    const works: StatusTicket = {
      id: 'MNT-2026-0110',
      kind: 'maintenance',
      status: 'scheduled',
      services: ['web'],
      reported_at: '2026-03-01T10:00:00Z',
      scheduled_for: '2026-03-09T10:30:00Z',
      scheduled_until: '2026-03-09T13:00:00Z',
    };
    const all = [slow, down, works];
    const at = (time: string) => statusAt(all, 'web', `2026-03-09T${time}:00Z`);
    expect(at('09:59')).toBe('operational');
    expect(at('10:15')).toBe('degraded_performance');
    expect(at('10:45')).toBe('degraded_performance'); // maintenance ranks below degraded
    expect(at('11:00')).toBe('major_outage');
    expect(at('11:29')).toBe('major_outage');
    expect(at('11:30')).toBe('degraded_performance');
    expect(at('12:00')).toBe('under_maintenance');
    expect(at('13:00')).toBe('operational');
  });
});

describe('maintenance', () => {
  // 22:00-02:00 CET = 21:00Z-01:00Z.
  const planned: StatusTicket = {
    id: 'MNT-2026-0001',
    kind: 'maintenance',
    status: 'scheduled',
    services: ['mail', { id: 'web', effect: 'partial_outage' }, { id: 'wiki', effect: 'operational' }],
    reported_at: '2026-03-10T10:00:00+01:00',
    scheduled_for: '2026-03-21T22:00:00+01:00',
    scheduled_until: '2026-03-22T02:00:00+01:00',
    timeline: [{ at: '2026-03-10T10:00:00+01:00', status: 'scheduled', public: 'Planned upgrade.' }],
  };
  const withEntries = (...entries: NonNullable<StatusTicket['timeline']>): StatusTicket => ({
    ...planned,
    timeline: [...(planned.timeline ?? []), ...entries],
  });

  it('changes nothing before its window and starts and ends on time, to the minute', () => {
    expect(statusAt([planned], 'mail', '2026-03-21T20:59:00Z')).toBe('operational');
    expect(phase(planned, '2026-03-21T20:59:00Z')).toEqual({
      status: 'scheduled',
      active: false,
      upcoming: true,
      cancelled: false,
      overrunning: false,
      startedAt: '2026-03-21T21:00:00Z',
      monitoringAt: null,
      resolvedAt: null,
    });
    expect(statusAt([planned], 'mail', '2026-03-21T21:00:00Z')).toBe('under_maintenance');
    expect(statusAt([planned], 'web', '2026-03-21T21:00:00Z')).toBe('partial_outage'); // its given effect
    expect(statusAt([planned], 'wiki', '2026-03-21T21:00:00Z')).toBe('operational');
    expect(phase(planned, '2026-03-21T21:00:00Z')).toMatchObject({
      status: 'in_progress',
      active: true,
      upcoming: false,
    });
    expect(statusAt([planned], 'mail', '2026-03-22T00:59:00Z')).toBe('under_maintenance');
    expect(statusAt([planned], 'mail', '2026-03-22T01:00:00Z')).toBe('operational');
    expect(phase(planned, '2026-03-22T01:00:00Z')).toMatchObject({
      status: 'completed',
      active: false,
      resolvedAt: '2026-03-22T01:00:00Z',
    });
    // The planned window is known before it starts.
    expect(view(effectSpans(planned, ms('2026-03-15T00:00:00Z')))).toEqual([
      ['MNT-2026-0001', 'mail', 'under_maintenance', '2026-03-21T21:00:00Z', '2026-03-22T01:00:00Z'],
      ['MNT-2026-0001', 'web', 'partial_outage', '2026-03-21T21:00:00Z', '2026-03-22T01:00:00Z'],
    ]);
  });

  it('starts early with an in-progress entry before the window', () => {
    const early = withEntries({ at: '2026-03-21T21:45:00+01:00', status: 'in-progress' });
    expect(statusAt([early], 'mail', '2026-03-21T20:44:00Z')).toBe('operational');
    expect(statusAt([early], 'mail', '2026-03-21T20:45:00Z')).toBe('under_maintenance');
    expect(phase(early, '2026-03-21T20:50:00Z')).toMatchObject({
      status: 'in_progress',
      active: true,
      upcoming: false,
      startedAt: '2026-03-21T20:45:00Z',
    });
  });

  it('ends early at completion and is verifying while monitored', () => {
    const quick = withEntries(
      { at: '2026-03-21T22:00:00+01:00', status: 'in-progress' },
      { at: '2026-03-22T00:30:00+01:00', status: 'monitoring' },
      { at: '2026-03-22T01:10:00+01:00', status: 'completed' },
    );
    expect(phase(quick, '2026-03-21T23:45:00Z')).toMatchObject({
      status: 'verifying',
      active: true,
      monitoringAt: '2026-03-21T23:30:00Z',
    });
    expect(statusAt([quick], 'mail', '2026-03-22T00:09:00Z')).toBe('under_maintenance');
    expect(statusAt([quick], 'mail', '2026-03-22T00:10:00Z')).toBe('operational');
    expect(view(effectSpans(quick, ms('2026-03-23T00:00:00Z')))[0]).toEqual([
      'MNT-2026-0001',
      'mail',
      'under_maintenance',
      '2026-03-21T21:00:00Z',
      '2026-03-22T00:10:00Z',
    ]);
    expect(phase(quick, '2026-03-22T00:15:00Z')).toMatchObject({
      status: 'completed',
      resolvedAt: '2026-03-22T00:10:00Z',
    });
  });

  it('overruns while still in progress after its window, until completed', () => {
    const overrun = withEntries(
      { at: '2026-03-21T22:00:00+01:00', status: 'in-progress' },
      { at: '2026-03-22T02:40:00+01:00', status: 'completed' },
    );
    expect(view(effectSpans(overrun, ms('2026-03-22T01:30:00Z')))[0]?.slice(3)).toEqual([
      '2026-03-21T21:00:00Z',
      'open',
    ]);
    expect(statusAt([overrun], 'mail', '2026-03-22T01:30:00Z')).toBe('under_maintenance');
    expect(phase(overrun, '2026-03-22T01:30:00Z')).toMatchObject({
      status: 'in_progress',
      active: true,
      overrunning: true,
    });
    // Inside its window it runs as planned.
    expect(phase(overrun, '2026-03-21T23:00:00Z')).toMatchObject({ active: true, overrunning: false });
    expect(statusAt([overrun], 'mail', '2026-03-22T01:40:00Z')).toBe('operational');
    expect(view(effectSpans(overrun, ms('2026-03-22T02:00:00Z')))[0]?.slice(3)).toEqual([
      '2026-03-21T21:00:00Z',
      '2026-03-22T01:40:00Z',
    ]);
    expect(phase(overrun, '2026-03-22T02:00:00Z')).toMatchObject({
      status: 'completed',
      active: false,
      overrunning: false,
      resolvedAt: '2026-03-22T01:40:00Z',
    });
  });

  it('has no span when cancelled before its window, and ends at a cancellation inside it', () => {
    const cancelled = withEntries({
      at: '2026-03-20T09:00:00+01:00',
      status: 'cancelled',
      public: 'Postponed.',
    });
    expect(phase(cancelled, '2026-03-19T00:00:00Z')).toMatchObject({ status: 'scheduled', upcoming: true });
    expect(effectSpans(cancelled, ms('2026-03-21T00:00:00Z'))).toEqual([]);
    expect(statusAt([cancelled], 'mail', '2026-03-21T22:00:00Z')).toBe('operational');
    expect(phase(cancelled, '2026-03-21T00:00:00Z')).toEqual({
      status: 'completed',
      active: false,
      upcoming: false,
      cancelled: true,
      overrunning: false,
      startedAt: '2026-03-21T21:00:00Z',
      monitoringAt: null,
      resolvedAt: '2026-03-20T08:00:00Z',
    });
    const aborted = withEntries(
      { at: '2026-03-21T22:00:00+01:00', status: 'in-progress' },
      { at: '2026-03-21T23:00:00+01:00', status: 'cancelled' },
    );
    expect(view(effectSpans(aborted, ms('2026-03-23T00:00:00Z')))[0]?.slice(3)).toEqual([
      '2026-03-21T21:00:00Z',
      '2026-03-21T22:00:00Z',
    ]);
    expect(phase(aborted, '2026-03-23T00:00:00Z')).toMatchObject({ status: 'completed', cancelled: true });
  });
});

describe('update statuses and impact', () => {
  it('gives each timeline entry the status in force right after it', () => {
    expect(updateStatuses(incident)).toEqual([
      'investigating',
      'identified',
      'identified',
      'monitoring',
      'resolved',
    ]);
    // A published review makes the incident postmortem, not its resolved update.
    expect(updateStatuses({ ...incident, review: { publish: true } })[4]).toBe('resolved');
  });

  it('gives maintenance updates the window phase of their moment', () => {
    const mnt: StatusTicket = {
      id: 'MNT-2025-0001',
      kind: 'maintenance',
      status: 'completed',
      services: [{ id: 'mail', effect: 'under_maintenance' }],
      reported_at: '2025-03-10T10:00:00+01:00',
      scheduled_for: '2025-03-22T18:00:00+01:00',
      scheduled_until: '2025-03-22T22:00:00+01:00',
      resolved_at: '2025-03-22T21:10:00+01:00',
      timeline: [
        { at: '2025-03-10T10:00:00+01:00', status: 'scheduled', public: 'Announced.' },
        { at: '2025-03-22T18:00:00+01:00', status: 'in-progress', public: 'Started.' },
        { at: '2025-03-22T19:35:00+01:00', public: 'Half way.' },
        { at: '2025-03-22T20:30:00+01:00', status: 'monitoring' },
        { at: '2025-03-22T21:10:00+01:00', status: 'completed', public: 'Done.' },
      ],
    };
    expect(updateStatuses(mnt)).toEqual([
      'scheduled',
      'in_progress',
      'in_progress',
      'verifying',
      'completed',
    ]);
  });

  it('maps the worst effect to the impact', () => {
    const withEffects = (
      ...effects: ('major_outage' | 'partial_outage' | 'degraded_performance' | 'operational')[]
    ) => impactOf({ ...incident, services: effects.map((effect, i) => ({ id: `s${i}`, effect })) }, null);
    expect(withEffects('degraded_performance', 'major_outage')).toBe('critical');
    expect(withEffects('partial_outage', 'degraded_performance')).toBe('major');
    expect(withEffects('degraded_performance')).toBe('minor');
    expect(withEffects('operational')).toBe('none');
    expect(impactOf({ ...incident, services: ['web'] }, null)).toBe('none');
    // A maintenance's impact follows its effect too; under maintenance alone is no impact.
    expect(impactOf({ ...incident, kind: 'maintenance', services: ['web'] }, null)).toBe('none');
    expect(
      impactOf({ ...incident, kind: 'maintenance', services: [{ id: 'web', effect: 'major_outage' }] }, null),
    ).toBe('critical');
    expect(
      impactOf(
        { ...incident, kind: 'maintenance', services: [{ id: 'web', effect: 'partial_outage' }] },
        null,
      ),
    ).toBe('major');
  });

  it('takes the public impact from the public services only', () => {
    const mixed: StatusTicket = {
      ...incident,
      services: [
        { id: 'web', effect: 'degraded_performance' },
        { id: 'backup', effect: 'major_outage' },
      ],
    };
    expect(impactOf(mixed, new Set(['web', 'mail']))).toBe('minor');
    expect(impactOf(mixed, null)).toBe('critical');
    // Only an internal service affected: nothing to tell the public about its effect.
    expect(
      impactOf({ ...mixed, services: [{ id: 'backup', effect: 'major_outage' }] }, new Set(['web'])),
    ).toBe('none');
  });
});

describe('publication', () => {
  const publicServices = new Set(['web', 'mail']);
  const base: StatusTicket = {
    id: 'INC-2026-0200',
    kind: 'incident',
    status: 'resolved',
    reported_at: '2026-03-02T10:00:00Z',
  };

  it('publishes incidents with an effect on a public service, or with public text', () => {
    expect(isPublished({ ...base, services: [{ id: 'web', effect: 'major_outage' }] }, publicServices)).toBe(
      true,
    );
    expect(isPublished({ ...base, services: ['web'] }, publicServices)).toBe(false);
    expect(isPublished({ ...base, services: [{ id: 'web', effect: 'operational' }] }, publicServices)).toBe(
      false,
    );
    const told = { ...base, services: ['web'], timeline: [{ at: base.reported_at, public: 'Slow logins.' }] };
    expect(isPublished(told, publicServices)).toBe(true);
    const blank = { ...base, services: ['web'], timeline: [{ at: base.reported_at, public: '  ' }] };
    expect(isPublished(blank, publicServices)).toBe(false);
  });

  it('never publishes tickets on internal services only', () => {
    const internal = { ...base, services: [{ id: 'erp', effect: 'major_outage' as const }] };
    expect(isPublished(internal, publicServices)).toBe(false);
    expect(
      isPublished({ ...internal, timeline: [{ at: base.reported_at, public: 'Down.' }] }, publicServices),
    ).toBe(false);
    // The effect is on the internal service; the public one is only named.
    expect(
      isPublished({ ...base, services: [{ id: 'erp', effect: 'major_outage' }, 'web'] }, publicServices),
    ).toBe(false);
    expect(isPublished({ ...base, services: [] }, publicServices)).toBe(false);
  });

  it('never publishes service requests or problems', () => {
    const loud = {
      services: [{ id: 'web', effect: 'major_outage' as const }],
      timeline: [{ at: base.reported_at, public: 'Text.' }],
    };
    expect(isPublished({ ...base, ...loud, kind: 'service-request' }, publicServices)).toBe(false);
    expect(isPublished({ ...base, ...loud, kind: 'problem' }, publicServices)).toBe(false);
    expect(
      effectSpans({ ...base, ...loud, kind: 'problem', status: 'new' }, ms('2026-03-03T00:00:00Z')),
    ).toEqual([]);
  });

  it('publishes maintenance on a public service, without effect or text', () => {
    const mnt: StatusTicket = { ...base, id: 'MNT-2026-0200', kind: 'maintenance', status: 'scheduled' };
    expect(isPublished({ ...mnt, services: ['mail'] }, publicServices)).toBe(true);
    expect(isPublished({ ...mnt, services: ['erp'] }, publicServices)).toBe(false);
  });
});

describe('history', () => {
  // Europe/Berlin: 2026-03-28 has 24 h (CET), 2026-03-29 23 h (CEST from 02:00), `at` is
  // 2026-03-30 10:00 CEST, so the last day has 10 h so far.
  const zone = 'Europe/Berlin';
  const at = ms('2026-03-30T10:00:00+02:00');
  const span = (
    ticket: string,
    effect: EffectSpan['effect'],
    start: string,
    end: string | null,
  ): EffectSpan => ({
    ticket,
    service: 'web',
    effect,
    start: ms(start),
    end: end === null ? Number.POSITIVE_INFINITY : ms(end),
  });
  const spans: EffectSpan[] = [
    // Began before the range: 00:00-01:00 on the 28th counts (60 min degraded).
    span('INC-G', 'degraded_performance', '2026-03-27T20:00:00+01:00', '2026-03-28T01:00:00+01:00'),
    span('INC-A', 'partial_outage', '2026-03-28T02:00:00+01:00', '2026-03-28T04:00:00+01:00'), // 120 min
    span('INC-B', 'degraded_performance', '2026-03-28T10:00:00+01:00', '2026-03-28T12:00:00+01:00'),
    span('INC-C', 'major_outage', '2026-03-28T11:00:00+01:00', '2026-03-28T11:30:00+01:00'), // hides 30 of B
    // Across midnight and the DST change: 23:30 CET to 04:00 CEST = 3 h 30 min real time,
    // 30 min on the 28th and 180 min on the 29th, of which D's 60 min major outage wins.
    span('MNT-X', 'under_maintenance', '2026-03-28T23:30:00+01:00', '2026-03-29T04:00:00+02:00'),
    span('INC-D', 'major_outage', '2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00'), // 60 min real
    span('INC-E', 'partial_outage', '2026-03-30T02:00:00+02:00', '2026-03-30T04:00:00+02:00'), // 120 min
    span('INC-F', 'degraded_performance', '2026-03-30T09:00:00+02:00', null), // open: 60 min up to `at`
    span('MNT-Y', 'under_maintenance', '2026-03-30T12:00:00+02:00', '2026-03-30T14:00:00+02:00'), // after `at`
    {
      ...span('INC-Z', 'major_outage', '2026-03-28T00:00:00+01:00', '2026-03-29T00:00:00+01:00'),
      service: 'mail',
    },
  ];

  it('counts minutes of the worst status per local day, in real elapsed time', () => {
    const { days, availability } = serviceHistory(spans, 'web', at, zone, 3);
    expect(days).toEqual([
      {
        date: '2026-03-28',
        worst: 'major_outage',
        minutes: { major_outage: 30, partial_outage: 120, degraded_performance: 150, under_maintenance: 30 },
        // 100 × (1 − (30 + 0.3 × 120) / 1440) = 95.41666…
        availability: 95.417,
        tickets: ['INC-A', 'INC-B', 'INC-C', 'INC-G', 'MNT-X'],
      },
      {
        date: '2026-03-29',
        worst: 'major_outage',
        minutes: { major_outage: 60, partial_outage: 0, degraded_performance: 0, under_maintenance: 120 },
        // A 23-hour day: 100 × (1 − 60 / 1380) = 95.65217… (not 95.833 of a 24-hour day).
        availability: 95.652,
        tickets: ['INC-D', 'MNT-X'],
      },
      {
        date: '2026-03-30',
        worst: 'partial_outage',
        minutes: { major_outage: 0, partial_outage: 120, degraded_performance: 60, under_maintenance: 0 },
        // Partial outage weighs 30 %, over the 600 minutes up to `at`: 100 × (1 − 36 / 600) = 94.
        availability: 94,
        tickets: ['INC-E', 'INC-F'],
      },
    ]);
    // Over the range, not the mean of the days: 24 + 23 + 10 h = 3420 min;
    // 100 × (1 − (90 + 0.3 × 240) / 3420) = 95.26315…
    expect(availability).toBe(95.263);
  });

  it('covers 90 days ending with the date of `at` by default', () => {
    const { days, availability } = serviceHistory(spans, 'web', at, zone);
    expect(days).toHaveLength(90);
    expect(days[0]?.date).toBe('2025-12-31');
    expect(days[89]?.date).toBe('2026-03-30');
    expect(days[0]).toEqual({
      date: '2025-12-31',
      worst: 'operational',
      minutes: { major_outage: 0, partial_outage: 0, degraded_performance: 0, under_maintenance: 0 },
      availability: 100,
      tickets: [],
    });
    // 89 full days, one of them 23 h, plus 10 h: 2145 h = 128700 min;
    // 100 × (1 − 162 / 128700) = 99.87412…
    expect(availability).toBe(99.874);
  });

  it('is fully available for a service without spans, and the day of `at` counts only up to `at`', () => {
    const { days, availability } = serviceHistory(spans, 'dns', at, zone, 2);
    expect(days.map((d) => [d.date, d.worst, d.availability])).toEqual([
      ['2026-03-29', 'operational', 100],
      ['2026-03-30', 'operational', 100],
    ]);
    expect(availability).toBe(100);
    const mail = serviceHistory(spans, 'mail', ms('2026-03-28T06:00:00+01:00'), zone, 1);
    expect(mail.days[0]).toMatchObject({ minutes: { major_outage: 360 }, availability: 0 });
  });
});

describe('overall status', () => {
  it("uses Statuspage's indicators and descriptions", () => {
    expect(overallStatus(['operational', 'major_outage', 'partial_outage'])).toEqual({
      indicator: 'critical',
      description: 'Major System Outage',
    });
    expect(overallStatus(['partial_outage', 'under_maintenance'])).toEqual({
      indicator: 'major',
      description: 'Partial System Outage',
    });
    expect(overallStatus(['degraded_performance', 'under_maintenance'])).toEqual({
      indicator: 'minor',
      description: 'Minor Service Outage',
    });
    expect(overallStatus(['operational', 'under_maintenance'])).toEqual({
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
    });
    expect(overallStatus(['operational', 'operational'])).toEqual({
      indicator: 'none',
      description: 'All Systems Operational',
    });
    expect(overallStatus([])).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });
});

/** The modules of the status page's rules. */
const STATUS_SOURCES = [
  'component-severity.ts',
  'service-history.ts',
  'service-status.ts',
  'status-timeline.ts',
  'ticket-phase.ts',
];

describe('sources', () => {
  for (const file of STATUS_SOURCES) {
    it(`${file} uses no local-time Date methods and no wall clock`, () => {
      const text = readFileSync(new URL(`../../scripts/derive/${file}`, import.meta.url), 'utf8');
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const pattern of [
        /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(/,
        /\.getTimezoneOffset\(/,
        /\.toLocale\w*\(/,
        /\.to(Date|Time)String\(/,
        /new Date\(/,
        /Date\.now\(/,
      ]) {
        expect(code).not.toMatch(pattern);
      }
    });
  }
});
