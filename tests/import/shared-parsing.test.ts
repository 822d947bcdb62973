/**
 * The shared parts of `opsbook import`: dates in a pattern and zone, CSV rows (BOM, `;`, quoted
 * separators and line breaks), the map file, and appending catalogue entries to opsbook.yaml.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { appendToSection, entryLine } from '../../scripts/import/config-edit.ts';
import { readCsv } from '../../scripts/import/csv-rows.ts';
import { dateParser } from '../../scripts/import/dates.ts';
import { Mapper, readMapFile } from '../../scripts/import/map-file.ts';
import { UnmappableValue } from '../../scripts/import/model.ts';
import { ExitError } from '../../scripts/lib/errors.ts';
import { tempDir } from '../helpers/cli.ts';

describe('dates', () => {
  it('read a pattern as wall-clock time in the zone, summer and winter', () => {
    const parse = dateParser('dd/MM/yyyy HH:mm', 'Europe/Berlin');
    expect(parse('02/03/2026 09:15')).toBe(Date.parse('2026-03-02T08:15:00Z'));
    expect(parse('02/07/2026 09:15')).toBe(Date.parse('2026-07-02T07:15:00Z'));
  });

  it('read the hours around the clock changes as Temporal does (compatible)', () => {
    const parse = dateParser('yyyy-MM-dd HH:mm', 'Europe/Berlin');
    // 02:30 does not exist on 29 March: the time after the gap.
    expect(parse('2026-03-29 02:30')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    expect(parse('2026-03-29 01:59')).toBe(Date.parse('2026-03-29T00:59:00Z'));
    expect(parse('2026-03-29 03:00')).toBe(Date.parse('2026-03-29T01:00:00Z'));
    // 02:30 happens twice on 25 October: the earlier one.
    expect(parse('2026-10-25 02:30')).toBe(Date.parse('2026-10-25T00:30:00Z'));
    expect(parse('2026-10-25 03:30')).toBe(Date.parse('2026-10-25T02:30:00Z'));
  });

  it('take 12-hour times and an optional seconds part', () => {
    const parse = dateParser('M/d/yyyy h:mm a', 'America/New_York');
    expect(parse('3/2/2026 1:05 PM')).toBe(Date.parse('2026-03-02T18:05:00Z'));
    expect(parse('3/2/2026 12:05 AM')).toBe(Date.parse('2026-03-02T05:05:00Z'));
    expect(parse('3/2/2026 1:05:30 PM')).toBe(Date.parse('2026-03-02T18:05:30Z'));
  });

  it('refuse texts that do not match and dates that do not exist', () => {
    const parse = dateParser('yyyy-MM-dd HH:mm:ss', 'UTC');
    expect(parse('14/03/2026 06:00')).toBeNull();
    expect(parse('2026-02-30 10:00:00')).toBeNull();
    expect(parse('2026-03-01 25:00:00')).toBeNull();
  });
});

describe('CSV rows', () => {
  const rows = async (text: string | Buffer) => {
    const dir = tempDir('csv');
    try {
      const file = join(dir.dir, 'x.csv');
      writeFileSync(file, text);
      const out = [];
      for await (const row of readCsv(file, 'x.csv')) out.push(row);
      return out;
    } finally {
      dir.cleanup();
    }
  };

  it('drop a BOM and find `;` from the header line, with quoted separators and line breaks', async () => {
    const text =
      '\uFEFFnumber;title;state\r\nA1;"one; two";New\r\nA2;"line\nbreak, and ""quotes""";Closed\r\nA3;x;New\r\n';
    const got = await rows(text);
    expect(got.map((r) => r.cells.number)).toEqual(['A1', 'A2', 'A3']);
    expect(got[1]?.cells.title).toBe('line\nbreak, and "quotes"');
    // Row 3 starts on line 5: the quoted line break took a line.
    expect(got.map((r) => [r.row, r.line])).toEqual([
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
  });

  it('take `,` when the header has more commas, even with `;` inside quotes', async () => {
    const got = await rows('"a;b",c,d\n1,2,3\n');
    expect(got[0]?.cells).toEqual({ 'a;b': '1', c: '2', d: '3' });
  });

  it('stop with the line of a row with the wrong number of fields', async () => {
    await expect(rows('a,b\n1,2\n3\n')).rejects.toThrow(/x\.csv line 3/);
  });
});

describe('map file', () => {
  it('is checked against its schema with the field named', () => {
    const dir = tempDir('map');
    try {
      const file = join(dir.dir, 'map.yaml');
      writeFileSync(
        file,
        'columns: { state: incident_state }\ndates: { format: "dd/MM/yyyy", timezone: Mars/Olympus }\n',
      );
      expect(() => readMapFile(file, 'map.yaml')).toThrow(/dates\.timezone "Mars\/Olympus"/);
      writeFileSync(file, 'colums: { state: x }\n');
      expect(() => readMapFile(file, 'map.yaml')).toThrow(ExitError);
      writeFileSync(file, 'values: { state: { "Awaiting Vendor": pending } }\nempty: ["NULL"]\n');
      const map = readMapFile(file, 'map.yaml');
      const mapper = new Mapper(map, 'Europe/Berlin', 'yyyy-MM-dd HH:mm:ss');
      expect(mapper.require('state', 'Awaiting Vendor', {}, ['pending'])).toBe('pending');
      expect(mapper.cell({ a: ' NULL ' }, 'a')).toBeUndefined();
      expect(() => mapper.require('state', 'Parked', { new: 'new' }, ['new'])).toThrow(UnmappableValue);
      expect(() => mapper.date('opened', '2026/03/02')).toThrow(/cannot read the date "2026\/03\/02"/);
    } finally {
      dir.cleanup();
    }
  });
});

describe('opsbook.yaml edit', () => {
  const text = [
    '# Our settings',
    'organization: { name: X, timezone: Europe/Berlin }',
    '',
    'services:',
    '  # central',
    '  mail:',
    '    name: E-mail # hosted',
    '    group: central',
    '',
    '# Who owns what',
    'teams:',
    '  ops: { name: Ops }',
    '',
  ].join('\n');

  it('appends entries after the last one of the section, keeping comments and order', () => {
    const line = entryLine('  ', { id: 'erp', name: 'ERP "prod": #1' }, { group: 'imported', public: false });
    const out = appendToSection(text, 'services', [line]);
    expect(out.split('\n').slice(3, 10)).toEqual([
      'services:',
      '  # central',
      '  mail:',
      '    name: E-mail # hosted',
      '    group: central',
      '  erp: { name: "ERP \\"prod\\": #1", group: "imported", public: false }',
      '',
    ]);
    expect(out.replace(/ {2}erp: .*\n/, '')).toBe(text);
    const data = load(out) as { services: Record<string, { name: string }> };
    expect(data.services.erp?.name).toBe('ERP "prod": #1');
  });

  it('adds a missing section at the end', () => {
    const out = appendToSection(text, 'customers', ['  acme: { name: "Acme", contract: "none" }']);
    expect(out).toBe(`${text}\ncustomers:\n  acme: { name: "Acme", contract: "none" }\n`);
  });

  it('refuses a section written on one line', () => {
    expect(() => appendToSection('teams: { ops: { name: Ops } }\n', 'teams', ['  a: { name: "A" }'])).toThrow(
      /written on one line/,
    );
  });
});
