import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, runCli } from '../helpers/cli.ts';

describe('opsbook new', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('creates a valid incident with the next free number in the local zone', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const result = await runCli(
      [
        'new',
        'incident',
        '--title',
        'Mail: queue stuck, "urgent"',
        '--service',
        'mail',
        '--impact',
        'high',
        '--urgency',
        'medium',
        '--customer',
        'acme',
        '--channel',
        'phone',
        '--at',
        '2026-11-23T08:30:00Z',
      ],
      { cwd: fixture.dir },
    );
    expect(result.code).toBe(0);
    // What decides the SLA is said at once: ACME's ticket, priority P2 (high × medium).
    expect(result.stderr).toContain('INC-2026-0100 incident, new, customer acme\n');
    expect(result.stderr).toContain('SLA: policy standard (calendar always, UTC), priority P2\n');
    // The fixture's mail service is not public: the ticket stays off the status page.
    expect(result.stderr).toContain('status page: not shown');
    // The fixture's highest INC-2026 number is 0099 (a file name); the next is 0100.
    expect(result.stdout).toBe('incidents/2026/INC-2026-0100.md\n');
    const text = readFileSync(join(fixture.dir, 'incidents/2026/INC-2026-0100.md'), 'utf8');
    expect(text).toContain('id: INC-2026-0100\n');
    expect(text).toContain('reported_at: 2026-11-23T09:30:00+01:00\n');
    expect(text).toContain('status: new\n');
    const check = await runCli(['validate', 'incidents/2026/INC-2026-0100.md'], { cwd: fixture.dir });
    expect(check.stdout).toContain('no problems');
    expect(check.code).toBe(0);
  });

  it('creates maintenance with its window, and a runbook in its service folder', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const maintenance = await runCli(
      [
        'new',
        'maintenance',
        '--title',
        'Firmware update',
        '--service',
        'web',
        '--from',
        '2026-12-05T20:00:00+01:00',
        '--until',
        '2026-12-05T23:00:00+01:00',
        '--at',
        '2026-11-23T08:30:00Z',
      ],
      { cwd: fixture.dir },
    );
    expect(maintenance.code).toBe(0);
    expect(maintenance.stdout).toBe('incidents/2026/MNT-2026-0002.md\n');
    const runbook = await runCli(
      [
        'new',
        'runbook',
        '--title',
        'Mail-Server wiederherstellen (Übung)',
        '--service',
        'mail',
        '--at',
        '2026-11-23T08:30:00Z',
      ],
      {
        cwd: fixture.dir,
      },
    );
    expect(runbook.code).toBe(0);
    expect(runbook.stdout).toBe('runbooks/mail/mail-server-wiederherstellen-uebung.md\n');
    const text = readFileSync(join(fixture.dir, runbook.stdout.trim()), 'utf8');
    expect(text).toContain('last_reviewed: 2026-11-23\n');
    expect(text).toContain('## Steps');
  });

  it('fails cleanly (exit 2) without a terminal when a required value is missing', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const result = await runCli(['new', 'incident', '--service', 'mail'], { cwd: fixture.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('opsbook new: --title is required (no terminal to ask on)\n');
    const unknown = await runCli(
      ['new', 'incident', '--title', 'x', '--service', 'nope', '--impact', 'high', '--urgency', 'high'],
      { cwd: fixture.dir },
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown service "nope"/);
  });
});
