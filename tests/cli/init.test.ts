import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, runCli } from '../helpers/cli.ts';

describe('opsbook init --clean', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('removes the examples and leaves a repository that validates clean', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const refused = await runCli(['init', '--clean'], { cwd: fixture.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'opsbook init: this deletes every ticket and runbook; add --yes to confirm\n',
    );
    expect(existsSync(join(fixture.dir, 'incidents/2026/INC-2026-0001.md'))).toBe(true);

    const result = await runCli(
      ['init', '--clean', '--yes', '--name', 'Acme IT', '--timezone', 'Europe/Stockholm'],
      {
        cwd: fixture.dir,
      },
    );
    expect(result.code).toBe(0);
    expect(readdirSync(join(fixture.dir, 'incidents'))).toEqual(['.gitkeep']);
    expect(readdirSync(join(fixture.dir, 'runbooks'))).toEqual(['.gitkeep']);
    const check = await runCli(['validate'], { cwd: fixture.dir });
    expect(check.stdout).toBe('✔ 1 file checked, no problems\n');
    expect(check.code).toBe(0);
    const created = await runCli(
      [
        'new',
        'incident',
        '--title',
        'First',
        '--service',
        'mail',
        '--impact',
        'low',
        '--urgency',
        'low',
        '--at',
        '2026-11-23T08:00:00Z',
      ],
      { cwd: fixture.dir },
    );
    expect(created.stdout).toBe('incidents/2026/INC-2026-0001.md\n');
  });
});
