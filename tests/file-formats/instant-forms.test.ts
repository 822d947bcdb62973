import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOfEpochDay,
  epochDay,
  icalendarUtc,
  instantMs,
  isoUtc,
  isoUtcMillis,
  isoUtcMillisOf,
  isoUtcOfSeconds,
} from '../../scripts/model/time.ts';

describe('isoUtc', () => {
  it('formats every whole second of 1970–9999 as Date does, without milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253402300799 }), (seconds) => {
        const ms = seconds * 1000;
        expect(isoUtc(ms)).toBe(`${new Date(ms).toISOString().slice(0, 19)}Z`);
      }),
      { numRuns: 5000, seed: 42 },
    );
    // Leap days and century years.
    expect(isoUtc(Date.parse('2000-02-29T23:59:59Z'))).toBe('2000-02-29T23:59:59Z');
    expect(isoUtc(Date.parse('2100-03-01T00:00:00Z'))).toBe('2100-03-01T00:00:00Z');
  });

  it('keeps milliseconds and instants outside the fast range', () => {
    expect(isoUtc(1500)).toBe('1970-01-01T00:00:01.500Z');
    expect(isoUtc(-1000)).toBe('1969-12-31T23:59:59Z');
  });

  it('round-trips through instantMs', () => {
    expect(instantMs(isoUtc(1772438400000))).toBe(1772438400000);
    expect(instantMs('2026-03-02T13:00:00+01:00')).toBe(Date.parse('2026-03-02T12:00:00Z'));
  });
});

describe('instantMs', () => {
  it('reads `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM` as Date.parse does, out-of-range parts included', () => {
    expect(instantMs('2026-12-31T23:59:60Z')).toBe(Date.parse('2026-12-31T23:59:59.999Z'));
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const instant = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        fc.oneof(two(12), two(99)),
        fc.oneof(two(31), two(99)),
        fc.oneof(two(23), two(99)),
        fc.oneof(two(59), two(99)),
        // Second 60 is a leap second, which instantMs reads as the minute's last millisecond.
        fc.oneof(two(59), fc.integer({ min: 61, max: 99 }).map(String)),
        fc.oneof(
          fc.constant('Z'),
          fc
            .tuple(fc.constantFrom('+', '-'), fc.oneof(two(23), two(99)), two(99))
            .map(([s, h, m]) => `${s}${h}:${m}`),
        ),
      )
      .map(([y, mo, d, h, mi, s, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${z}`);
    fc.assert(
      fc.property(instant, (iso) => {
        expect(Object.is(instantMs(iso), Date.parse(iso)), iso).toBe(true);
      }),
      { numRuns: 20000, seed: 7 },
    );
    for (const iso of [
      '2024-02-29T23:59:59-12:00',
      '2026-02-30T10:00:00Z',
      '2026-01-01T24:00:00Z',
      '0000-01-01T00:00:00Z',
    ]) {
      expect(Object.is(instantMs(iso), Date.parse(iso)), iso).toBe(true);
    }
  });
});

describe('the other units and forms', () => {
  it("formats Git's epoch seconds like isoUtc formats milliseconds", () => {
    expect(isoUtcOfSeconds(1772438400)).toBe('2026-03-02T08:00:00Z');
    expect(isoUtcOfSeconds(1772438400)).toBe(isoUtc(1772438400000));
  });

  it('keeps milliseconds in the Statuspage form and rewrites offsets to UTC', () => {
    expect(isoUtcMillis(1772438400000)).toBe('2026-03-02T08:00:00.000Z');
    expect(isoUtcMillisOf('2026-03-02T09:00:00+01:00')).toBe('2026-03-02T08:00:00.000Z');
  });

  it('writes RFC 5545 UTC date-times in whole seconds, rounding down', () => {
    expect(icalendarUtc(Date.parse('2026-12-21T07:00:00.999Z'))).toBe('20261221T070000Z');
    expect(icalendarUtc(-500)).toBe('19691231T235959Z');
  });

  it('counts plain dates in epoch days both ways, across leap days', () => {
    expect(epochDay('1970-01-02')).toBe(1);
    expect(dateOfEpochDay(epochDay('2028-02-28') + 1)).toBe('2028-02-29');
    expect(dateOfEpochDay(epochDay('2026-03-01') - 1)).toBe('2026-02-28');
  });
});
