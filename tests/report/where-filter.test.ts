import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, REPO_ROOT, runCli, tempDir } from '../helpers/cli.ts';

const AT = '2026-11-23T09:00:00Z';

describe('opsbook report --where', () => {
  it('refuses a value that no ticket has, listing the known ones (exit 2)', async () => {
    const typo = await runCli(['report', '--where', 'x-case=emergncy-form', '--no-cache', '--at', AT]);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe(
      'opsbook report: --where x-case=emergncy-form: no ticket has "emergncy-form" (known: emergency-form)\n',
    );
    const customer = await runCli(['report', '--where', 'customer=mueller-gmb', '--no-cache', '--at', AT]);
    expect(customer.code).toBe(2);
    expect(customer.stderr).toContain('no ticket has "mueller-gmb" (known: ');
    expect(customer.stderr).toContain('mueller-gmbh');
  });

  it('keeps an empty report for a known value outside the period', async () => {
    const empty = await runCli([
      'report',
      '--where',
      'x-case=emergency-form',
      '--from',
      '2020-01-01',
      '--to',
      '2020-01-31',
      '--format',
      'json',
      '--no-cache',
      '--at',
      AT,
    ]);
    expect(empty.code).toBe(0);
    expect((JSON.parse(empty.stdout) as { tickets: { total: number } }).tickets.total).toBe(0);
  });

  it('selects the same tickets with and without the cache, whichever field a clause names', async () => {
    // Without the cache the parsing threads send only the fields the report reads (REPORT_FIELDS).
    const repo = tempDir('opsbook-where-');
    try {
      for (const part of ['opsbook.yaml', 'incidents', 'runbooks'])
        cpSync(join(REPO_ROOT, part), join(repo.dir, part), { recursive: true });
      const clauses = [
        'team=shop-team',
        'assignee=kvogel,jweber',
        'customer=mueller-gmbh',
        'channel!=web-form',
        'category=server',
        'cause=auto-update',
        'problem=PRB-2025-0001',
        'service=erp',
        'priority=P1,P2',
        'kind=incident',
        'status=closed',
        'avoidable=true',
        'duplicate_of=',
      ];
      const report = (clause: string, cache: boolean) =>
        runCli(
          ['report', '--where', clause, '--format', 'json', '--at', AT, ...(cache ? [] : ['--no-cache'])],
          {
            cwd: repo.dir,
          },
        );
      for (const clause of clauses) {
        const uncached = await report(clause, false);
        await report(clause, true);
        const cached = await report(clause, true);
        expect([uncached.code, uncached.stderr], clause).toEqual([0, '']);
        expect(uncached.stdout, clause).toBe(cached.stdout);
        expect(
          (JSON.parse(uncached.stdout) as { tickets: { total: number } }).tickets.total,
          clause,
        ).toBeGreaterThan(0);
      }
    } finally {
      repo.cleanup();
    }
  });

  it('refuses an organisation zone that is no time zone with its message, with and without --to', async () => {
    const repo = copyFixture('clean');
    try {
      const config = join(repo.dir, 'opsbook.yaml');
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace('timezone: Europe/Berlin', 'timezone: NOWHERE/LAND'),
      );
      for (const extra of [[], ['--to', '2026-11-30'], ['--from', '2026-01-01', '--to', '2026-11-30']]) {
        const r = await runCli(['report', '--at', AT, '--no-cache', ...extra], { cwd: repo.dir });
        expect([r.code, r.stdout], extra.join(' ')).toEqual([2, '']);
        expect(r.stderr).toContain(
          'organization.timezone "NOWHERE/LAND" is not a time zone (run opsbook validate)',
        );
        expect(r.stderr).not.toContain('internal error');
      }
    } finally {
      repo.cleanup();
    }
  });
});
