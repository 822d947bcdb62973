/**
 * Public holidays computed once and handed to the threads that compute SLA clocks
 * (`holidaysAhead`, `addHolidayYears`): a thread that has them gives the working time it would
 * have computed with date-holidays, without loading it; a year it was not given, or a calendar of
 * another region, it still computes and checks itself.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { type CalendarSpec, compileCalendar, workingMsBetween } from '../../scripts/derive/calendar/index.ts';
import { holidaysAhead } from '../../scripts/derive/sla-config.ts';

const OFFICE: CalendarSpec['hours'] = {
  mon: ['08:00-17:00'],
  tue: ['08:00-17:00'],
  wed: ['08:00-17:00'],
  thu: ['08:00-17:00'],
  fri: ['08:00-17:00'],
};
const bavaria = (): CalendarSpec => ({
  timezone: 'Europe/Berlin',
  hours: OFFICE,
  holidays: { country: 'DE', region: 'BY' },
});

/** Spans over Bavarian holidays: Christmas, German Unity Day, Corpus Christi, Epiphany. */
const RECENT: [number, number][] = [
  [Date.parse('2026-12-23T12:00:00Z'), Date.parse('2026-12-29T12:00:00Z')],
  [Date.parse('2025-10-01T06:00:00Z'), Date.parse('2025-10-07T06:00:00Z')],
  [Date.parse('2024-05-29T06:00:00Z'), Date.parse('2024-06-03T06:00:00Z')],
  [Date.parse('2021-01-05T06:00:00Z'), Date.parse('2021-01-07T06:00:00Z')],
];
const OLD: [number, number][] = [[Date.parse('2008-12-23T12:00:00Z'), Date.parse('2008-12-29T12:00:00Z')]];

interface WorkerAnswer {
  problems: string[][];
  working: number[];
  loaded: boolean;
}

function inWorker(data: object): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../helpers/handed-holidays-worker.ts', import.meta.url), {
      workerData: data,
    });
    worker.once('message', (answer: WorkerAnswer) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('public holidays handed to another thread', () => {
  const at = Date.parse('2026-11-23T09:00:00Z');
  const config = {
    calendars: {
      office: bavaria(),
      shop: { ...bavaria(), hours: OFFICE },
      always: { timezone: 'UTC', hours: 'always' as const },
    },
    sla: { policies: { a: { calendar: 'office' }, b: { calendar: 'shop' }, c: { calendar: 'always' } } },
  };

  it('are the years from nine before the year of --at to two after it, once per country and region', () => {
    const ahead = holidaysAhead(config as never, at);
    expect(ahead.map((h) => h.key)).toEqual(['DE/BY']);
    // A whole country and one of its regions are told apart.
    const national = {
      calendars: { de: { ...bavaria(), holidays: { country: 'de' } } },
      sla: { policies: { a: { calendar: 'de' } } },
    };
    expect(holidaysAhead(national as never, at).map((h) => h.key)).toEqual(['DE']);
    expect(ahead[0]?.years.map(([year]) => year)).toEqual([
      2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028,
    ]);
    // 25 and 26 December 2026, as epoch days, among that year's.
    const christmas = [Date.UTC(2026, 11, 25), Date.UTC(2026, 11, 26)].map((ms) => ms / 86_400_000);
    const days2026 = ahead[0]?.years.find(([year]) => year === 2026)?.[1] ?? [];
    expect(days2026).toEqual(expect.arrayContaining(christmas));
    // A calendar that fails its check gets none (its clocks are not-applicable anyway).
    const wrong = {
      calendars: { x: { ...bavaria(), holidays: { country: 'ZZ' } } },
      sla: { policies: { a: { calendar: 'x' } } },
    };
    expect(holidaysAhead(wrong as never, at)).toEqual([]);
  });

  it('give the working time date-holidays gives, without loading it in that thread', async () => {
    const expected = RECENT.map(([from, to]) => workingMsBetween(compileCalendar(bavaria()), from, to));
    // The spans do cross holidays: each is shorter than the same span without them.
    const plain = compileCalendar({ timezone: 'Europe/Berlin', hours: OFFICE });
    expect(RECENT.every(([from, to], k) => (expected[k] as number) < workingMsBetween(plain, from, to))).toBe(
      true,
    );
    const answer = await inWorker({
      holidays: holidaysAhead(config as never, at),
      spec: bavaria(),
      checked: [bavaria()],
      spans: RECENT,
    });
    expect(answer).toEqual({ problems: [[]], working: expected, loaded: false });
  });

  it('leave a year they lack, and a calendar of another region, to the thread itself', async () => {
    const expected = [...RECENT, ...OLD].map(([from, to]) =>
      workingMsBetween(compileCalendar(bavaria()), from, to),
    );
    const answer = await inWorker({
      holidays: holidaysAhead(config as never, at),
      spec: bavaria(),
      checked: [
        bavaria(),
        { ...bavaria(), holidays: { country: 'DE', region: 'XX' } },
        { ...bavaria(), holidays: { country: 'DE', region: '' } },
      ],
      spans: [...RECENT, ...OLD],
    });
    expect(answer.working).toEqual(expected);
    expect(answer.problems).toEqual([
      [],
      ['config/calendar-holiday-region'],
      ['config/calendar-holiday-region'],
    ]);
    expect(answer.loaded).toBe(true);
  });
});
