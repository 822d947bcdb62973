/**
 * `report --format json` writes every object's keys in code-point order, whatever order the
 * report built them in, and list entries one per line. Entries built in that order with plain
 * values take a quicker way (JSON.stringify); both ways must write the same text.
 */
import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../scripts/derive/report.ts';
import { formatReportJson } from '../../scripts/present/report-json.ts';

/**
 * An independent writer of the same format: keys sorted by code point, undefined fields left out,
 * undefined list items null.
 */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : oneLine(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${oneLine((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('the report JSON', () => {
  it('writes list entries with their keys in code-point order, in order or not as built', () => {
    const entries = [
      { due: '2026-01-02', overdue: true, ticket: 'INC-2026-0001', title: 'In order' },
      { title: 'Out of order', ticket: 'INC-2026-0002', due: null, overdue: false },
      { b: 1, a: { z: [1, { y: 2, x: 3 }], a: 'nested out of order' } },
      { '9': 'integer-like keys come first in JavaScript', '10': 'but not in code-point order', a: 1 },
      { a: 'undefined fields are left out', b: undefined, c: [undefined, 1] },
      { Z: 'capitals sort before small letters', a: 1, é: 'and accents after them' },
      { a: 1, b: 'already in order, with a nested list', c: [{ a: 1, b: 2 }] },
      { due: null, state: 'overdue', ticket: 'INC-2026-0003', title: 'In order, plain values' },
      { a: Number.NaN, b: true, c: undefined, d: 'special numbers are null, undefined left out' },
      { b: 'in order but for the last key', c: 1, a: 2 },
      { a: { z: 'in order at the top,', y: 'not inside' }, b: [{ d: 1, c: 2 }] },
      // Lists of plain values (the tickets of a problem candidate) take JSON.stringify's way.
      { ids: ['INC-2026-0004', 'a "quoted" \u2028 id', 3, null, true, Number.NaN, Number.POSITIVE_INFINITY] },
      { lists: [['x'], [1, [2, 3]], []], mixed: [1, undefined, 'x', { b: 1, a: 2 }] },
      ['a list entry of plain values', 1, false, null],
      [undefined, 'undefined in a list is null'],
    ];
    const text = formatReportJson({ list: entries } as unknown as ReportData);
    const lines = text.split('\n').slice(2, 2 + entries.length);
    expect(lines.map((l) => l.trim().replace(/,$/, ''))).toEqual(entries.map(oneLine));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ list: entries })));
  });
});
