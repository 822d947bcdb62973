/**
 * `opsbook runbooks`: the overview by service, staleness (review and drill intervals, the day
 * after the due date in the organisation's zone), disaster-recovery coverage of central
 * services, JSON, `--fail-on`, bad arguments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const CONFIG = configYaml({
  name: 'Runbook Test',
  teams: null,
  services: `
  mail: { name: E-mail, group: central }
  erp: { name: ERP hosting, group: central }
  vpn: { name: Remote access (VPN), group: central }
  printers: { name: Printers, group: decentral }`,
  calendars: `
  always: { timezone: UTC, hours: always }`,
  sla: `
  policies:
    standard: { calendar: always, targets: { P1: { response: 1h, resolution: 4h } } }
  default: standard`,
});

function runbook(id: string, services: string[], fields: string[]): string {
  return [
    '---',
    `id: ${id}`,
    `title: Runbook ${id}`,
    `services: [${services.join(', ')}]`,
    'scenario: Something broke.',
    'owner: ops',
    'audience: internal',
    ...fields,
    '---',
    '## Steps',
    '',
    '1. Fix it.',
    '',
  ].join('\n');
}

const RUNBOOKS: Record<string, string> = {
  // Disaster recovery; review due 2026-04-10 (90 days), drill due 2026-02-28 (180 days): stale.
  'runbooks/mail/mail-restore.md': runbook(
    'mail-restore',
    ['mail'],
    [
      'last_reviewed: 2026-01-10',
      'review_every: 90d',
      'last_tested: 2025-09-01',
      'test_every: 180d',
      'rto: 4h',
      'rpo: 24h',
    ],
  ),
  // A procedure (no recovery objectives); review due 2026-05-30 (6 months of 30 days).
  'runbooks/mail/mail-queue.md': runbook(
    'mail-queue',
    ['mail', 'vpn'],
    ['last_reviewed: 2025-12-01', 'review_every: 6m'],
  ),
  // Disaster recovery, never drilled although test_every asks for drills; review due 2026-03-31.
  'runbooks/erp/erp-restore.md': runbook(
    'erp-restore',
    ['erp'],
    ['last_reviewed: 2025-03-31', 'review_every: 1y', 'test_every: 1y', 'rto: 1d', 'rpo: 1h'],
  ),
  'runbooks/printers/printer-jam.md': runbook(
    'printer-jam',
    ['printers'],
    ['last_reviewed: 2026-03-01', 'review_every: 1y'],
  ),
};

function makeRepo(files: Record<string, string> = RUNBOOKS): { dir: string; cleanup: () => void } {
  return tempRepository('runbooks', CONFIG, files);
}

describe('opsbook runbooks', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  async function runbooks(args: string[], files?: Record<string, string>) {
    const repo = makeRepo(files);
    cleanup = repo.cleanup;
    return runCli(['runbooks', ...args], { cwd: repo.dir });
  }

  it('shows the runbooks by service with their due dates and state', async () => {
    const r = await runbooks(['--at', '2026-03-31T12:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'SERVICE   GROUP      RUNBOOK       DR   REVIEWED    REVIEW BY   DRILLED     DRILL BY    STATE',
        'mail      central    mail-queue    no   2025-12-01  2026-05-30  never       -           ok',
        'mail      central    mail-restore  yes  2026-01-10  2026-04-10  2025-09-01  2026-02-28  drill overdue',
        'erp       central    erp-restore   yes  2025-03-31  2026-03-31  never       -           never drilled',
        'vpn       central    mail-queue    no   2025-12-01  2026-05-30  never       -           ok',
        'printers  decentral  printer-jam   no   2026-03-01  2027-03-01  never       -           ok',
        '',
        'Central services without a disaster-recovery runbook:',
        '  vpn  Remote access (VPN)',
        '',
        '2026-03-31 (Europe/Berlin): 4 runbooks, 2 stale; 3 central services, 1 without a disaster-recovery runbook',
        '',
      ].join('\n'),
    );
  });

  it('--stale lists the stale runbooks and why; a review is overdue the day after it is due', async () => {
    // 22:30Z on 31 March is 1 April in Berlin: erp-restore's review (due 31 March) is overdue.
    const r = await runbooks(['--stale', '--at', '2026-03-31T22:30:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'RUNBOOK       OWNER  REVIEW BY   DRILL BY    WHY                            FILE',
        'erp-restore   ops    2026-03-31  -           review overdue, never drilled  runbooks/erp/erp-restore.md',
        'mail-restore  ops    2026-04-10  2026-02-28  drill overdue                  runbooks/mail/mail-restore.md',
        '',
        'Central services without a disaster-recovery runbook:',
        '  vpn  Remote access (VPN)',
        '',
        '2026-04-01 (Europe/Berlin): 4 runbooks, 2 stale; 3 central services, 1 without a disaster-recovery runbook',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON', async () => {
    const r = await runbooks(['--stale', '--format', 'json', '--at', '2026-01-15T12:00:00Z']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      at: '2026-01-15T12:00:00Z',
      today: '2026-01-15',
      runbooks: [
        {
          id: 'erp-restore',
          file: 'runbooks/erp/erp-restore.md',
          title: 'Runbook erp-restore',
          services: ['erp'],
          owner: 'ops',
          audience: 'internal',
          disasterRecovery: true,
          lastReviewed: '2025-03-31',
          reviewEvery: '1y',
          reviewDue: '2026-03-31',
          lastTested: null,
          testEvery: '1y',
          testDue: null,
          stale: ['never-drilled'],
        },
      ],
      uncoveredServices: ['vpn'],
      summary: { runbooks: 4, stale: 1, centralServices: 3, uncovered: 1 },
    });
    const full = JSON.parse(
      (await runbooks(['--format', 'json', '--at', '2026-01-15T12:00:00Z'])).stdout,
    ) as {
      runbooks: unknown[];
      services: unknown[];
    };
    expect(full.runbooks).toHaveLength(4);
    expect(full.services).toEqual([
      {
        id: 'mail',
        name: 'E-mail',
        group: 'central',
        runbooks: ['mail-queue', 'mail-restore'],
        disasterRecovery: ['mail-restore'],
      },
      {
        id: 'erp',
        name: 'ERP hosting',
        group: 'central',
        runbooks: ['erp-restore'],
        disasterRecovery: ['erp-restore'],
      },
      {
        id: 'vpn',
        name: 'Remote access (VPN)',
        group: 'central',
        runbooks: ['mail-queue'],
        disasterRecovery: [],
      },
      {
        id: 'printers',
        name: 'Printers',
        group: 'decentral',
        runbooks: ['printer-jam'],
        disasterRecovery: [],
      },
    ]);
  });

  it.each([
    [['--fail-on', 'stale', '--at', '2026-02-01T12:00:00Z'], 1], // erp-restore never drilled
    [['--fail-on', 'missing-dr', '--at', '2026-02-01T12:00:00Z'], 1], // vpn
    [['--fail-on', 'stale,missing-dr', '--at', '2026-02-01T12:00:00Z'], 1],
    [['--at', '2026-02-01T12:00:00Z'], 0],
  ])('%j exits %i', async (args, code) => {
    expect((await runbooks(args)).code).toBe(code);
  });

  it('exits 0 with --fail-on when nothing is stale and every central service is covered', async () => {
    const files = {
      'runbooks/mail/mail-restore.md': runbook(
        'mail-restore',
        ['mail', 'erp', 'vpn'],
        ['last_reviewed: 2026-01-10', 'review_every: 90d', 'rto: 4h', 'rpo: 24h'],
      ),
    };
    const r = await runbooks(
      ['--stale', '--fail-on', 'stale,missing-dr', '--at', '2026-04-10T12:00:00Z'],
      files,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'No stale runbooks.\n\n2026-04-10 (Europe/Berlin): 1 runbooks, 0 stale; 3 central services, 0 without a disaster-recovery runbook\n',
    );
    expect((await runbooks(['--fail-on', 'stale', '--at', '2026-04-11T12:00:00Z'], files)).code).toBe(1);
  });

  it('skips invalid runbooks with a note', async () => {
    const r = await runbooks(['--stale', '--at', '2026-01-15T12:00:00Z'], {
      ...RUNBOOKS,
      'runbooks/vpn/broken.md': '---\nid: broken\n---\n',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'opsbook runbooks: skipped 1 invalid runbook file(s): runbooks/vpn/broken.md (run opsbook validate)\n',
    );
  });

  it.each([
    [['--format', 'xml'], '--format must be one of text, json, not "xml"'],
    [['--fail-on', 'stale,old'], '--fail-on must be one of stale, missing-dr, not "old"'],
    [
      ['--at', 'yesterday'],
      '--at "yesterday" needs a UTC offset, e.g. 2026-03-02T12:00:00Z or 2026-03-02T13:00:00+01:00',
    ],
    [['mail'], 'unexpected argument "mail"'],
    [['--stale=yes'], "Option '--stale' does not take an argument (see opsbook runbooks --help)"],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await runbooks(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`opsbook runbooks: ${message}\n`);
  });

  it('exits 2 without a usable opsbook.yaml', async () => {
    const r = await runbooks([], { 'opsbook.yaml': 'organization: 1\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'opsbook runbooks: opsbook.yaml is missing or invalid; `opsbook validate opsbook.yaml` says why\n',
    );
  });
});
