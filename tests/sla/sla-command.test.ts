/**
 * `opsbook sla`: the JSON contract (docs/sla.md), the table and Markdown forms, filters,
 * `--fail-on`, and that cached results equal freshly computed ones.
 * Calendar: Mon–Fri 08:00–17:00 Europe/Berlin (9 working hours a day), no holidays.
 * The instant: Monday 2026-03-02 12:00Z = 13:00 in Berlin.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const AT = '2026-03-02T12:00:00Z';

const CONFIG = configYaml({
  name: 'SLA Test',
  sla: `
  policies:
    standard:
      calendar: mon-fri
      pause_statuses: [pending]
      at_risk: 0.75
      targets:
        P1: { response: 1h, resolution: 4h }
        P2: { response: 4h, resolution: 2bd }
  default: standard`,
});

interface TicketSpec {
  id: string;
  title?: string;
  status: string;
  reported: string;
  acknowledged?: string;
  resolved?: string;
  timeline: [string, string][];
  extra?: string;
}

function ticketFile(t: TicketSpec): string {
  const lines = [
    '---',
    `id: ${t.id}`,
    `title: ${JSON.stringify(t.title ?? `Ticket ${t.id}`)}`,
    'kind: incident',
    `status: ${t.status}`,
    'impact: high',
    'urgency: medium',
    'services: [mail]',
    `reported_at: ${t.reported}`,
  ];
  if (t.acknowledged) lines.push(`acknowledged_at: ${t.acknowledged}`);
  if (t.resolved) lines.push(`resolved_at: ${t.resolved}`);
  lines.push('timeline:');
  for (const [at, status] of t.timeline) lines.push(`  - at: ${at}`, `    status: ${status}`);
  if (t.extra) lines.push(t.extra);
  lines.push('---', 'Text.', '');
  return lines.join('\n');
}

const TICKETS: TicketSpec[] = [
  // Acknowledged after 30 minutes; 2bd resolution due Wednesday 09:00 local.
  {
    id: 'INC-2026-0001',
    status: 'investigating',
    reported: '2026-03-02T09:00:00+01:00',
    acknowledged: '2026-03-02T09:30:00+01:00',
    timeline: [
      ['2026-03-02T09:00:00+01:00', 'new'],
      ['2026-03-02T09:30:00+01:00', 'investigating'],
    ],
  },
  // Pending since Friday 16:30: 30 + 300 paused working minutes push the due (Tue 16:00) to Wed 12:30.
  {
    id: 'INC-2026-0002',
    title: 'Mail <script>alert(1)</script> | broken',
    status: 'pending',
    reported: '2026-02-27T16:00:00+01:00',
    acknowledged: '2026-02-27T16:30:00+01:00',
    timeline: [
      ['2026-02-27T16:00:00+01:00', 'new'],
      ['2026-02-27T16:30:00+01:00', 'pending'],
    ],
  },
  // Not acknowledged: the 4h response was due at 12:00 local, an hour ago.
  {
    id: 'INC-2026-0003',
    status: 'new',
    reported: '2026-03-02T08:00:00+01:00',
    timeline: [['2026-03-02T08:00:00+01:00', 'new']],
  },
  {
    id: 'INC-2026-0004',
    status: 'cancelled',
    reported: '2026-03-02T08:00:00+01:00',
    timeline: [
      ['2026-03-02T08:00:00+01:00', 'new'],
      ['2026-03-02T08:05:00+01:00', 'cancelled'],
    ],
  },
  {
    id: 'INC-2026-0005',
    status: 'new',
    reported: '2026-03-02T09:05:00+01:00',
    timeline: [['2026-03-02T09:05:00+01:00', 'new']],
    extra: 'duplicate_of: INC-2026-0001',
  },
  // Reported after the instant: not part of the report.
  {
    id: 'INC-2026-0006',
    status: 'new',
    reported: '2026-03-02T14:00:00+01:00',
    timeline: [['2026-03-02T14:00:00+01:00', 'new']],
  },
  // Resolved within a day: both clocks met.
  {
    id: 'INC-2026-0007',
    status: 'resolved',
    reported: '2026-02-26T10:00:00+01:00',
    acknowledged: '2026-02-26T10:20:00+01:00',
    resolved: '2026-02-26T15:00:00+01:00',
    timeline: [
      ['2026-02-26T10:00:00+01:00', 'new'],
      ['2026-02-26T10:20:00+01:00', 'investigating'],
      ['2026-02-26T15:00:00+01:00', 'resolved'],
    ],
  },
];

function makeRepo(): { dir: string; cleanup: () => void } {
  return tempRepository(
    'sla',
    CONFIG,
    Object.fromEntries(TICKETS.map((t) => [`incidents/2026/${t.id}.md`, ticketFile(t)])),
  );
}

interface SlaJson {
  at: string;
  tickets: Array<{
    id: string;
    status: string;
    priority: string | null;
    policy: string | null;
    response: Record<string, unknown>;
    resolution: Record<string, unknown>;
  }>;
  summary: Record<string, number>;
}

describe('opsbook sla', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('prints the JSON contract with exact due instants and states', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    const result = await runCli(['sla', '--at', AT, '--format', 'json', '--no-cache'], { cwd: repo.dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SlaJson;
    expect(report.at).toBe(AT);
    expect(report.tickets.map((t) => t.id)).toEqual([
      'INC-2026-0001',
      'INC-2026-0002',
      'INC-2026-0003',
      'INC-2026-0004',
      'INC-2026-0005',
      'INC-2026-0007',
    ]);
    const [first, pending, late] = report.tickets;
    expect(first).toEqual({
      id: 'INC-2026-0001',
      kind: 'incident',
      status: 'investigating',
      priority: 'P2',
      policy: 'standard',
      response: {
        start: '2026-03-02T08:00:00Z',
        due: '2026-03-02T12:00:00Z',
        stoppedAt: '2026-03-02T08:30:00Z',
        elapsedMinutes: 30,
        pausedMinutes: 0,
        state: 'met',
      },
      resolution: {
        start: '2026-03-02T08:00:00Z',
        due: '2026-03-04T08:00:00Z',
        stoppedAt: null,
        elapsedMinutes: 240,
        pausedMinutes: 0,
        state: 'running',
      },
    });
    expect(pending?.resolution).toEqual({
      start: '2026-02-27T15:00:00Z',
      due: '2026-03-04T11:30:00Z',
      stoppedAt: null,
      elapsedMinutes: 30,
      pausedMinutes: 330,
      state: 'paused',
    });
    expect(late?.response).toMatchObject({ due: '2026-03-02T11:00:00Z', stoppedAt: null, state: 'breached' });
    expect(report.tickets[3]?.response.state).toBe('not-applicable');
    expect(report.tickets[4]?.resolution.state).toBe('not-applicable');
    expect(report.tickets[5]?.resolution).toMatchObject({ stoppedAt: '2026-02-26T14:00:00Z', state: 'met' });
    expect(report.summary).toEqual({
      met: 4,
      running: 2,
      'at-risk': 0,
      paused: 1,
      breached: 1,
      'not-applicable': 4,
    });
  });

  it('filters by --open and by ID, and fails on breaches only when asked', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    const open = await runCli(['sla', '--at', AT, '--format', 'json', '--open'], { cwd: repo.dir });
    expect((JSON.parse(open.stdout) as SlaJson).tickets.map((t) => t.id)).toEqual([
      'INC-2026-0001',
      'INC-2026-0002',
      'INC-2026-0003',
      'INC-2026-0005',
    ]);
    const one = await runCli(['sla', 'INC-2026-0007', '--at', AT, '--format', 'json'], { cwd: repo.dir });
    expect((JSON.parse(one.stdout) as SlaJson).tickets.map((t) => t.id)).toEqual(['INC-2026-0007']);

    expect((await runCli(['sla', '--at', AT, '--fail-on', 'breached'], { cwd: repo.dir })).code).toBe(1);
    // An hour earlier nothing was breached yet, and nothing had reached 75 % of its target.
    const earlier = ['sla', '--at', '2026-03-02T10:59:00Z'];
    expect((await runCli([...earlier, '--fail-on', 'breached'], { cwd: repo.dir })).code).toBe(0);
    // At 11:05 local INC-2026-0003's response clock (4h from 08:00) has run 3h05m ≥ 75 %: at risk.
    const risky = await runCli(
      ['sla', 'INC-2026-0003', '--at', '2026-03-02T10:05:00Z', '--format', 'json', '--fail-on', 'at-risk'],
      { cwd: repo.dir },
    );
    expect((JSON.parse(risky.stdout) as SlaJson).tickets[0]?.response.state).toBe('at-risk');
    expect(risky.code).toBe(1);
  });

  it('shows titles, due times in the calendar zone with the time left in business days, and safe Markdown', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    const table = await runCli(['sla', '--at', AT], { cwd: repo.dir });
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID +TITLE +STATUS +PRIO +POLICY +RESPONSE +RESOLUTION +NEXT DUE/);
    const row = lines.find((l) => l.startsWith('INC-2026-0001')) ?? '';
    expect(row).toMatch(/^INC-2026-0001 +Ticket INC-2026-0001 +investigating /);
    // Due Wednesday 09:00 Berlin; Mon 13:00 + 1bd = Tue 13:00, then Tue 13–17 + Wed 08–09 = 5h.
    expect(row).toContain('Wed 2026-03-04 09:00 +01:00');
    expect(row).toMatch(/ 1bd 5h left$/);
    const late = lines.find((l) => l.startsWith('INC-2026-0003')) ?? '';
    expect(late).toContain('breached');
    expect(late).toMatch(/ 1h over$/);
    // A 39-character title is cut at a word boundary to fit the 32-character column.
    const pending = lines.find((l) => l.startsWith('INC-2026-0002')) ?? '';
    expect(pending).toContain('  Mail <script>alert(1)</script>…  pending');
    // Due Wed 12:30: Mon 13:00 + 1bd = Tue 13:00, then Tue 13–17 + Wed 08–12:30 = 8h 30m.
    expect(pending).toMatch(/ 1bd 8h 30m left$/);

    const markdown = await runCli(['sla', '--at', AT, '--format', 'markdown'], { cwd: repo.dir });
    expect(markdown.stdout).toContain('### SLA at 2026-03-02T12:00:00Z');
    expect(markdown.stdout).not.toContain('<script>');
    expect(markdown.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| broken');
    // Breached tickets come first.
    const rows = markdown.stdout.split('\n').filter((l) => l.startsWith('| INC-'));
    expect(rows[0]).toMatch(/^\| INC-2026-0003 /);
  });

  it('gives the same answer from the cache as without it', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    const fresh = await runCli(['sla', '--at', AT, '--format', 'json', '--no-cache'], { cwd: repo.dir });
    const first = await runCli(['sla', '--at', AT, '--format', 'json'], { cwd: repo.dir });
    const second = await runCli(['sla', '--at', AT, '--format', 'json'], { cwd: repo.dir });
    expect(first.stdout).toBe(fresh.stdout);
    expect(second.stdout).toBe(fresh.stdout);
  });

  it('an unknown ID is an error naming the IDs not found, and prints no report', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    for (const format of ['table', 'json', 'markdown']) {
      const result = await runCli(
        ['sla', 'INC-2026-0001', 'INC-2026-9999', 'REQ-2026-0001', '--at', AT, '--format', format],
        { cwd: repo.dir },
      );
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: 'opsbook sla: no ticket INC-2026-9999, REQ-2026-0001 in this repository\n',
      });
    }
  });

  it('a malformed ID is an error before anything is read', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    const result = await runCli(['sla', 'INC-2026-0001', 'inc-2026-1', 'INC-26-0001', '--at', AT], {
      cwd: repo.dir,
    });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'opsbook sla: not a ticket ID: "inc-2026-1", "INC-26-0001" (IDs look like INC-2026-0042)\n',
    });
  });

  it('a known ticket reported after --at is left out with a note, not an error', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    const result = await runCli(['sla', 'INC-2026-0006', 'INC-2026-0001', '--at', AT, '--format', 'json'], {
      cwd: repo.dir,
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as SlaJson).tickets.map((t) => t.id)).toEqual(['INC-2026-0001']);
    expect(result.stderr).toBe(`opsbook sla: INC-2026-0006 left out: reported after --at (${AT})\n`);
  });

  it('refuses bad arguments with one line and exit 2', async () => {
    const repo = makeRepo();
    cleanup = repo.cleanup;
    const bad = await runCli(['sla', '--format', 'xml'], { cwd: repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('opsbook sla: --format must be one of table, json, markdown, not "xml"\n');
    const noZone = await runCli(['sla', '--at', '2026-03-02T12:00:00'], { cwd: repo.dir });
    expect(noZone.code).toBe(2);
    expect(noZone.stderr).toContain('needs a UTC offset');
  });
});

/**
 * Pending from Monday evening (closed hours) over a Tuesday 08:00 business-day due, end to end.
 * Calendar Mon–Fri 08:00–12:00 and 13:00–17:00 America/New_York (EST = UTC−5); 2026-01-10 is a
 * Saturday. Resolution 1bd from Saturday 18:14: next opening Mon 08:00 → due Tue 08:00; all 8
 * working hours of Monday use up the target, so the clock resumes Tue 16:29 with nothing left.
 */
describe('opsbook sla: a pause over a due at an opening', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  const config = configYaml({
    name: 'SLA New York',
    calendars: `
  ny-split:
    timezone: America/New_York
    hours: { mon: ["08:00-12:00", "13:00-17:00"], tue: ["08:00-12:00", "13:00-17:00"], wed: ["08:00-12:00", "13:00-17:00"], thu: ["08:00-12:00", "13:00-17:00"], fri: ["08:00-12:00", "13:00-17:00"] }`,
    sla: `
  policies:
    office:
      calendar: ny-split
      pause_statuses: [pending]
      at_risk: 0.75
      targets:
        P2: { response: 1h, resolution: 1bd }
  default: office`,
  });
  const ticket: TicketSpec = {
    id: 'INC-2026-0100',
    title: 'Printer queue stuck',
    status: 'investigating',
    reported: '2026-01-10T18:14:00-05:00',
    acknowledged: '2026-01-12T08:10:00-05:00',
    timeline: [
      ['2026-01-10T18:14:00-05:00', 'new'],
      ['2026-01-12T08:10:00-05:00', 'investigating'],
      ['2026-01-12T18:29:00-05:00', 'pending'],
      ['2026-01-13T16:29:00-05:00', 'investigating'],
    ],
  };
  const sla = async (at: string, format: string) => {
    const repo = tempRepository('sla-ny', config, { 'incidents/2026/INC-2026-0100.md': ticketFile(ticket) });
    cleanup = repo.cleanup;
    return runCli(['sla', '--at', at, '--format', format, '--no-cache'], { cwd: repo.dir });
  };

  it('reads paused on Tuesday while pending, due at the resume, breached after it', async () => {
    const resolution = async (at: string) => {
      const result = await sla(at, 'json');
      expect(result.stderr).toBe('');
      return (JSON.parse(result.stdout) as SlaJson).tickets[0]?.resolution;
    };
    const start = '2026-01-10T23:14:00Z';
    // Tue 10:00: 2h paused; nothing left, so the due is "now" for as long as the pause lasts.
    expect(await resolution('2026-01-13T15:00:00Z')).toEqual({
      start,
      due: '2026-01-13T15:00:00Z',
      stoppedAt: null,
      elapsedMinutes: 480,
      pausedMinutes: 120,
      state: 'paused',
    });
    // Tue 16:45: resumed at 16:29 (paused 08–12 + 13–16:29 = 449), 16 minutes past due.
    expect(await resolution('2026-01-13T21:45:00Z')).toEqual({
      start,
      due: '2026-01-13T21:29:00Z',
      stoppedAt: null,
      elapsedMinutes: 496,
      pausedMinutes: 449,
      state: 'breached',
    });
  });

  it('the table says paused and 0m left while pending, 16m over after the resume', async () => {
    const row = async (at: string) =>
      (await sla(at, 'table')).stdout.split('\n').find((l) => l.startsWith('INC-2026-0100')) ?? '';
    expect(await row('2026-01-13T15:00:00Z')).toMatch(
      /^INC-2026-0100 +Printer queue stuck +pending +P2 +office +met +paused +Tue 2026-01-13 10:00 -05:00 +0m left$/,
    );
    expect(await row('2026-01-13T21:45:00Z')).toMatch(/ breached +Tue 2026-01-13 16:29 -05:00 +16m over$/);
  });
});
