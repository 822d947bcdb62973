/**
 * A real team's first day and first outage, driven through the command line on a repository
 * that starts as the shipped template: init --clean, a first build with nothing to show, an
 * incident with an effect and a public text, an update, the resolution, the review and the
 * report — the site built at each stage and `validate` clean after every step.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { commitAll, gitInit } from '../helpers/repo.ts';

const BUILD_TIMEOUT = 240_000;
const ID = 'INC-2026-0001';
const FILE = `incidents/2026/${ID}.md`;

interface ApiIncident {
  id: string;
  status: string;
  impact: string;
  shortlink: string;
  incident_updates: { status: string; body: string }[];
  components: { id: string; name: string; status: string }[];
}

describe("a team's first day and first outage", () => {
  const repo = tempDir('journey');
  const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, now: Date.parse('2026-12-07T08:00:00Z') });
  const read = (path: string) => readFileSync(join(repo.dir, path), 'utf8');
  const api = (out: string, doc: string) =>
    JSON.parse(read(`${out}/public/api/v2/${doc}.json`)) as Record<string, unknown>;
  const banner = (out: string) =>
    (/<p class="banner[^"]*">([\s\S]*?)<\/p>/.exec(read(`${out}/public/index.html`))?.[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .trim();

  async function validateClean(step: string): Promise<void> {
    const result = await cli('validate', '--format', 'json', '--at', '2026-12-07T12:00:00Z');
    const findings = (JSON.parse(result.stdout) as { findings: { code: string; message: string }[] })
      .findings;
    expect(findings, `validate after ${step}`).toEqual([]);
    expect(result.code).toBe(0);
  }

  beforeAll(() => {
    for (const part of ['opsbook.yaml', 'incidents', 'runbooks', '.github'])
      cpSync(join(REPO_ROOT, part), join(repo.dir, part), { recursive: true });
    gitInit(repo.dir);
    commitAll(repo.dir, 'from the template');
  });
  afterAll(() => repo.cleanup());

  it(
    'goes from init to the review with no broken step',
    async () => {
      const init = await cli(
        'init',
        '--clean',
        '--yes',
        '--name',
        'Journey IT',
        '--url',
        'https://status.journey.test',
        '--timezone',
        'Europe/Berlin',
        '--service',
        'mail=E-mail',
        '--service',
        'web=Website',
      );
      expect(init.code).toBe(0);
      commitAll(repo.dir, 'init');
      await validateClean('init');

      // The first deploy, before anything happened: both builds, all operational, empty lists.
      const first = await cli('site', '--at', '2026-12-07T07:00:00Z', '--out', 'out1', '--no-history');
      expect(first.code, first.stderr).toBe(0);
      expect(banner('out1')).toBe('All systems operational');
      expect(api('out1', 'summary').incidents).toEqual([]);
      expect(api('out1', 'incidents').incidents).toEqual([]);
      expect(read('out1/internal/index.html')).toContain('Journey IT');

      // Monday 08:58 in Berlin: the mail server is down.
      const created = await cli(
        'new',
        'incident',
        '--title',
        'Mail server down',
        '--service',
        'mail',
        '--effect',
        'mail=major_outage',
        '--impact',
        'high',
        '--urgency',
        'high',
        '--channel',
        'monitoring',
        '--public',
        'We are investigating problems with e-mail.',
        '--note',
        'Disk full on mx1',
        '--at',
        '2026-12-07T08:58:00+01:00',
      );
      expect(created.stdout).toBe(`${FILE}\n`);
      expect(created.stderr).toContain('SLA: policy standard (calendar office, Europe/Berlin), priority P1');
      expect(created.stderr).toContain('response due 2026-12-07 09:58 (Europe/Berlin)');
      expect(created.stderr).toContain('status page: shown, E-mail major outage');
      await validateClean('new incident');

      const during = await cli(
        'site',
        '--audience',
        'public',
        '--at',
        '2026-12-07T08:05:00Z',
        '--out',
        'out2',
      );
      expect(during.code, during.stderr).toBe(0);
      expect(banner('out2')).toBe('Major system outage');
      const summary = api('out2', 'summary') as {
        components: { name: string; status: string }[];
        incidents: ApiIncident[];
      };
      expect(summary.components.find((c) => c.name === 'E-mail')?.status).toBe('major_outage');
      expect(summary.components.find((c) => c.name === 'Website')?.status).toBe('operational');
      expect(
        summary.incidents.map((i) => [i.status, i.impact, i.incident_updates.map((u) => u.body)]),
      ).toEqual([['investigating', 'critical', ['We are investigating problems with e-mail.']]]);
      expect(read('out2/public/index.html')).not.toContain('Disk full');

      const identified = await cli(
        'update',
        ID,
        '--status',
        'identified',
        '--public',
        'The cause is found; a fix is under way.',
        '--note',
        'Rotating logs on mx1',
        '--at',
        '2026-12-07T09:20:00+01:00',
      );
      expect(identified.code, identified.stderr).toBe(0);
      await validateClean('update');
      const resolved = await cli(
        'resolve',
        ID,
        '--public',
        'E-mail works again.',
        '--at',
        '2026-12-07T10:05:00+01:00',
      );
      expect(resolved.code, resolved.stderr).toBe(0);
      const text = read(FILE);
      expect(text).toContain('status: resolved\n');
      expect(text).toContain(
        'acknowledged_at: 2026-12-07T09:20:00+01:00\nresolved_at: 2026-12-07T10:05:00+01:00\n',
      );
      await validateClean('resolve');

      const after = await cli(
        'site',
        '--audience',
        'public',
        '--at',
        '2026-12-07T09:30:00Z',
        '--out',
        'out3',
      );
      expect(after.code, after.stderr).toBe(0);
      expect(banner('out3')).toBe('All systems operational');
      const incidents = (api('out3', 'incidents') as { incidents: ApiIncident[] }).incidents;
      expect(incidents).toHaveLength(1);
      expect(incidents[0]?.status).toBe('resolved');
      // Statuspage lists the newest update first.
      expect(incidents[0]?.incident_updates.map((u) => [u.status, u.body])).toEqual([
        ['resolved', 'E-mail works again.'],
        ['identified', 'The cause is found; a fix is under way.'],
        ['investigating', 'We are investigating problems with e-mail.'],
      ]);
      expect(
        (api('out3', 'summary') as { components: { status: string }[] }).components.every(
          (c) => c.status === 'operational',
        ),
      ).toBe(true);

      const review = await cli('review', ID);
      expect(review.code, review.stderr).toBe(0);
      expect(read(FILE)).toContain('## Summary');
      await validateClean('review');

      const sla = await cli('sla', ID, '--format', 'json', '--at', '2026-12-07T12:00:00Z');
      const clocks = (
        JSON.parse(sla.stdout) as {
          tickets: { response: { state: string }; resolution: { state: string } }[];
        }
      ).tickets[0];
      expect([clocks?.response.state, clocks?.resolution.state]).toEqual(['met', 'met']);

      const report = await cli(
        'report',
        '--from',
        '2026-12-01',
        '--to',
        '2026-12-31',
        '--format',
        'json',
        '--at',
        '2026-12-31T12:00:00Z',
      );
      expect(report.code, report.stderr).toBe(0);
      const tickets = (
        JSON.parse(report.stdout) as { tickets: { total: number; byKind: Record<string, number> } }
      ).tickets;
      expect(tickets.total).toBe(1);
      expect(tickets.byKind.incident).toBe(1);
    },
    BUILD_TIMEOUT,
  );
});
