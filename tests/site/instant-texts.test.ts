/**
 * The pages' instants ("23 Nov 2026, 07:12 CET"): formatters() builds most of them from the text of
 * their hour; each must read exactly as Intl formats it, in every language of the site and in
 * zones whose offsets change, by half hours, by whole days or by odd minutes.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../site/src/i18n/dictionaries.ts';
import { formatters, intlOptions } from '../../site/src/lib/formatters.ts';

const ZONES = [
  'UTC',
  'Europe/Stockholm',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Europe/Moscow',
];

/** Every minute of the given UTC days, each with a few seconds and milliseconds past it. */
function minutesOf(days: string[]): string[] {
  const out: string[] = [];
  for (const day of days) {
    const start = Date.parse(`${day}T00:00:00Z`);
    for (let m = 0; m < 24 * 60; m++)
      out.push(new Date(start + m * 60_000 + ((m * 7919) % 60_000)).toISOString());
  }
  return out;
}

/** 3,000 instants spread over 1990–2040, the same in every run. */
function spread(): string[] {
  const from = Date.parse('1990-01-01T00:00:00Z');
  const span = Date.parse('2040-01-01T00:00:00Z') - from;
  return Array.from({ length: 3000 }, (_, i) =>
    new Date(from + ((i * 2_654_435_761) % 3000) * (span / 3000) + i * 7_919_000).toISOString(),
  );
}

const DAYS = [
  '2026-03-29', // Europe's change to summer time
  '2026-10-25', // and back
  '2026-03-08', // the United States'
  '2026-11-01',
  '2026-04-04', // Lord Howe: half an hour back
  '2026-10-04', // and forward
  '2011-12-29', // Samoa skipped a day
  '2011-12-30',
  '2026-04-05', // Chatham: 45 minutes off the hour
  '1969-12-31', // before 1970
];

describe('an instant in the pages', () => {
  for (const { intl } of LANGUAGES)
    it(`reads as Intl formats it in ${intl}`, () => {
      for (const zone of ZONES) {
        const format = formatters(intl, zone);
        const intlFormat = new Intl.DateTimeFormat(intl, intlOptions(zone).instant);
        for (const iso of [...minutesOf(DAYS), ...spread()]) {
          const expected = intlFormat.format(Date.parse(iso));
          if (format.instant(iso) !== expected)
            expect(`${zone} ${iso}: ${format.instant(iso)}`).toBe(expected);
        }
      }
    });

  it('shows what is not an instant as it is', () => {
    expect(formatters('en-GB', 'Europe/Stockholm').instant('not a time')).toBe('not a time');
  });
});
