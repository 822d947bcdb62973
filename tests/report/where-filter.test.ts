import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

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
});
