import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formServiceOptions } from '../../scripts/derive/issue-form-services.ts';
import { applyChange, Interrupted, JOURNAL_FILE, recoverJournal } from '../../scripts/lib/journal.ts';
import { copyFixture, REPO_ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { commitAll, git, gitInit } from '../helpers/repo.ts';

/** The rules fixture plus the shipped .github folder, committed in a fresh Git repository. */
function templateRepository() {
  const fixture = copyFixture('rules');
  cpSync(join(REPO_ROOT, '.github'), join(fixture.dir, '.github'), { recursive: true });
  gitInit(fixture.dir);
  commitAll(fixture.dir, 'template');
  return fixture;
}

describe('opsbook init --clean', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("leaves a repository that is the team's own: no example left, .github rewritten, validate clean", async () => {
    const fixture = templateRepository();
    cleanup = fixture.cleanup;
    const refused = await runCli(['init', '--clean'], { cwd: fixture.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'opsbook init: this deletes every ticket and runbook; add --yes to confirm\n',
    );
    expect(existsSync(join(fixture.dir, 'incidents/2026/INC-2026-0001.md'))).toBe(true);

    const result = await runCli(
      [
        'init',
        '--clean',
        '--yes',
        '--name',
        'Acme IT',
        '--url',
        'https://status.acme.test',
        '--timezone',
        'Europe/Stockholm',
        '--service',
        'mail=E-mail',
        '--service',
        'erp=ERP "Navision", hosted',
      ],
      { cwd: fixture.dir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(join(fixture.dir, 'incidents'))).toEqual(['.gitkeep']);
    expect(readdirSync(join(fixture.dir, 'runbooks'))).toEqual(['.gitkeep']);
    const config = readFileSync(join(fixture.dir, 'opsbook.yaml'), 'utf8');
    expect(config).toContain(
      '  name: Acme IT\n  timezone: Europe/Stockholm\n  url: https://status.acme.test\n',
    );
    expect(config).toContain(
      '  erp: { name: "ERP \\"Navision\\", hosted", group: central, owner: ops, public: true }',
    );
    // Nothing of the example organisation is left in .github.
    const github = ['ISSUE_TEMPLATE/report-outage.yml', 'ISSUE_TEMPLATE/config.yml', 'CODEOWNERS']
      .map((f) => readFileSync(join(fixture.dir, '.github', f), 'utf8'))
      .join('\n');
    expect(github).not.toMatch(/example-it|Example IT|ERP hosting/i);
    const form = readFileSync(join(fixture.dir, '.github/ISSUE_TEMPLATE/report-outage.yml'), 'utf8');
    expect(formServiceOptions(form)?.options).toEqual(['E-mail (mail)', 'ERP "Navision", hosted (erp)']);
    expect(form).toContain('# The "Report an outage" form.');
    expect(github).toContain('url: https://status.acme.test');
    const check = await runCli(['validate'], { cwd: fixture.dir });
    expect(check.stdout).toBe('✔ 1 file checked, no problems\n');
    expect(check.code).toBe(0);
    expect(existsSync(join(fixture.dir, JOURNAL_FILE))).toBe(false);
  });

  it('refuses on uncommitted changes unless --force, and bad values before writing anything', async () => {
    const fixture = templateRepository();
    cleanup = fixture.cleanup;
    writeFileSync(join(fixture.dir, 'incidents/2026/INC-2026-0500.md'), '---\nid: x\n---\n');
    const refused = await runCli(['init', '--clean', '--yes'], { cwd: fixture.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes would be lost (incidents/2026/INC-2026-0500.md)');
    for (const [flag, value, message] of [
      ['--timezone', '+01:00', '"+01:00" is not an IANA time zone'],
      ['--name', '', 'the name must not be empty'],
      ['--url', 'status.acme.test', 'is not an address like https://'],
      ['--service', 'Mail Server', 'is not a service id'],
    ] as const) {
      const bad = await runCli(['init', '--clean', '--yes', '--force', flag, value], { cwd: fixture.dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(message);
    }
    expect(existsSync(join(fixture.dir, 'incidents/2026/INC-2026-0500.md'))).toBe(true);
    expect(git(fixture.dir, 'status', '--porcelain')).toBe('?? incidents/2026/INC-2026-0500.md\n');
  });

  it('outside Git it asks for --force: nothing could bring the examples back', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const refused = await runCli(['init', '--clean', '--yes'], { cwd: fixture.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not in a Git repository');
    expect((await runCli(['init', '--clean', '--yes', '--force'], { cwd: fixture.dir })).code).toBe(0);
  });
});

describe('journaled multi-file changes', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** Every file below the folder with its content. */
  function snapshot(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (rel: string) => {
      for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(path);
        else out[path] = readFileSync(join(dir, path), 'utf8');
      }
    };
    walk('');
    return out;
  }

  it('is completed or rolled back by the next run, whichever file operation it was interrupted at', () => {
    const base = tempDir('journal');
    cleanup = base.cleanup;
    const before = {
      'opsbook.yaml': 'old config\n',
      'incidents/2026/INC-2026-0001.md': 'one\n',
      'incidents/2025/INC-2025-0001.md': 'two\n',
      'runbooks/mail/restore.md': 'three\n',
    };
    const change = {
      write: [
        { path: 'opsbook.yaml', content: 'new config\n' },
        { path: 'incidents/.gitkeep', content: '' },
        { path: 'runbooks/.gitkeep', content: '' },
      ],
      delete: ['incidents/2026', 'incidents/2025', 'runbooks/mail'],
    };
    const after = { 'opsbook.yaml': 'new config\n', 'incidents/.gitkeep': '', 'runbooks/.gitkeep': '' };
    // The journal (staging), 3 staged writes, the journal (committed), 3 deletions, 3 renames,
    // the journal's removal.
    const operations = 12;
    const outcomes = new Set<string>();
    for (let k = 0; k <= operations; k++) {
      const dir = join(base.dir, `run-${k}`);
      for (const [path, text] of Object.entries(before)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      let interrupted = false;
      try {
        applyChange(dir, 'init --clean', change, { after: k });
      } catch (error) {
        if (!(error instanceof Interrupted)) throw error;
        interrupted = true;
      }
      expect(interrupted).toBe(k < operations);
      recoverJournal(dir);
      const state = snapshot(dir);
      const same = (a: Record<string, string>, b: Record<string, string>) =>
        Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
      const whole = same(state, before) ? 'rolled back' : 'completed';
      expect(state).toEqual(whole === 'rolled back' ? before : after);
      outcomes.add(whole);
    }
    expect([...outcomes].sort()).toEqual(['completed', 'rolled back']);
  });
});
