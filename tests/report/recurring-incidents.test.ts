/**
 * Recurring incidents as problem candidates (scripts/derive/recurrence.ts): the sliding window
 * against a brute-force reference, the window's edges, grouping, the period, and the command.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateTitle,
  DEFAULT_RECURRENCE,
  findProblemCandidates,
  newProblemCommand,
  type RecurrenceIncident,
  type RecurrenceSettings,
  recurrenceSettings,
  shellQuote,
} from '../../scripts/derive/recurrence.ts';
import { countsForRecurrence, type ReportTicket } from '../../scripts/derive/report.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

function incident(id: string, day: number, fields: Partial<RecurrenceIncident> = {}): RecurrenceIncident {
  return { id, reportedMs: T0 + day * DAY, services: ['mail'], cause: 'auto-update', ...fields };
}

const SETTINGS: RecurrenceSettings = { minCount: 3, windowDays: 90, groupBy: ['service', 'cause'] };

describe('findProblemCandidates', () => {
  it('finds three incidents of one service and cause within the window', () => {
    const found = findProblemCandidates(
      [
        incident('INC-2026-0003', 80),
        incident('INC-2026-0001', 0),
        incident('INC-2026-0002', 30),
        incident('INC-2026-0004', 10, { cause: 'hardware' }),
        incident('INC-2026-0005', 20, { services: ['vpn'] }),
      ],
      SETTINGS,
    );
    expect(found).toEqual([
      {
        key: { service: 'mail', cause: 'auto-update' },
        incidents: [
          incident('INC-2026-0001', 0),
          incident('INC-2026-0002', 30),
          incident('INC-2026-0003', 80),
        ],
        maxInWindow: 3,
        firstMs: T0,
        lastMs: T0 + 80 * DAY,
      },
    ]);
  });

  it('counts a window of exactly window_days, not one a millisecond longer', () => {
    const exact = [incident('A', 0), incident('B', 45), incident('C', 90)];
    expect(findProblemCandidates(exact, SETTINGS)).toHaveLength(1);
    const longer = [
      incident('A', 0),
      incident('B', 45),
      { ...incident('C', 90), reportedMs: T0 + 90 * DAY + 1 },
    ];
    expect(findProblemCandidates(longer, SETTINGS)).toEqual([]);
  });

  it('lists only the incidents that lie in a full window', () => {
    const found = findProblemCandidates(
      [incident('A', 0), incident('B', 200), incident('C', 220), incident('D', 250), incident('E', 500)],
      SETTINGS,
    );
    expect(found.map((c) => c.incidents.map((i) => i.id))).toEqual([['B', 'C', 'D']]);
  });

  it('puts an incident with several services into each service group; one without the cause into none', () => {
    const found = findProblemCandidates(
      [
        incident('A', 0, { services: ['mail', 'vpn'] }),
        incident('B', 1, { services: ['mail', 'vpn', 'vpn'] }),
        incident('C', 2, { services: ['vpn', 'mail'] }),
        incident('D', 3, { cause: null }),
        incident('E', 4, { cause: null }),
      ],
      SETTINGS,
    );
    expect(found.map((c) => [c.key, c.incidents.length])).toEqual([
      [{ service: 'mail', cause: 'auto-update' }, 3],
      [{ service: 'vpn', cause: 'auto-update' }, 3],
    ]);
  });

  it('groups by what opsbook.yaml says', () => {
    const byCiCategory = recurrenceSettings({
      problems: { recurrence: { min_count: 2, window_days: 7, group_by: ['ci', 'category'] } },
    });
    expect(byCiCategory).toEqual({ minCount: 2, windowDays: 7, groupBy: ['ci', 'category'] });
    expect(recurrenceSettings({})).toEqual(DEFAULT_RECURRENCE);
    const found = findProblemCandidates(
      [
        incident('A', 0, { ci: 'srv-01', category: 'server', services: ['mail'] }),
        incident('B', 6, { ci: 'srv-01', category: 'server', services: ['erp'], cause: 'hardware' }),
        incident('C', 6, { ci: 'srv-02', category: 'server' }),
      ],
      byCiCategory,
    );
    expect(found.map((c) => [c.key, c.incidents.map((i) => i.id)])).toEqual([
      [{ ci: 'srv-01', category: 'server' }, ['A', 'B']],
    ]);
  });

  it('reports a group only when an incident of it lies in the period', () => {
    const list = [incident('A', 0), incident('B', 10), incident('C', 20), incident('D', 400)];
    expect(findProblemCandidates(list, SETTINGS, (i) => i.id === 'D')).toEqual([]);
    expect(findProblemCandidates(list, SETTINGS, (i) => i.id === 'C')).toHaveLength(1);
  });

  it('sorts by size, then key', () => {
    const list = [
      ...['A', 'B', 'C'].map((id, i) => incident(`vpn-${id}`, i, { services: ['vpn'] })),
      ...['A', 'B', 'C', 'D'].map((id, i) => incident(`web-${id}`, i, { services: ['web'] })),
      ...['A', 'B', 'C'].map((id, i) => incident(`erp-${id}`, i, { services: ['erp'] })),
    ];
    expect(findProblemCandidates(list, SETTINGS).map((c) => c.key.service)).toEqual(['web', 'erp', 'vpn']);
  });

  it('agrees with a brute-force search over every window', () => {
    const arb = fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 60 }),
        service: fc.constantFrom('mail', 'vpn'),
        cause: fc.constantFrom('auto-update', 'hardware'),
        current: fc.boolean(),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(
        arb,
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 20 }),
        (specs, minCount, windowDays) => {
          const list = specs.map((s, i) => ({
            ...incident(`INC-2026-${String(i).padStart(4, '0')}`, s.day, {
              services: [s.service],
              cause: s.cause,
            }),
            current: s.current,
          }));
          const settings = { minCount, windowDays, groupBy: SETTINGS.groupBy };
          const actual = findProblemCandidates(list, settings, (i) => i.current)
            .map(
              (c) =>
                `${c.key.service}/${c.key.cause}:${c.incidents
                  .map((i) => i.id)
                  .sort()
                  .join(',')}`,
            )
            .sort();
          const expected: string[] = [];
          for (const service of ['mail', 'vpn']) {
            for (const cause of ['auto-update', 'hardware']) {
              const group = list.filter((i) => i.services[0] === service && i.cause === cause);
              const members = group.filter((i) =>
                group.some(
                  (start) =>
                    start.reportedMs <= i.reportedMs &&
                    i.reportedMs - start.reportedMs <= windowDays * DAY &&
                    group.filter(
                      (x) =>
                        x.reportedMs >= start.reportedMs &&
                        x.reportedMs <= start.reportedMs + windowDays * DAY,
                    ).length >= minCount,
                ),
              );
              if (members.length > 0 && members.some((m) => m.current)) {
                expected.push(
                  `${service}/${cause}:${members
                    .map((m) => m.id)
                    .sort()
                    .join(',')}`,
                );
              }
            }
          }
          expect(actual).toEqual(expected.sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles a large group without comparing every pair', () => {
    const list = Array.from({ length: 200_000 }, (_, i) =>
      incident(`INC-${i}`, i / 1000, { services: ['mail', 'vpn'] }),
    );
    const found = findProblemCandidates(list, SETTINGS);
    expect(found.map((c) => c.incidents.length)).toEqual([200_000, 200_000]);
    expect(found[0]?.maxInWindow).toBe(90_001);
  });
});

describe('countsForRecurrence', () => {
  const base: ReportTicket = {
    id: 'INC-2026-0001',
    title: 'x',
    kind: 'incident',
    status: 'resolved',
    reported_at: '2026-01-01T10:00:00Z',
  };
  it('counts real incidents that are not linked to a problem record', () => {
    expect(countsForRecurrence(base)).toBe(true);
    expect(countsForRecurrence({ ...base, problem: 'PRB-2026-0001' })).toBe(false);
    expect(countsForRecurrence({ ...base, duplicate_of: 'INC-2026-0002' })).toBe(false);
    expect(countsForRecurrence({ ...base, status: 'cancelled' })).toBe(false);
    expect(countsForRecurrence({ ...base, kind: 'service-request' })).toBe(false);
  });
});

describe('the command that opens the problem record', () => {
  const names = {
    service: (id: string) => (id === 'mail' ? 'E-mail' : id),
    customer: (id: string) => `Customer ${id}`,
  };
  const candidate = (key: Record<string, string>) => ({
    key,
    incidents: [],
    maxInWindow: 3,
    firstMs: 0,
    lastMs: 0,
  });

  it('names the shared values in the title', () => {
    expect(candidateTitle(candidate({ service: 'mail', cause: 'auto-update' }), names)).toBe(
      'Recurring auto-update incidents on E-mail',
    );
    expect(candidateTitle(candidate({ ci: 'srv-01', category: 'server' }), names)).toBe(
      'Recurring server incidents on srv-01',
    );
    expect(
      candidateTitle(candidate({ customer: 'acme', service: 'mail', cause: 'x', category: 'y' }), names),
    ).toBe('Recurring x incidents on E-mail at Customer acme, category y');
  });

  it('quotes every word for the shell', () => {
    expect(shellQuote('mail')).toBe('mail');
    expect(shellQuote("it's $(rm -rf /) `x`")).toBe(`'it'\\''s $(rm -rf /) \`x\`'`);
    expect(shellQuote('two\nlines')).toBe("'two lines'");
    expect(newProblemCommand("Recurring 'x' incidents", ['mail', 'vpn'])).toBe(
      "opsbook new problem --title 'Recurring '\\''x'\\'' incidents' --service mail --service vpn",
    );
  });
});
