import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs, isoUtc } from '../../scripts/model/time.ts';

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
