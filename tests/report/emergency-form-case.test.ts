/**
 * The real emergency-form case (docs/example-organisation.md), reproduced from the shipped example organisation: the nine tickets
 * of the emergency form (`x-case: emergency-form`). `opsbook report` must state the facts of that
 * analysis: 9 tickets; 4 server failures (3 after automatic updates, 1 backup storage full),
 * 2 hardware failures (router, water damage), 3 decentral ones (1 PC, 1 e-mail problem reported
 * twice); 1 duplicate; 7 of 9 avoidable.
 */
import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../scripts/derive/report.ts';
import { REPO_ROOT, runCli } from '../helpers/cli.ts';

const AT = '2026-11-23T12:00:00Z';
const CASE = ['--where', 'x-case=emergency-form', '--at', AT, '--no-cache'];

async function report(args: string[]): Promise<ReportData> {
  const r = await runCli(['report', ...args, '--format', 'json'], { cwd: REPO_ROOT });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ReportData;
}

describe('opsbook report: the emergency-form case of the example organisation', () => {
  it('states the analysis in the JSON', async () => {
    const r = await report(CASE);
    expect(r.filters).toEqual(['x-case=emergency-form']);
    // 9 tickets, all incidents, over two and a half years.
    expect(r.tickets.total).toBe(9);
    expect(r.tickets.byKind).toEqual({ incident: 9, maintenance: 0, problem: 0, 'service-request': 0 });
    expect(r.tickets.firstReported).toBe('2024-05-14');
    expect(r.tickets.lastReported).toBe('2026-03-10');
    // 4 server failures: 3 after automatic updates, 1 backup storage full (resource exhaustion).
    // 2 hardware failures: the router (hardware) and the burst water pipe (environment).
    // 3 decentral: the PC (hardware) and the e-mail program after updates, reported twice.
    expect(r.incidents.byCategory).toEqual({ decentral: 3, hardware: 2, server: 4 });
    expect(r.incidents.byCategoryAndCause).toEqual({
      decentral: { 'auto-update': 2, hardware: 1 },
      hardware: { environment: 1, hardware: 1 },
      server: { 'auto-update': 3, 'resource-exhaustion': 1 },
    });
    expect(r.incidents.byChannel).toEqual({ 'web-form': 9 });
    // 1 duplicate: the second report of the e-mail problem.
    expect(r.duplicates.count).toBe(1);
    expect(r.duplicates.tickets.map((d) => [d.id, d.duplicateOf])).toEqual([
      ['INC-2025-0007', 'INC-2025-0006'],
    ]);
    // 7 of the 9 could have been avoided.
    expect(r.avoidable).toMatchObject({
      incidents: 9,
      assessed: 9,
      avoidable: 7,
      notAvoidable: 2,
      share: 0.7778,
    });
    expect(r.avoidable.byCategory).toEqual({ decentral: 3, server: 4 });
    // The three server failures after updates are linked to their problem record already.
    expect(r.problemCandidates.candidates).toEqual([]);
  });

  it('states the analysis in the Markdown', async () => {
    const r = await runCli(['report', ...CASE], { cwd: REPO_ROOT });
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('**Filter:** `x-case=emergency-form`');
    expect(md).toContain('9 tickets came in between 2024-05-14 and 2026-03-10: 9 incidents.');
    expect(md).toContain(
      'By category the 9 incidents were: 4 server (3 auto-update, 1 resource-exhaustion); 3 decentral (2 auto-update, 1 hardware; 1 duplicate); 2 hardware (1 environment, 1 hardware).',
    );
    expect(md).toContain('**7 of 9 incidents (77.8 %) could have been avoided**; 2 could not.');
    expect(md).toContain(
      '1 ticket was a duplicate (the same fault reported again): INC-2025-0007 repeats INC-2025-0006.',
    );
    expect(md).toContain('| server | 4 | 3 auto-update, 1 resource-exhaustion | 4 | 0 |');
    expect(md).toContain('| hardware | 2 | 1 environment, 1 hardware | 0 | 0 |');
    expect(md).toContain('| decentral | 3 | 2 auto-update, 1 hardware | 3 | 1 |');
    expect(md).toContain('| auto-update | 5 | 55.6 % | 5 |');
  });

  it('gives the same figures for the channel and period that hold exactly these tickets', async () => {
    const byCase = await report(CASE);
    const byPeriod = await report([
      '--where',
      'channel=web-form',
      '--from',
      '2024-01-01',
      '--to',
      '2026-06-30',
      '--at',
      AT,
      '--no-cache',
    ]);
    const { filters: _a, period: _b, ...caseFacts } = byCase;
    const { filters: _c, period: _d, ...periodFacts } = byPeriod;
    // The months differ (the period ends in June, not on the day of --at); the facts do not.
    expect({ ...periodFacts, monthly: [] }).toEqual({ ...caseFacts, monthly: [] });
  });
});
