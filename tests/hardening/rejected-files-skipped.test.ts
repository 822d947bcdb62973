/**
 * Files that validation rejects never crash the other commands: they are skipped with a note
 * (or, for opsbook.yaml, the command stops with one line and exit 2).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliResult, copyFixture, runCli } from '../helpers/cli.ts';
import { FakeGithub } from '../helpers/fake-github.ts';
import { makeRepo, OPEN_P1, runGithub } from '../helpers/github-repo.ts';

const READ_COMMANDS = [['sla'], ['report'], ['runbooks'], ['review', '--check']];

let cleanup = () => {};
afterEach(() => cleanup());

function fixture(files: Record<string, string>): string {
  const repo = copyFixture('clean');
  cleanup = repo.cleanup;
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo.dir, path), text);
  return repo.dir;
}

function expectNoCrash(result: CliResult): void {
  expect(result.stderr).not.toContain('internal error');
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
}

describe('a self-referencing alias', () => {
  const cyclicTicket = '---\nx-a: &a [*a]\nid: INC-2026-0003\n---\n';
  const cyclicRunbook = '---\nid: mail-loop\nx-a: &a {b: *a}\n---\n';

  it('is a finding at the alias, and every read command skips the file with a note', async () => {
    const dir = fixture({
      'incidents/2026/INC-2026-0003.md': cyclicTicket,
      'runbooks/mail/mail-loop.md': cyclicRunbook,
    });
    const validate = await runCli(['validate'], { cwd: dir });
    expectNoCrash(validate);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/INC-2026-0003\.md\n\s+2:10\s+error .* yaml\/alias-cycle/);
    expect(validate.stdout).toMatch(/mail-loop\.md\n\s+3:13\s+error .* yaml\/alias-cycle/);
    for (const args of READ_COMMANDS) {
      const result = await runCli(args, { cwd: dir });
      expectNoCrash(result);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(/skipped 1 invalid (ticket|runbook) file/);
    }
  });

  it('in opsbook.yaml is a finding there, and the other commands stop with one line', async () => {
    const dir = fixture({});
    writeFileSync(join(dir, 'opsbook.yaml'), 'x-a: &a [*a]\norganization: { name: X, timezone: UTC }\n');
    const validate = await runCli(['validate'], { cwd: dir });
    expectNoCrash(validate);
    expect(validate.stdout).toMatch(/opsbook\.yaml\n\s+1:10\s+error .* yaml\/alias-cycle/);
    for (const args of READ_COMMANDS) {
      const result = await runCli(args, { cwd: dir });
      expectNoCrash(result);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('is skipped with a note by github escalate', async () => {
    const fake = await new FakeGithub().start();
    const repo = makeRepo({
      'incidents/2026/INC-2026-0001.md': OPEN_P1,
      'incidents/2026/INC-2026-0003.md': cyclicTicket,
    });
    try {
      const run = await runGithub(repo, fake, [
        'escalate',
        '--at',
        '2026-03-02T09:50:00Z',
        '--dry-run',
        '--no-cache',
      ]);
      expectNoCrash(run);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('skipped 1 invalid ticket file(s): incidents/2026/INC-2026-0003.md');
      expect(run.stdout).toContain('INC-2026-0001');
    } finally {
      await fake.stop();
      repo.cleanup();
    }
  });
});
