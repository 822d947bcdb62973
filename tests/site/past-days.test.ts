/**
 * The status page's past incidents (the last 14 local days, each with what began on it) and the
 * archive's months, by local date in the organisation's zone.
 */
import { describe, expect, it } from 'vitest';
import { localDate } from '../../scripts/model/zone-offsets.ts';
import { byMonth, pastDays } from '../../scripts/present/site/past-days.ts';
import { ticket } from '../helpers/site-model.ts';

const ZONE = 'Europe/Berlin';

describe('past days', () => {
  it('reads the local date in the zone', () => {
    expect(localDate(Date.parse('2026-11-09T23:30:00Z'), ZONE)).toBe('2026-11-10');
    expect(localDate(Date.parse('2026-11-09T22:59:00Z'), ZONE)).toBe('2026-11-09');
    expect(localDate(Date.parse('2026-07-09T22:30:00Z'), ZONE)).toBe('2026-07-10');
  });

  it('lists 14 days newest first, with the tickets that began on each and nothing for the others', () => {
    const late = ticket({ id: 'INC-2026-0002', title: 'Late', startedAt: '2026-11-09T23:30:00Z' });
    const early = ticket({ id: 'INC-2026-0001', title: 'Early', startedAt: '2026-11-09T08:00:00Z' });
    const old = ticket({ id: 'INC-2026-0000', title: 'Old', startedAt: '2026-10-01T08:00:00Z' });
    const done = ticket({
      id: 'MNT-2026-0001',
      kind: 'maintenance',
      title: 'Done',
      status: 'completed',
      startedAt: '2026-11-08T06:00:00Z',
      scheduledFor: '2026-11-08T06:00:00Z',
    });
    const days = pastDays([late, early, old, done], '2026-11-10T09:00:00Z', ZONE);
    expect(days).toHaveLength(14);
    expect(days[0]?.date).toBe('2026-11-10');
    expect(days[13]?.date).toBe('2026-10-28');
    expect(days.map((d) => d.tickets.map((t) => t.id)).slice(0, 4)).toEqual([
      ['INC-2026-0002'],
      ['INC-2026-0001'],
      ['MNT-2026-0001'],
      [],
    ]);
    expect(days.flatMap((d) => d.tickets).map((t) => t.id)).not.toContain('INC-2026-0000');
  });

  it('leaves out maintenance still to come and cancelled maintenance', () => {
    const upcoming = ticket({
      id: 'MNT-2026-0002',
      kind: 'maintenance',
      title: 'Soon',
      status: 'scheduled',
      upcoming: true,
      scheduledFor: '2026-11-10T20:00:00Z',
    });
    const cancelled = ticket({
      id: 'MNT-2026-0003',
      kind: 'maintenance',
      title: 'Off',
      cancelled: true,
      scheduledFor: '2026-11-09T06:00:00Z',
    });
    const days = pastDays([upcoming, cancelled], '2026-11-10T09:00:00Z', ZONE);
    expect(days.every((d) => d.tickets.length === 0)).toBe(true);
  });

  it('groups the archive by local month, in the given order', () => {
    const list = [
      ticket({ id: 'INC-2026-0003', title: 'c', startedAt: '2026-11-30T23:30:00Z' }),
      ticket({ id: 'INC-2026-0002', title: 'b', startedAt: '2026-11-02T08:00:00Z' }),
      ticket({ id: 'INC-2026-0001', title: 'a', startedAt: '2026-10-31T23:30:00Z' }),
      ticket({ id: 'INC-2025-0009', title: 'z', startedAt: '2025-10-02T08:00:00Z' }),
    ];
    expect(byMonth(list, ZONE).map((g) => [g.month, g.tickets.map((t) => t.id)])).toEqual([
      ['2026-12', ['INC-2026-0003']],
      ['2026-11', ['INC-2026-0002', 'INC-2026-0001']],
      ['2025-10', ['INC-2025-0009']],
    ]);
  });
});
