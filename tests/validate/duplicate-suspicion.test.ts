/**
 * Duplicate suspicion: the same service, overlapping time, reported within a day, similar
 * titles, not linked: a warning on the later ticket naming the earlier one.
 */
import { describe, expect, it } from 'vitest';
import {
  type DuplicateFacts,
  similarity,
  suspectDuplicates,
  titleWords,
} from '../../scripts/derive/duplicate-suspicion.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T08:00:00Z');
function ticket(
  id: string,
  title: string,
  start: number,
  extra: Partial<DuplicateFacts> = {},
): DuplicateFacts {
  return {
    id,
    file: `incidents/2026/${id}.md`,
    title,
    services: ['mail'],
    start,
    end: null,
    linked: [],
    excluded: false,
    ...extra,
  };
}
const ids = (tickets: DuplicateFacts[]) =>
  suspectDuplicates(tickets).map((f) => `${f.file} ${f.code} ${f.message.split(' reported')[0]}`);

describe('duplicate suspicion', () => {
  it('warns on the later of two look-alike reports', () => {
    expect(
      ids([
        ticket('INC-2026-0002', 'E-mail program does not start after the update', T0 + 2 * H),
        ticket('INC-2026-0001', 'E-mail program will not start after updates', T0),
      ]),
    ).toEqual(['incidents/2026/INC-2026-0002.md duplicate/suspected looks like INC-2026-0001']);
  });

  it('stays silent for other services, later days, ended incidents, links and duplicates', () => {
    const first = ticket('INC-2026-0001', 'Mail server down', T0, { end: T0 + H });
    expect(ids([first, ticket('INC-2026-0002', 'Mail server down', T0 + 2 * H)])).toEqual([]);
    const open = ticket('INC-2026-0001', 'Mail server down', T0);
    expect(ids([open, ticket('INC-2026-0002', 'Mail server down', T0 + 5 * H)])).toEqual([]);
    expect(ids([open, ticket('INC-2026-0002', 'Mail server down', T0 + H, { services: ['web'] })])).toEqual(
      [],
    );
    expect(
      ids([open, ticket('INC-2026-0002', 'Mail server down', T0 + H, { linked: ['INC-2026-0001'] })]),
    ).toEqual([]);
    expect(ids([open, ticket('INC-2026-0002', 'Mail server down', T0 + H, { excluded: true })])).toEqual([]);
    expect(ids([open, ticket('INC-2026-0002', 'Printer jams on tray two', T0 + H)])).toEqual([]);
  });

  it('suspects two reports of one customer about one service whatever their titles', () => {
    // The DOMAIN case: the e-mail program reported twice by one customer, 19 minutes apart.
    const first = ticket('INC-2025-0006', 'Outlook no longer starts after updates', T0, {
      customer: 'hoffmann',
    });
    const second = ticket('INC-2025-0007', 'E-mail program does not start (second report)', T0 + H / 3, {
      customer: 'hoffmann',
    });
    expect(ids([first, second])).toEqual([
      'incidents/2026/INC-2025-0007.md duplicate/suspected looks like INC-2025-0006',
    ]);
    expect(ids([first, { ...second, customer: 'other' }])).toEqual([]);
  });

  it('needs two shared words, ignoring ticket IDs and short words', () => {
    expect(similarity(titleWords('Ticket INC-2026-0001'), titleWords('Ticket INC-2026-0002'))).toBe(0);
    expect(similarity(titleWords('Server down'), titleWords('The server is down again'))).toBe(1);
  });

  it('compares only tickets within the window, not every pair', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      ticket(`INC-2026-${String(i).padStart(5, '0')}`, `Unique problem number ${i} here`, T0 + i * 2 * H, {
        end: T0 + i * 2 * H + H,
      }),
    );
    expect(suspectDuplicates(many)).toEqual([]);
  });
});
