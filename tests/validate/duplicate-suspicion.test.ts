/**
 * Duplicate suspicion: one service, reported within the window, sharing what chance rarely
 * shares (reporter, customer, rare title words), not linked: a warning on the later ticket
 * naming the earlier one; and on a busy desk with templated titles, almost never.
 */
import { describe, expect, it } from 'vitest';
import { countRarity, titleWords } from '../../scripts/derive/duplicate-rarity.ts';
import {
  type DuplicateFacts,
  similarity,
  suspectDuplicates,
} from '../../scripts/derive/duplicate-suspicion.ts';
import { busyDesk } from '../helpers/busy-desk.ts';

const H = 3_600_000;
const MIN = 60_000;
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
    linked: [],
    excluded: false,
    ...extra,
  };
}
const ids = (tickets: DuplicateFacts[], rarity?: Parameters<typeof suspectDuplicates>[1]) =>
  suspectDuplicates(tickets, rarity).map(
    (f) => `${f.file} ${f.code} ${f.message.split(' reported again')[0]}`,
  );

/** Six weeks of a busy desk: 5,000 incidents on four services, ServiceNow-style titles. */
const DESK_FROM = Date.parse('2026-02-02T00:00:00Z');
const desk = busyDesk({ tickets: 5000, from: DESK_FROM, weeks: 6, seed: 1 });

/** The e-mail program reported twice by one small customer, 40 minutes apart, in other words. */
function realPair(at: number, customer = 'architekturbuero-hoffmann'): DuplicateFacts[] {
  return [
    ticket('INC-2026-90001', 'Outlook does not start', at, {
      customer,
      reporter: 'Claudia Hoffmann',
      services: ['email'],
    }),
    ticket('INC-2026-90002', 'E-mail program crashes when opening', at + 40 * MIN, {
      customer,
      reporter: 'Jan Hoffmann',
      services: ['email'],
    }),
  ];
}

describe('duplicate suspicion', () => {
  it('warns on the later of two look-alike reports', () => {
    expect(
      ids([
        ticket('INC-2026-0002', 'E-mail program does not start after the update', T0 + 2 * H),
        ticket('INC-2026-0001', 'E-mail program will not start after updates', T0),
      ]),
    ).toEqual(['incidents/2026/INC-2026-0002.md duplicate/suspected looks like INC-2026-0001']);
  });

  it('stays silent for other services, reports further apart than 4 hours, links and duplicates', () => {
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

  it('lets the window decide, not whether the earlier one was still open', () => {
    const ended = ticket('INC-2026-0001', 'Mail server down', T0);
    expect(ids([ended, ticket('INC-2026-0002', 'Mail server down', T0 + 2 * H)])).toEqual([
      'incidents/2026/INC-2026-0002.md duplicate/suspected looks like INC-2026-0001',
    ]);
  });

  it('suspects two reports of one customer about one service whatever their titles', () => {
    // The shipped example's case: the e-mail program reported twice by one customer, 19 minutes apart.
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
    expect(ids(realPair(T0))).toEqual([
      'incidents/2026/INC-2026-90002.md duplicate/suspected looks like INC-2026-90001',
    ]);
  });

  it('needs two shared words, ignoring ticket IDs and short words', () => {
    expect(titleWords('Ticket INC-2026-0001')).toEqual(['ticket']);
    expect(titleWords('Outlook startet nicht – Architekturbüro')).toEqual([
      'outlook',
      'startet',
      'architekturbüro',
    ]);
    const one = () => 1;
    const words = new Map<string, number>();
    const numbered = (w: string) => {
      if (!words.has(w)) words.set(w, words.size);
      return words.get(w) as number;
    };
    const ids = (title: string) => titleWords(title).map(numbered);
    expect(similarity(ids('Ticket INC-2026-0001'), ids('Ticket INC-2026-0002'), one)).toBe(0);
    expect(similarity(ids('Server down'), ids('The server is down again'), one)).toBe(1);
  });

  it('gives words that most titles share no weight', () => {
    const template = (i: number, what: string) =>
      ticket(
        `INC-2026-${String(i).padStart(4, '0')}`,
        `Category: Software | Subcategory: Email | ServiceNow ticket: ${what}`,
        T0 + i * 10 * MIN,
      );
    // 2,000 titles over two weeks, one template: its words are on every title.
    const background = Array.from({ length: 2000 }, (_, i) =>
      template(i + 10, `request number ${i} ${i * 7}`),
    );
    const pair = [template(1, 'Printer jams'), template(2, 'Scanner is offline')];
    pair[1] = { ...(pair[1] as DuplicateFacts), start: T0 + 20 * MIN };
    expect(ids([...pair, ...background.map((t) => ({ ...t, services: ['web'] }))])).toEqual([]);
    // Among two tickets alone, the template words are rare and the titles look alike.
    expect(ids(pair)).toEqual([
      'incidents/2026/INC-2026-0002.md duplicate/suspected looks like INC-2026-0001',
    ]);
    // A focused run (`--changed-since`) weighs them with the whole repository's counts.
    expect(ids(pair, countRarity([...pair, ...background]))).toEqual([]);
  });

  it('counts the same reporter for more than the same customer, and a catch-all customer for nothing', () => {
    // 3,000 tickets on another service; the customer `big` has 2 % of them, `huge` 10 %.
    const background = Array.from({ length: 3000 }, (_, i) =>
      ticket(`INC-2026-${String(i + 100).padStart(5, '0')}`, `Unique problem ${i}`, T0 + i * 10 * MIN, {
        services: ['web'],
        customer: i % 50 === 0 ? 'big' : i % 10 === 1 ? 'huge' : `c${i % 400}`,
      }),
    );
    const pair = (customer: string, reporters: [string, string]) => [
      ticket('INC-2026-00001', 'VPN drops', T0, { customer, reporter: reporters[0] }),
      ticket('INC-2026-00002', 'Cannot reach the file share', T0 + 30 * MIN, {
        customer,
        reporter: reporters[1],
      }),
    ];
    expect(ids([...background, ...pair('big', ['Eva Roth', 'Jan Roth'])])).toEqual([]);
    expect(ids([...background, ...pair('big', ['Eva Roth', 'eva  roth'])])).toEqual([
      'incidents/2026/INC-2026-00002.md duplicate/suspected looks like INC-2026-00001',
    ]);
    expect(ids([...background, ...pair('small', ['Eva Roth', 'Jan Roth'])])).toHaveLength(1);
    // One reporter name at two customers is two people.
    const twoPeople = pair('big', ['Eva Roth', 'Eva Roth']);
    twoPeople[1] = { ...(twoPeople[1] as DuplicateFacts), customer: 'c8' };
    expect(ids([...background, ...twoPeople])).toEqual([]);
    expect(ids([...background, ...pair('huge', ['Eva Roth', 'Jan Roth'])])).toEqual([]);
  });

  it('flags at most 1 % of a busy desk with templated titles', () => {
    const findings = suspectDuplicates(desk);
    expect(desk.length).toBe(5000);
    expect(findings.length).toBeLessThanOrEqual(50);
    // The desk is busy: most tickets have another on their service within the hour.
    const starts = desk
      .filter((t) => t.services[0] === 'email')
      .map((t) => t.start)
      .sort((a, b) => a - b);
    const crowded = starts.filter((s, i) => i > 0 && s - (starts[i - 1] as number) < H).length;
    expect(crowded / starts.length).toBeGreaterThan(0.8);
  });

  it('still finds the real duplicate on the busy desk', () => {
    // Weekday mornings of the six weeks, in the middle of the desk's traffic.
    for (const day of [2, 8, 16, 23, 31, 38]) {
      const at = DESK_FROM + day * 24 * H + 9 * H;
      const findings = suspectDuplicates([...desk, ...realPair(at)]);
      expect(
        findings.filter((f) => f.file.includes('INC-2026-9000')).map((f) => f.message.split(' (')[0]),
      ).toEqual(['looks like INC-2026-90001 reported again']);
    }
  });

  it('compares only tickets within the window, not every pair', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      ticket(`INC-2026-${String(i).padStart(5, '0')}`, `Unique problem number ${i} here`, T0 + i * 5 * H),
    );
    expect(suspectDuplicates(many)).toEqual([]);
  });
});
