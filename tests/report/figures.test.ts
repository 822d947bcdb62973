/**
 * `opsbook report` on a small purpose-built repository (tests/helpers/report-repo.ts): exact figures
 * worked out by hand, the period in the organisation's zone, filters, determinism and the cache,
 * `--out`, and the command's errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../scripts/derive/report.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { writeFile } from '../helpers/repo.ts';
import { AT, CONFIG, TICKETS, type TicketSpec, ticketFile, writeRepository } from '../helpers/report-repo.ts';

const PERIOD = ['--from', '2026-03-01', '--to', '2026-03-12', '--at', AT];

let dir: string;
let cleanup: () => void;
let report: ReportData;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('report'));
  writeRepository(dir);
  const result = await runCli(['report', ...PERIOD, '--format', 'json', '--no-cache'], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  report = JSON.parse(result.stdout);
});
afterAll(() => cleanup());

describe('opsbook report: figures', () => {
  it('records the scope', () => {
    expect(report.at).toBe(AT);
    expect(report.organization).toBe('Report Test');
    expect(report.period).toEqual({ from: '2026-03-01', to: '2026-03-12', timezone: 'Europe/Berlin' });
    expect(report.filters).toEqual([]);
  });

  it('counts the tickets of the period in local dates: 23:30 on the last day in, 00:30 the day after out', () => {
    expect(report.tickets).toEqual({
      total: 12,
      byKind: { incident: 8, maintenance: 1, problem: 1, 'service-request': 2 },
      open: 4,
      cancelled: 1,
      firstReported: '2026-03-02',
      lastReported: '2026-03-12',
    });
  });

  it('breaks incidents down by category, cause, service, priority, channel and customer', () => {
    expect(report.incidents).toEqual({
      total: 8,
      byCategory: { '(none)': 1, network: 3, server: 4 },
      byCause: { '(none)': 1, 'auto-update': 4, hardware: 3 },
      byCategoryAndCause: {
        '(none)': { '(none)': 1 },
        network: { hardware: 3 },
        server: { 'auto-update': 4 },
      },
      byService: { mail: 5, vpn: 3 },
      byPriority: { P1: 4, P2: 1, P3: 2, P4: 1 },
      byChannel: { email: 1, monitoring: 3, phone: 2, 'web-form': 2 },
      byCustomer: { '(none)': 3, acme: 3, beta: 2 },
    });
    expect(report.serviceRequests).toEqual({
      total: 2,
      byService: { mail: 2 },
      byPriority: { P1: 0, P2: 0, P3: 0, P4: 2 },
      byChannel: { email: 1, phone: 1 },
      byCustomer: { acme: 2 },
    });
  });

  it('lists duplicates and the avoidable share of the assessed incidents', () => {
    expect(report.duplicates).toEqual({
      count: 1,
      tickets: [
        {
          id: 'INC-2026-0005',
          title: 'Ticket INC-2026-0005',
          kind: 'incident',
          category: 'server',
          duplicateOf: 'INC-2026-0001',
        },
      ],
    });
    expect(report.avoidable).toEqual({
      incidents: 8,
      assessed: 6,
      avoidable: 4,
      notAvoidable: 2,
      notAssessed: 2,
      share: 0.6667,
      byCause: { 'auto-update': 4 },
      byCategory: { server: 4 },
    });
  });

  it('computes MTTA and MTTR in wall-clock and working minutes, median and mean', () => {
    // MTTA wall 30, 30, 2790 (Saturday report), 60, 15, 30; working 30, 30, 30, 60, 15, 30.
    expect(report.times.mtta).toEqual({
      wallClock: { count: 6, median: 30, mean: 492.5 },
      working: { count: 6, median: 30, mean: 32.5 },
    });
    // MTTR wall 120, 1080, 3060, 1440, 180; working 120, 180, 300, 300 (240 pending left out), 180.
    expect(report.times.mttr).toEqual({
      wallClock: { count: 5, median: 1080, mean: 1176 },
      working: { count: 5, median: 180, mean: 216 },
    });
    expect(report.times.byPriority.P1?.mttr).toEqual({
      wallClock: { count: 3, median: 1080, mean: 1420 },
      working: { count: 3, median: 180, mean: 200 },
    });
    expect(report.times.byPriority.P3?.mtta.wallClock).toEqual({ count: 2, median: 22.5, mean: 22.5 });
    expect(report.times.serviceRequests).toEqual({
      mtta: { wallClock: { count: 1, median: 30, mean: 30 }, working: { count: 1, median: 30, mean: 30 } },
      mttr: {
        wallClock: { count: 1, median: 240, mean: 240 },
        working: { count: 1, median: 240, mean: 240 },
      },
    });
  });

  it('computes SLA compliance per clock and per policy (met / decided)', () => {
    const clock = (
      met: number,
      breached: number,
      running: number,
      na: number,
      compliance: number | null,
    ) => ({
      met,
      breached,
      running,
      'at-risk': 0,
      paused: 0,
      'not-applicable': na,
      compliance,
    });
    expect(report.sla.response).toEqual(clock(7, 1, 0, 4, 0.875));
    expect(report.sla.resolution).toEqual(clock(5, 2, 1, 4, 0.7143));
    expect(report.sla.byPolicy).toEqual({
      contract: { response: clock(1, 1, 0, 0, 0.5), resolution: clock(1, 0, 1, 0, 1) },
      standard: { response: clock(6, 0, 0, 4, 1), resolution: clock(4, 2, 0, 4, 0.6667) },
    });
  });

  it('finds the recurring incidents, looking back before the period, and ignores linked ones', () => {
    expect(report.problemCandidates).toEqual({
      settings: { minCount: 3, windowDays: 90, groupBy: ['service', 'cause'] },
      candidates: [
        {
          key: { service: 'mail', cause: 'auto-update' },
          count: 4,
          maxInWindow: 4,
          earlier: 1,
          first: '2026-02-20T09:00:00Z',
          last: '2026-03-07T09:00:00Z',
          tickets: ['INC-2026-0008', 'INC-2026-0001', 'INC-2026-0002', 'INC-2026-0003'],
          title: 'Recurring auto-update incidents on E-mail',
          command: "opsbook new problem --title 'Recurring auto-update incidents on E-mail' --service mail",
        },
      ],
    });
  });

  it('counts reviews and actions as they stand on the day of --at, by the rules of review --check', () => {
    // Required: three by the tickets; INC-0004 (P2) and INC-0006 (breached) by the default policy,
    // due 5 business days after the resolution (Wed 03-04 → Wed 03-11).
    expect(report.reviews).toEqual({
      required: 5,
      done: 1,
      pending: 1,
      due: 1,
      overdue: 2,
      outstanding: [
        { ticket: 'INC-2026-0003', title: 'Ticket INC-2026-0003', due: '2026-03-10', state: 'overdue' },
        { ticket: 'INC-2026-0004', title: 'Ticket INC-2026-0004', due: '2026-03-11', state: 'overdue' },
        { ticket: 'INC-2026-0002', title: 'Ticket INC-2026-0002', due: '2026-03-20', state: 'due' },
        { ticket: 'INC-2026-0006', title: 'Ticket INC-2026-0006', due: null, state: 'pending' },
      ],
    });
    expect(report.actions).toEqual({
      total: 4,
      done: 1,
      open: 3,
      overdue: 1,
      openActions: [
        {
          ticket: 'INC-2026-0003',
          title: 'Alert on failed service start',
          owner: 'ops',
          due: '2026-03-11',
          overdue: true,
        },
        { ticket: 'INC-2026-0004', title: 'Spare gateway', owner: 'ops', due: '2026-03-20', overdue: false },
        { ticket: 'INC-2026-0003', title: 'Document the rollback', owner: 'ops', due: null, overdue: false },
      ],
    });
  });

  it('reports stale runbooks: review overdue, drill required but never done', () => {
    expect(report.runbooks).toEqual({
      total: 3,
      stale: [
        {
          id: 'mail-restore',
          title: 'Restore the mail server',
          owner: 'ops',
          reasons: ['review-overdue'],
          reviewDue: '2026-01-31',
          drillDue: '2026-06-01',
          lastTested: '2025-06-01',
        },
        {
          id: 'vpn-gateway',
          title: 'Replace the VPN gateway',
          owner: 'ops',
          reasons: ['never-drilled'],
          reviewDue: '2026-08-28',
          drillDue: null,
          lastTested: null,
        },
      ],
      neverDrilled: ['mail-queue', 'vpn-gateway'],
    });
  });

  it('gives the months of the period for the charts', () => {
    expect(report.monthly).toEqual([
      {
        month: '2026-03',
        byKind: { incident: 8, maintenance: 1, problem: 1, 'service-request': 2 },
        resolvedIncidents: 5,
        mttrMedianMinutes: { wallClock: 1080, working: 180 },
      },
    ]);
  });

  it('states the figures in the Markdown', async () => {
    const { stdout, code } = await runCli(['report', ...PERIOD, '--no-cache'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('# Incident report: Report Test');
    expect(stdout).toContain('**Period:** 2026-03-01 to 2026-03-12 (Europe/Berlin)');
    expect(stdout).toContain(
      '12 tickets came in between 2026-03-02 and 2026-03-12: 8 incidents, 2 service requests, 1 maintenance window, 1 problem record.',
    );
    expect(stdout).toContain(
      'By category the 8 incidents were: 4 server (4 auto-update; 1 duplicate); 3 network (3 hardware); 1 without category (1 no cause given).',
    );
    expect(stdout).toContain(
      '**4 of 6 assessed incidents (66.7 %) could have been avoided**; 2 could not; 2 were not assessed.',
    );
    expect(stdout).toContain('| MTTA, wall-clock | 30 min | 8 h 13 min | 6 |');
    expect(stdout).toContain('| MTTR, working time | 3 h | 3 h 36 min | 5 |');
    expect(stdout).toContain('| MTTR, wall-clock | 18 h | 19 h 36 min | 5 |');
    expect(stdout).toContain('| **all policies** | 7 / 8 | 87.5 % | 5 / 7 | 71.4 % | 1 | 4 |');
    expect(stdout).toContain('### 1. Recurring auto-update incidents on E-mail');
    expect(stdout).toContain('- INC-2026-0008 Ticket INC-2026-0008 (reported 2026-02-20, before the period)');
    expect(stdout).toContain(
      "```sh\nopsbook new problem --title 'Recurring auto-update incidents on E-mail' --service mail\n```",
    );
    expect(stdout).toContain('| INC-2026-0003 | Ticket INC-2026-0003 | 2026-03-10 | **overdue** |');
    expect(stdout).toContain('3 runbooks: 2 stale (review or drill overdue), 2 never drilled.');
    // Charts only when they are written next to the Markdown.
    expect(stdout).not.toContain('.svg');
  });
});

describe('opsbook report: period, filters, cache', () => {
  it('is deterministic, and the cached run equals the uncached one', async () => {
    const args = ['report', ...PERIOD, '--format', 'json'];
    const first = await runCli(args, { cwd: dir });
    const second = await runCli(args, { cwd: dir });
    const uncached = await runCli([...args, '--no-cache'], { cwd: dir });
    expect(first.stdout).toBe(uncached.stdout);
    expect(second.stdout).toBe(uncached.stdout);
    const markdown = await runCli(['report', ...PERIOD], { cwd: dir });
    const markdownUncached = await runCli(['report', ...PERIOD, '--no-cache'], { cwd: dir });
    expect(markdown.stdout).toBe(markdownUncached.stdout);
  });

  it('defaults to every ticket up to the day of --at', async () => {
    const { stdout } = await runCli(['report', '--at', AT, '--format', 'json', '--no-cache'], { cwd: dir });
    const all = JSON.parse(stdout);
    expect(all.period).toEqual({ from: null, to: '2026-03-13', timezone: 'Europe/Berlin' });
    // Every ticket reported up to --at: the one of February and the one of 03-13 00:30 too.
    expect(all.tickets.total).toBe(TICKETS.length);
    expect(all.problemCandidates.candidates[0].earlier).toBe(0);
  });

  it('filters with --where, custom x-* fields included', async () => {
    const json = async (...where: string[]) => {
      const r = await runCli(
        ['report', ...PERIOD, '--format', 'json', ...where.flatMap((w) => ['--where', w])],
        {
          cwd: dir,
        },
      );
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };
    const vpn = await json('service=vpn', 'kind=incident');
    expect(vpn.filters).toEqual(['service=vpn', 'kind=incident']);
    expect(vpn.tickets.total).toBe(3);
    expect((await json('problem=')).tickets.total).toBe(10);
    expect((await json('customer!=acme,beta')).tickets.total).toBe(5);
    expect((await json('priority=P1')).tickets.total).toBe(4);
    expect((await json('avoidable=true')).avoidable.avoidable).toBe(4);
    // No ticket has x-team-note: a value for it is a typo (exit 2); `x-team-note=` (not set) keeps all.
    const typo = await runCli(['report', ...PERIOD, '--where', 'x-team-note=a'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'opsbook report: --where x-team-note=a: no ticket has "a" (no ticket has that field)\n',
    );
    expect((await json('x-team-note=')).tickets.total).toBe(12);
  });

  it('writes report.md, report.json and the charts with --out, the Markdown linking the charts', async () => {
    const out = join(dir, 'out', 'march');
    const { code, stdout } = await runCli(['report', ...PERIOD, '--out', 'out/march'], { cwd: dir });
    expect(code).toBe(0);
    const files = [
      'report.md',
      'report.json',
      'tickets-per-month.svg',
      'mttr-trend.svg',
      'sla-compliance.svg',
    ];
    expect(stdout).toBe(files.map((f) => `${join(out, f)}\n`).join(''));
    for (const f of files) expect(existsSync(join(out, f))).toBe(true);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('![Tickets per month by kind, Report Test](tickets-per-month.svg)');
    expect(md).toContain('](mttr-trend.svg)');
    expect(md).toContain('](sla-compliance.svg)');
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toEqual(report);
  });

  it('fails with one line and exit 2 on bad arguments', async () => {
    const cases: [string[], string][] = [
      [['--from', '2026-02-30'], 'opsbook report: --from "2026-02-30" is not a date YYYY-MM-DD\n'],
      [
        ['--from', '2026-03-12', '--to', '2026-03-01'],
        'opsbook report: --from 2026-03-12 lies after --to 2026-03-01\n',
      ],
      [['--where', 'colour=red'], 'opsbook report: --where: unknown field "colour"'],
      [['--where', 'kind'], 'opsbook report: --where "kind" is not FIELD=VALUE or FIELD!=VALUE\n'],
      [['--format', 'html'], 'opsbook report: --format must be one of markdown, json, not "html"\n'],
      [['--at', '2026-03-13'], 'opsbook report: --at "2026-03-13" needs a UTC offset'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['report', ...args], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.startsWith(message), r.stderr).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('applies the review policy of opsbook.yaml, as review --check does', async () => {
    const { dir: other, cleanup: done } = tempDir('report-review');
    try {
      writeRepository(other, {
        config: `${CONFIG}review: { required_priorities: [P2], on_breach: false, due_business_days: 1, calendar: mon-fri }\n`,
      });
      const r = await runCli(['report', ...PERIOD, '--format', 'json', '--no-cache'], { cwd: other });
      const reviews = (JSON.parse(r.stdout) as ReportData).reviews;
      // The three tickets that say so, and INC-0004 (P2), due 1 business day after Wed 03-04 09:00.
      expect(reviews).toMatchObject({ required: 4, done: 1, pending: 0, due: 1, overdue: 2 });
      expect(reviews.outstanding.map((x) => [x.ticket, x.due])).toEqual([
        ['INC-2026-0004', '2026-03-05'],
        ['INC-2026-0003', '2026-03-10'],
        ['INC-2026-0002', '2026-03-20'],
      ]);
    } finally {
      done();
    }
  });

  it('rejects unknown options', async () => {
    const r = await runCli(['report', '--bogus'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^opsbook report: .*Unknown option '--bogus'/);
  });

  it('prints its help', async () => {
    const r = await runCli(['report', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: opsbook report [options]');
  });
});

describe('opsbook report: two ticket files with one ID', () => {
  it('counts each file with its own SLA clocks', async () => {
    const repo = tempDir('report-same-id');
    try {
      writeRepository(repo.dir);
      // The same ID again, never acknowledged: both of its P1 clocks have breached by AT.
      const first = TICKETS[0] as TicketSpec;
      const again: TicketSpec = {
        ...first,
        status: 'new',
        acknowledged: undefined,
        resolved: undefined,
        timeline: [[first.reported, 'new']],
      };
      writeFile(repo.dir, 'incidents/2026/INC-2026-0001-again.md', ticketFile(again));
      const result = await runCli(['report', ...PERIOD, '--format', 'json', '--no-cache'], { cwd: repo.dir });
      expect(result.code).toBe(0);
      const twice = JSON.parse(result.stdout) as ReportData;
      expect(twice.tickets.total).toBe(13);
      expect(twice.sla.response).toMatchObject({ met: 7, breached: 2 });
      expect(twice.sla.resolution).toMatchObject({ met: 5, breached: 3 });
    } finally {
      repo.cleanup();
    }
  });
});
