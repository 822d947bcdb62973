import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { commitAll, featureBranch } from '../helpers/repo.ts';
import { FakeGithub } from './fake-github.ts';
import { CALM_P2, makeRepo, OPEN_P1, runGithub, type TestRepo } from './repo.ts';

const ZWJ = '\u200D';
const HEAD = 'a'.repeat(40);

/** A branch `feature` off `main` that adds INC-2026-0001 and a broken, hostile INC-2026-0003. */
function branchRepo(): TestRepo {
  const repo = makeRepo({ 'incidents/2026/INC-2026-0002.md': CALM_P2 });
  featureBranch(repo.dir);
  repo.write('incidents/2026/INC-2026-0001.md', OPEN_P1);
  repo.write(
    'incidents/2026/INC-2026-0003.md',
    CALM_P2.replace(/0002/g, '0003')
      .replace('services: [web]', 'services: [nope]')
      .replace('Website slow', 'Slow | `x` @bob'),
  );
  return repo;
}

const EXPECTED_BODY = `<!-- opsbook:pr-summary -->
## Opsbook

❌ **Validation:** 1 error, 0 warnings in 3 files checked (changes since main).

| File | Line | Severity | Rule | Message |
|---|---:|---|---|---|
| incidents/2026/INC-2026-0003.md | 8:12 | error | ref/service | unknown service "nope" (not in opsbook.yaml services) |

### SLA at 2026-03-02T10:30:00Z

2 tickets; clocks: 1 met, 2 running, 0 at-risk, 0 paused, 1 breached, 0 not-applicable.

| Ticket | Priority | Policy | Response | Resolution | Next due | Left |
|---|---|---|---|---|---|---|
| INC-2026-0001 Mail down for @${ZWJ}everyone &lt;b&gt;now&lt;/b&gt; | P1 | standard | 🔴 breached | 🟢 running | Mon 2026-03-02 11:00 +01:00 | 30m over |
| INC-2026-0003 Slow \\| \\\`x\\\` @${ZWJ}bob | P2 | standard | ✅ met | 🟢 running | Mon 2026-03-02 18:00 +01:00 | 6h 30m left |

<sub>Updated by \`opsbook github pr-summary\` on every push.</sub>
`;

describe('opsbook github pr-summary --base (no token)', () => {
  let repo: TestRepo;
  let fake: FakeGithub;
  beforeEach(async () => {
    repo = branchRepo();
    fake = await new FakeGithub().start();
  });
  afterEach(async () => {
    repo.cleanup();
    await fake.stop();
  });

  it('writes the findings and the SLA of the touched tickets, escaped (exit 0: validate is the gate)', async () => {
    const run = await runGithub(
      repo,
      fake,
      ['pr-summary', '--base', 'main', '--at', '2026-03-02T10:30:00Z'],
      {
        GITHUB_TOKEN: '',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(EXPECTED_BODY);
    expect(run.code).toBe(0);
    expect(fake.requests).toEqual([]);
    // The findings are those of `opsbook validate --changed-since`.
    const validate = await runCli(
      ['validate', '--changed-since', 'main', '--at', '2026-03-02T10:30:00Z', '--format', 'json'],
      { cwd: repo.dir },
    );
    const findings = (
      JSON.parse(validate.stdout) as { findings: { file: string; line: number; code: string }[] }
    ).findings;
    expect(findings.map((f) => `| ${f.file} | ${f.line}:`)).toEqual(
      run.stdout
        .split('\n')
        .filter((l) => l.startsWith('| incidents/'))
        .map((l) => l.slice(0, l.indexOf(':') + 1)),
    );
  });

  it('--out writes the file; --annotations prints the workflow annotations', async () => {
    const run = await runGithub(repo, fake, [
      'pr-summary',
      '--base',
      'main',
      '--at',
      '2026-03-02T10:30:00Z',
      '--out',
      'summary.md',
      '--annotations',
    ]);
    expect(readFileSync(join(repo.dir, 'summary.md'), 'utf8')).toBe(EXPECTED_BODY);
    expect(run.stdout).toBe(
      '::error file=incidents/2026/INC-2026-0003.md,line=8,col=12,title=ref/service::unknown service "nope" (not in opsbook.yaml services)\n',
    );
  });

  it('says so when no ticket changed', async () => {
    commitAll(repo.dir, 'tickets');
    repo.git('checkout', '-q', '-b', 'other', 'main');
    const run = await runGithub(repo, fake, ['pr-summary', '--base', 'main', '--at', '2026-03-02T10:30:00Z']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '<!-- opsbook:pr-summary -->',
        '## Opsbook',
        '',
        '✅ **Validation:** 1 file checked (changes since main), no problems.',
        '',
        'No ticket with SLA clocks changed in this pull request.',
        '',
        '<sub>Updated by `opsbook github pr-summary` on every push.</sub>',
        '',
      ].join('\n'),
    );
  });
});

describe('opsbook github pr-summary --post', () => {
  let repo: TestRepo;
  let fake: FakeGithub;
  let pr: number;
  beforeEach(async () => {
    repo = makeRepo();
    fake = await new FakeGithub().start();
    fake.addIssue({ title: 'An unrelated issue' });
    pr = fake.addIssue({ title: 'Add tickets', pull: { head: 'feature', base: 'main', sha: HEAD } }).number;
    fake.addComment(pr, 'Looks good to me', { login: 'alice', type: 'User' });
  });
  afterEach(async () => {
    repo.cleanup();
    await fake.stop();
  });
  const post = (body: string, ...more: string[]) => {
    writeFileSync(join(repo.dir, 'body.md'), body);
    return runGithub(repo, fake, ['pr-summary', '--post', 'body.md', '--pr', String(pr), ...more]);
  };

  it('creates the comment, then updates it in place, then leaves it alone', async () => {
    const first = '<!-- opsbook:pr-summary -->\n## Opsbook\n\nFirst push.\n';
    let run = await post(first);
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({
      code: 0,
      stdout: 'created https://github.com/acme/ops/issues/2#issuecomment-1002\n',
    });
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/repos/acme/ops/pulls/2' },
      { method: 'GET', path: '/user' },
      { method: 'GET', path: '/repos/acme/ops/issues/2/comments?per_page=100' },
      { method: 'POST', path: '/repos/acme/ops/issues/2/comments', body: { body: first } },
    ]);

    fake.addComment(pr, 'Another remark', { login: 'bob', type: 'User' });
    fake.clear();
    const second = '<!-- opsbook:pr-summary -->\n## Opsbook\n\nSecond push, @someone.\n';
    run = await post(second, '--expect-head', HEAD);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'updated https://github.com/acme/ops/issues/2#issuecomment-1002\n',
    });
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/repos/acme/ops/pulls/2' },
      { method: 'GET', path: '/user' },
      { method: 'GET', path: '/repos/acme/ops/issues/2/comments?per_page=100' },
      {
        method: 'PATCH',
        path: '/repos/acme/ops/issues/comments/1002',
        body: { body: `<!-- opsbook:pr-summary -->\n## Opsbook\n\nSecond push, @${ZWJ}someone.\n` },
      },
    ]);

    fake.clear();
    run = await post(second);
    expect(run.stdout).toBe('unchanged https://github.com/acme/ops/issues/2#issuecomment-1002\n');
    expect(fake.writes()).toEqual([]);
    expect(fake.comments.map((c) => c.body.slice(0, 27))).toEqual([
      'Looks good to me',
      '<!-- opsbook:pr-summary -->',
      'Another remark',
    ]);
  });

  it('finds its comment on a later page of comments', async () => {
    for (let i = 0; i < 120; i++) fake.addComment(pr, `comment ${i}`, { login: 'alice', type: 'User' });
    const marked = fake.addComment(pr, '<!-- opsbook:pr-summary -->\nold\n');
    await post('<!-- opsbook:pr-summary -->\nnew\n');
    expect(fake.lines()).toEqual([
      'GET /repos/acme/ops/pulls/2',
      'GET /user',
      'GET /repos/acme/ops/issues/2/comments?per_page=100',
      'GET /repos/acme/ops/issues/2/comments?per_page=100&page=2',
      `PATCH /repos/acme/ops/issues/comments/${marked.id}`,
    ]);
  });

  it('refuses a body without the marker, a bad number, and a foreign head commit', async () => {
    let run = await post('## Opsbook\n');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'opsbook github: the body does not start with <!-- opsbook:pr-summary -->; it is not an opsbook pr-summary\n',
    );
    for (const bad of ['0', '-3', '1.5', 'abc', '12345678901']) {
      run = await runGithub(repo, fake, ['pr-summary', '--post', 'body.md', `--pr=${bad}`]);
      expect(run.stderr).toBe(`opsbook github: --pr must be a positive integer, not "${bad}"\n`);
    }
    run = await post('<!-- opsbook:pr-summary -->\nx\n', '--expect-head', 'b'.repeat(40));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `opsbook github: pull request #2 is at ${HEAD}, not ${'b'.repeat(40)}: the summary belongs to another commit\n`,
    );
    run = await runGithub(repo, fake, ['pr-summary', '--post', 'body.md', '--pr', '1']);
    expect(run.stderr).toBe(
      'opsbook github: GitHub API GET /repos/acme/ops/pulls/1: 404 not found (repository, number or permission?): Not Found\n',
    );
    expect(fake.writes()).toEqual([]);
  });

  it('cuts a body over 65,536 characters with a note', async () => {
    const line = `| ${'x'.repeat(96)} |\n`;
    await post(`<!-- opsbook:pr-summary -->\n${line.repeat(1000)}`);
    const sent = (fake.writes()[0]?.body as { body: string } | undefined)?.body ?? '';
    expect(sent.length).toBeLessThanOrEqual(65_536);
    expect(sent.length).toBeGreaterThan(65_000);
    expect(sent.endsWith('\n\n… cut to the size GitHub allows.\n')).toBe(true);
    expect(
      sent
        .split('\n')
        .slice(1, -3)
        .every((l) => l === line.trimEnd()),
    ).toBe(true);
  });
});

describe('opsbook github help and arguments', () => {
  it('prints help for the command and each subcommand', async () => {
    const repo = makeRepo();
    const fake = new FakeGithub();
    try {
      for (const sub of [[], ['pr-summary'], ['escalate'], ['issue-to-ticket']]) {
        const run = await runGithub(repo, fake, [...sub, '--help']);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^Usage:/);
      }
      let run = await runGithub(repo, fake, []);
      expect(run.code).toBe(2);
      run = await runGithub(repo, fake, ['frobnicate']);
      expect(run.stderr).toBe(
        'opsbook github: unknown subcommand "frobnicate" (pr-summary, escalate or issue-to-ticket)\n',
      );
      run = await runGithub(repo, fake, ['pr-summary']);
      expect(run.stderr).toBe(
        'opsbook github: give either --base REF (make the summary) or --post FILE --pr N (post it)\n',
      );
      run = await runGithub(repo, fake, ['pr-summary', '--base', 'nope']);
      expect(run.stderr).toBe(
        'opsbook github: --base: "nope" is not a commit, branch or tag in this repository\n',
      );
    } finally {
      repo.cleanup();
    }
  });
});
