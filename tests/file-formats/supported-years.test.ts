/**
 * The supported years (1900 to 2999): times and dates outside them are validation errors at
 * their line, the other commands skip such files, `--at` and `--from` outside them exit 2 with
 * one line, and out-of-range intervals never crash the commands that count with them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SUPPORTED_YEARS_PATTERN } from '../../scripts/model/time.ts';
import { type CliResult, REPO_ROOT, runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const HOLIDAY_CALENDAR = `
  mon-fri:
    timezone: Europe/Berlin
    hours: { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }
    holidays: { country: DE, region: BY, dates: ["2026-12-24"] }`;

function config(calendars = HOLIDAY_CALENDAR, more = ''): string {
  return configYaml({
    name: 'Years',
    services: '\n  mail: { name: E-mail, group: central, owner: ops, public: false }',
    calendars,
    sla: `
  policies:
    standard: { calendar: mon-fri, targets: { P1: { response: 1h, resolution: 4h } } }
  default: standard`,
    more,
  });
}

function ticket(id: string, reported: string, extra = ''): string {
  return `---
id: ${id}
title: Mail down
kind: incident
status: investigating
impact: high
urgency: high
services: [mail]
reported_at: ${reported}
${extra}---
Text.
`;
}

function runbook(fields: string): string {
  return `---
id: mail-restore
title: Restore mail
services: [mail]
scenario: The mail server is gone.
owner: ops
audience: internal
${fields}
---
## Steps
`;
}

const GOOD_TICKET = ticket('INC-2026-0001', '2026-03-02T09:00:00+01:00');
const READ_COMMANDS = [['sla'], ['report'], ['runbooks'], ['review', '--check']];
const AT = Date.parse('2026-03-02T12:00:00Z');

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function repo(files: Record<string, string>, configText = config()): string {
  const r = tempRepository('years', configText, files);
  cleanup = r.cleanup;
  return r.dir;
}

function findingsOf(result: CliResult): { file: string; line: number; code: string; message: string }[] {
  return (
    JSON.parse(result.stdout) as { findings: { file: string; line: number; code: string; message: string }[] }
  ).findings;
}

function expectClean(result: CliResult, label: string): void {
  expect(result.stderr, label).not.toContain('internal error');
  expect(`${result.stdout}${result.stderr}`, label).not.toMatch(/\n\s+at |Deprecation/);
}

describe('times and dates in files', () => {
  it('are validation errors outside 1900 to 2999, at their line', async () => {
    const dir = repo({
      'incidents/2026/INC-2026-0001.md': GOOD_TICKET,
      'incidents/2026/INC-2026-0002.md': ticket('INC-2026-0002', '0001-01-01T00:00:00Z'),
      'incidents/2026/INC-2026-0003.md': ticket(
        'INC-2026-0003',
        '2026-03-02T09:00:00+01:00',
        'timeline:\n  - at: 3000-01-01T00:00:00Z\n    status: investigating\n',
      ),
      'incidents/2026/INC-2026-0004.md': ticket(
        'INC-2026-0004',
        '2026-03-02T09:00:00+01:00',
        'actions:\n  - { title: Fix, owner: ops, due: 1899-12-31, done: false }\n',
      ),
      'runbooks/mail/mail-restore.md': runbook('last_reviewed: 0999-01-01\nreview_every: 180d'),
    });
    const result = await runCli(['validate', '--format', 'json'], { cwd: dir, now: AT });
    expect(result.code).toBe(1);
    const got = findingsOf(result).map((f) => `${f.file}:${f.line} ${f.code}`);
    expect(got).toEqual([
      'incidents/2026/INC-2026-0002.md:9 time/range',
      'incidents/2026/INC-2026-0003.md:11 time/range',
      'incidents/2026/INC-2026-0004.md:11 time/range',
      'runbooks/mail/mail-restore.md:8 time/range',
    ]);
    expect(findingsOf(result)[0]?.message).toBe(
      '"reported_at" is "0001-01-01T00:00:00Z", outside the supported years 1900 to 2999',
    );
  });

  it('make the other commands skip the file, without a date library complaining', async () => {
    // date-holidays (through moment.js) prints a deprecation trace for year 1 on the console.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = repo({
      'incidents/2026/INC-2026-0001.md': GOOD_TICKET,
      'incidents/2026/INC-2026-0002.md': ticket('INC-2026-0002', '0001-01-01T00:00:00Z'),
    });
    for (const args of READ_COMMANDS) {
      const result = await runCli(args, { cwd: dir, now: AT });
      expectClean(result, args.join(' '));
      expect(result.code, args.join(' ')).toBe(0);
      if (args[0] !== 'runbooks') expect(result.stderr).toContain('skipped 1 invalid ticket file(s)');
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('in opsbook.yaml: a holiday date outside the years is an error there, and commands stop', async () => {
    const dir = repo(
      { 'incidents/2026/INC-2026-0001.md': GOOD_TICKET },
      config(HOLIDAY_CALENDAR.replace('"2026-12-24"', '"2026-12-24", "0001-01-01"')),
    );
    const result = await runCli(['validate', '--format', 'json'], { cwd: dir, now: AT });
    expect(findingsOf(result).map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'opsbook.yaml:10 time/range',
    ]);
    for (const args of READ_COMMANDS) {
      const other = await runCli(args, { cwd: dir, now: AT });
      expectClean(other, args.join(' '));
      expect(other.code).toBe(2);
    }
  });

  it('in opsbook.yaml: a review due count beyond 10000 business days is an error', async () => {
    const dir = repo(
      { 'incidents/2026/INC-2026-0001.md': GOOD_TICKET },
      config(HOLIDAY_CALENDAR, 'review:\n  due_business_days: 100000000\n  calendar: mon-fri\n'),
    );
    const result = await runCli(['validate', '--format', 'json'], { cwd: dir, now: AT });
    expect(findingsOf(result).map((f) => `${f.line} ${f.code}`)).toEqual(['21 schema/maximum']);
    const review = await runCli(['review', '--check'], { cwd: dir, now: AT });
    expectClean(review, 'review');
    expect(review.code).toBe(2);
  });

  it('share one pattern, the one the loader explains', () => {
    for (const name of ['ticket', 'runbook', 'config']) {
      const schema = JSON.parse(readFileSync(join(REPO_ROOT, `schemas/${name}.schema.json`), 'utf8')) as {
        $defs: Record<string, { format?: string; pattern?: string }>;
      };
      for (const def of Object.values(schema.$defs)) {
        if (def.format === 'date' || def.format === 'date-time')
          expect(def.pattern).toBe(SUPPORTED_YEARS_PATTERN);
      }
    }
  });
});

describe('a runbook interval out of range', () => {
  it('is an error, and the commands that count with it show no due date instead of crashing', async () => {
    const dir = repo({
      'incidents/2026/INC-2026-0001.md': GOOD_TICKET,
      'runbooks/mail/mail-restore.md': runbook(
        'last_reviewed: 2026-01-10\nreview_every: 100000000d\nrto: 4h\nrpo: 1h',
      ),
    });
    const validate = await runCli(['validate', '--format', 'json'], { cwd: dir, now: AT });
    expect(findingsOf(validate).map((f) => `${f.line} ${f.code}`)).toEqual(['9 runbook/interval']);
    for (const args of [['runbooks'], ['report'], ['runbooks', '--format', 'json']]) {
      const result = await runCli(args, { cwd: dir, now: AT });
      expectClean(result, args.join(' '));
      expect(result.code, args.join(' ')).toBe(0);
    }
    const json = await runCli(['runbooks', '--format', 'json'], { cwd: dir, now: AT });
    expect(json.stdout).toContain('"reviewDue": null');
  });
});

describe('--at and --from', () => {
  const dir = () => repo({ 'incidents/2026/INC-2026-0001.md': GOOD_TICKET });

  it('outside the years exit 2 with one line', async () => {
    const d = dir();
    for (const at of [
      '9999-12-31T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '0001-01-01T00:00:00Z',
    ]) {
      for (const command of ['sla', 'report', 'runbooks', 'review']) {
        const args = command === 'review' ? ['review', '--check', '--at', at] : [command, '--at', at];
        const result = await runCli(args, { cwd: d, now: AT });
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr).toBe(
          `opsbook ${command}: --at "${at}" is outside the supported years 1900 to 2999\n`,
        );
      }
    }
    const from = await runCli(['report', '--from', '0001-01-01'], { cwd: d, now: AT });
    expect(from.code).toBe(2);
    expect(from.stderr).toBe(
      'opsbook report: --from "0001-01-01" is outside the supported years 1900 to 2999\n',
    );
  });

  it('inside them work, up to the last second of 2999', async () => {
    const d = dir();
    const result = await runCli(['sla', '--at', '2999-12-31T23:59:59Z', '--format', 'json'], {
      cwd: d,
      now: AT,
    });
    expectClean(result, 'sla');
    expect(result.code).toBe(0);
    const early = await runCli(['sla', '--at', '1900-01-01T00:00:00Z'], { cwd: d, now: AT });
    expect(early.code).toBe(0);
  });
});
