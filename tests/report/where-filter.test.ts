import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.ts';

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
});
