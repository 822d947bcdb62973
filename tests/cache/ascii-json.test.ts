/**
 * The caches are written as ASCII (scripts/lib/ascii-json.ts): every text reads back the same,
 * whatever its script, emoji, lone surrogates, line separators or control characters.
 */
import { isAscii } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../scripts/lib/ascii-json.ts';

describe('asciiJson', () => {
  it('gives ASCII that parses to the same values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const json = JSON.stringify({ value, text, fixed: '«Почта» läuft nicht 📨 \u2028 \ud800' });
        const ascii = asciiJson(json);
        expect(isAscii(Buffer.from(ascii))).toBe(true);
        expect(JSON.parse(ascii)).toEqual(JSON.parse(json));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves ASCII text as it is', () => {
    const json = JSON.stringify({ title: 'Mail down', at: '2026-03-02T08:00:00Z', n: [1, 2.5] });
    expect(asciiJson(json)).toBe(json);
    expect(asciiJson('"ö"')).toBe('"\\u00f6"');
  });
});
