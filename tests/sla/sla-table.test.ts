/**
 * Pieces of the `opsbook sla` table: the working time left or over, titles in a cell, and due
 * times in the calendar's zone.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../scripts/model/zone-offsets.ts';
import { terminalCell } from '../../scripts/present/escape.ts';
import { formatBusinessSpan, formatLocal } from '../../scripts/present/sla.ts';

const MIN = 60_000;
const H = 60 * MIN;

describe('formatBusinessSpan', () => {
  it('business days, then hours and minutes, zero parts left out', () => {
    expect(formatBusinessSpan({ days: 2, workingMs: 3 * H })).toBe('2bd 3h');
    expect(formatBusinessSpan({ days: 0, workingMs: 5 * H + 12 * MIN })).toBe('5h 12m');
    expect(formatBusinessSpan({ days: 1, workingMs: 0 })).toBe('1bd');
    expect(formatBusinessSpan({ days: 436, workingMs: 7 * MIN })).toBe('436bd 7m');
    expect(formatBusinessSpan({ days: 0, workingMs: 0 })).toBe('0m');
  });

  it('cuts to whole minutes', () => {
    expect(formatBusinessSpan({ days: 0, workingMs: 45 * MIN + 59_999 })).toBe('45m');
  });
});

describe('terminalCell', () => {
  it('takes a clean title as it is and cleans every other one as before', () => {
    const cleaned = (t: string) =>
      t
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters cleaned
        .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const pieces = [
      'Mail',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00a0',
      '\u0007',
      '\u001b[31m',
      '\u202e',
      '\u2028',
      'é',
      '😀',
      'x',
    ];
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const title = `${a}${b}${c}`;
          expect(terminalCell(title, 80), JSON.stringify(title)).toBe(cleaned(title));
        }
  });

  it('keeps a short title as it is', () => {
    expect(terminalCell('Mail down', 32)).toBe('Mail down');
  });

  it('cuts a long title to the width, ending with an ellipsis', () => {
    const cut = terminalCell('VPN gateway drops every connection after the firmware update', 32);
    expect(cut).toBe('VPN gateway drops every…');
    expect(cut.length).toBeLessThanOrEqual(32);
    expect(terminalCell('x'.repeat(40), 32)).toBe(`${'x'.repeat(31)}…`);
  });

  it('never cuts inside an emoji', () => {
    const family = '👨‍👩‍👧';
    const cut = terminalCell(`${'a'.repeat(28)}${family} is offline`, 32);
    expect(cut).toBe(`${'a'.repeat(28)}…`);
  });

  it('puts the title on one line without anything the terminal would act on', () => {
    expect(terminalCell('Mail\u001b[2J down\r\nagain\u202e!', 32)).toBe('Mail [2J down again !');
  });
});

describe('formatLocal', () => {
  /** How Temporal writes the local time, as the table did before it read zone offsets itself. */
  function byTemporal(iso: string, zone: string | null): string {
    const z = Temporal.Instant.from(iso).toZonedDateTimeISO(zone ?? 'UTC');
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][z.dayOfWeek - 1];
    return `${day} ${z.toPlainDate().toString()} ${pad(z.hour)}:${pad(z.minute)} ${z.offset}`;
  }

  it('writes a due time in the calendar zone, on both sides of a DST change', () => {
    expect(formatLocal('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('Sun 2026-03-29 01:59 +01:00');
    expect(formatLocal('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('Sun 2026-03-29 03:00 +02:00');
    expect(formatLocal('2026-11-01T06:30:00Z', 'America/St_Johns')).toBe('Sun 2026-11-01 03:00 -03:30');
    expect(formatLocal('2026-12-31T23:59:00Z', null)).toBe('Thu 2026-12-31 23:59 +00:00');
  });

  it('agrees with Temporal in zones with half- and quarter-hour offsets, over decades of DST rules (and so does localDate)', () => {
    const zones = [
      'Europe/Berlin',
      'Europe/Stockholm',
      'Europe/Moscow',
      'America/New_York',
      'America/St_Johns',
      'America/Sao_Paulo',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Australia/Adelaide',
      'Pacific/Chatham',
      'Pacific/Kiritimati',
      'UTC',
    ];
    // A fixed walk of instants from 1971 to 2099, a prime number of seconds apart.
    let ms = Date.UTC(1971, 0, 1);
    const step = 23_719 * 60_000 + 13_000;
    let compared = 0;
    while (ms < Date.UTC(2099, 0, 1)) {
      const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
      for (const zone of zones) {
        expect(formatLocal(iso, zone), `${iso} in ${zone}`).toBe(byTemporal(iso, zone));
        // The local date reviews fall due on, from the same offsets.
        expect(localDate(ms, zone)).toBe(
          Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toString(),
        );
        compared++;
      }
      ms += step;
    }
    expect(compared).toBeGreaterThan(30_000);
  });

  it('leaves instants outside four-digit years and zones with odd offsets to Temporal', () => {
    // Before 1900 many zones kept local mean time, whose offset has seconds.
    expect(formatLocal('1890-06-01T12:00:00Z', 'Europe/Berlin')).toBe(
      byTemporal('1890-06-01T12:00:00Z', 'Europe/Berlin'),
    );
    expect(formatLocal('0999-12-31T23:00:00Z', 'Asia/Tokyo')).toBe(
      byTemporal('0999-12-31T23:00:00Z', 'Asia/Tokyo'),
    );
    expect(() => formatLocal('2026-01-01T00:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
