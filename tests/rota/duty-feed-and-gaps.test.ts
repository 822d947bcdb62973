/**
 * `opsbook rota` and the rota checks of `opsbook validate`: who is on duty at explicit
 * instants across a DST change, on a holiday, during leave with cover, and the gaps and
 * overlaps validate reports; the iCalendar feed parsed with ical.js.
 */
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const ROTA = `people:
  anna: { name: Anna Berg, github: anna-b }
  ben: { name: Ben Kraus }
  carla: { name: Carla Neri }
rota:
  ops:
    calendar: office
    shifts: { mon: anna, tue: anna, wed: ben, thu: ben, fri: carla }
    overrides:
      - { from: 2026-12-21, until: 2027-01-06, person: anna, cover: ben }
      - { from: 2027-01-08, until: 2027-01-08, person: carla }
  weekend:
    calendar: sundays
    shifts:
      sun:
        - { from: "00:00", until: "12:00", person: anna }
        - { from: "12:00", until: "24:00", person: ben }
`;

const CONFIG = configYaml({
  name: 'Duty',
  teams: '\n  ops: { name: Operations }\n  weekend: { name: Weekend desk }',
  calendars: `
  office:
    timezone: Europe/Berlin
    hours: { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }
    holidays: { dates: [2026-12-24] }
  sundays:
    timezone: Europe/Berlin
    hours: { sun: ["00:00-24:00"] }`,
  sla: '\n  policies:\n    std:\n      calendar: office\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
  more: ROTA,
});

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function repo(config = CONFIG): string {
  const r = tempRepository('rota', config);
  cleanups.push(r.cleanup);
  return r.dir;
}

interface Duty {
  person: string | null;
  absent?: string;
  from: string;
  until: string;
}
async function onDuty(dir: string, at: string): Promise<Record<string, Duty[]>> {
  const r = await runCli(['rota', '--at', at, '--format', 'json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { teams: { team: string; on_duty: Duty[] }[] };
  return Object.fromEntries(out.teams.map((t) => [t.team, t.on_duty]));
}

describe('opsbook rota', () => {
  it('the weekday shift during open hours, nobody outside them', async () => {
    const dir = repo();
    expect((await onDuty(dir, '2026-12-16T09:00:00Z')).ops).toEqual([
      { person: 'ben', from: '2026-12-16T08:00:00+01:00', until: '2026-12-16T17:00:00+01:00' },
    ]);
    expect((await onDuty(dir, '2026-12-16T17:30:00Z')).ops).toEqual([]);
    const text = await runCli(['rota', '--at', '2026-12-16T09:00:00Z'], { cwd: dir });
    expect(text.stdout).toContain('Operations: Ben Kraus (ben), 08:00 to 17:00');
  });

  it('leave with cover: ben takes anna’s Monday; a holiday needs nobody', async () => {
    const dir = repo();
    expect((await onDuty(dir, '2026-12-21T10:00:00+01:00')).ops).toEqual([
      {
        person: 'ben',
        absent: 'anna',
        from: '2026-12-21T08:00:00+01:00',
        until: '2026-12-21T17:00:00+01:00',
      },
    ]);
    const text = await runCli(['rota', '--at', '2026-12-21T10:00:00+01:00'], { cwd: dir });
    expect(text.stdout).toContain('Ben Kraus (ben), covering Anna Berg');
    // 24 December is a Thursday and a holiday of the office calendar.
    expect((await onDuty(dir, '2026-12-24T10:00:00+01:00')).ops).toEqual([]);
    // After the leave anna is back.
    expect((await onDuty(dir, '2027-01-11T10:00:00+01:00')).ops?.[0]?.person).toBe('anna');
  });

  it('across the DST change: shifts keep their wall times, the night shift is 13 hours long', async () => {
    const dir = repo();
    // 25 October 2026, clocks go back at 03:00 CEST: 11:30 UTC is 12:30 CET.
    const before = (await onDuty(dir, '2026-10-25T10:30:00Z')).weekend;
    expect(before).toEqual([
      { person: 'anna', from: '2026-10-25T00:00:00+02:00', until: '2026-10-25T12:00:00+01:00' },
    ]);
    expect((await onDuty(dir, '2026-10-25T11:30:00Z')).weekend?.[0]?.person).toBe('ben');
    // 29 March 2026, clocks go forward at 02:00: 09:30 UTC is 11:30 CEST, still anna's.
    expect((await onDuty(dir, '2026-03-29T09:30:00Z')).weekend?.[0]).toEqual({
      person: 'anna',
      from: '2026-03-29T00:00:00+01:00',
      until: '2026-03-29T12:00:00+02:00',
    });
  });

  it('--ics: an RFC 5545 feed that ical.js reads, one event per stretch, in UTC', async () => {
    const dir = repo();
    const r = await runCli(['rota', '--ics', 'weekend', '--at', '2026-10-20T00:00:00Z', '--weeks', '1'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const vcalendar = new ICAL.Component(ICAL.parse(r.stdout));
    const events = vcalendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(
      events.map((e) => [
        e.summary,
        e.startDate.toJSDate().toISOString(),
        e.endDate.toJSDate().toISOString(),
      ]),
    ).toEqual([
      ['On duty: Anna Berg', '2026-10-24T22:00:00.000Z', '2026-10-25T11:00:00.000Z'],
      ['On duty: Ben Kraus', '2026-10-25T11:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    ]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(2);

    const ops = await runCli(['rota', '--ics', 'ops', '--at', '2027-01-04T00:00:00Z', '--weeks', '1'], {
      cwd: dir,
    });
    const summaries = new ICAL.Component(ICAL.parse(ops.stdout))
      .getAllSubcomponents('vevent')
      .map((c) => new ICAL.Event(c).summary);
    expect(summaries).toEqual([
      'On duty: Ben Kraus (covering: Anna Berg)',
      'On duty: Ben Kraus (covering: Anna Berg)',
      'On duty: Ben Kraus',
      'On duty: Ben Kraus',
      'Nobody on duty (absent: Carla Neri)',
    ]);
    const unknown = await runCli(['rota', '--ics', 'nosuch'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no rota for team "nosuch" \(rotas: ops, weekend\)/);
  });
});

describe('opsbook validate: the rota', () => {
  it('a gap (an absence nobody covers) in the coming weeks; the holiday is none', async () => {
    const dir = repo();
    const r = await runCli(['validate', 'opsbook.yaml', '--at', '2026-12-14T12:00:00Z', '--format', 'json'], {
      cwd: dir,
    });
    const findings = (JSON.parse(r.stdout) as { findings: { code: string; message: string; line: number }[] })
      .findings;
    const gaps = findings.filter((f) => f.code === 'rota/gap');
    expect(gaps.map((f) => f.message)).toEqual([
      'nobody is on duty 2027-01-08T08:00:00+01:00 to 2027-01-08T17:00:00+01:00 while calendar office is open',
    ]);
    expect(gaps[0]?.line).toBeGreaterThan(0);
    // Seen from after the absence, there is no gap.
    const later = await runCli(['validate', 'opsbook.yaml', '--at', '2027-01-09T12:00:00Z'], { cwd: dir });
    expect(later.stdout).not.toContain('rota/gap');
  });

  it('overlapping shifts and unknown people', async () => {
    const config = CONFIG.replace(
      'shifts: { mon: anna, tue: anna, wed: ben, thu: ben, fri: carla }',
      'shifts:\n      mon: anna\n      tue: [{ from: "08:00", until: "13:00", person: anna }, { from: "12:00", until: "17:00", person: zoe }]\n      wed: ben\n      thu: ben\n      fri: carla',
    );
    const dir = repo(config);
    const r = await runCli(['validate', 'opsbook.yaml', '--at', '2027-02-01T12:00:00Z'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rota\/overlap/);
    expect(r.stdout).toMatch(/on tue zoe \(12:00-17:00\) overlaps anna \(08:00-13:00\)/);
    expect(r.stdout).toMatch(/"zoe" is not in people\s+rota\/unknown-person/);
  });
});
