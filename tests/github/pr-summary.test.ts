import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { FakeGithub } from '../helpers/fake-github.ts';
import { CALM_P2, makeRepo, OPEN_P1, runGithub, type TestRepo } from '../helpers/github-repo.ts';
import { commitAll, featureBranch } from '../helpers/repo.ts';

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

/** Valid summary data for pull request #2 at HEAD, with `over` changed. */
function data(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'opsbook-pr-summary/1',
    pr: 2,
    head: HEAD,
    base: 'main',
    checkedFiles: 1,
    errors: 0,
    warnings: 0,
    findings: [],
    sla: null,
    ...over,
  };
}

const finding = (message: string, over: Record<string, unknown> = {}) => ({
  file: 'incidents/2026/INC-2026-0003.md',
  line: 8,
  col: 12,
  severity: 'error',
  code: 'ref/service',
  message,
  ...over,
});

describe('opsbook github pr-summary --post', () => {
  let repo: TestRepo;
  let fake: FakeGithub;
  let pr: number;
  beforeEach(async () => {
    repo = branchRepo();
    fake = await new FakeGithub().start();
    fake.addIssue({ title: 'An unrelated issue' });
    pr = fake.addIssue({ title: 'Add tickets', pull: { head: 'feature', base: 'main', sha: HEAD } }).number;
    fake.addComment(pr, 'Looks good to me', { login: 'alice', type: 'User' });
  });
  afterEach(async () => {
    repo.cleanup();
    await fake.stop();
  });
  const post = (value: unknown, ...more: string[]) => {
    writeFileSync(join(repo.dir, 'data.json'), typeof value === 'string' ? value : JSON.stringify(value));
    return runGithub(repo, fake, ['pr-summary', '--post', 'data.json', ...more]);
  };
  const sentBody = () => (fake.writes().at(-1)?.body as { body: string } | undefined)?.body ?? '';

  it('renders the data of the pull-request run as the preview shows it; creates, updates, leaves alone', async () => {
    let run = await runGithub(repo, fake, [
      'pr-summary',
      '--base',
      'main',
      '--at',
      '2026-03-02T10:30:00Z',
      '--data',
      'data.json',
      '--pr',
      String(pr),
      '--head',
      HEAD,
    ]);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(fake.requests).toEqual([]);
    const made = JSON.parse(readFileSync(join(repo.dir, 'data.json'), 'utf8')) as Record<string, unknown>;
    expect(made).toMatchObject({ format: 'opsbook-pr-summary/1', pr, head: HEAD, errors: 1, warnings: 0 });

    run = await runGithub(repo, fake, ['pr-summary', '--post', 'data.json', '--expect-head', HEAD]);
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({
      code: 0,
      stdout: 'created https://github.com/acme/ops/issues/2#issuecomment-1002\n',
    });
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/repos/acme/ops/pulls/2' },
      { method: 'GET', path: '/user' },
      { method: 'GET', path: '/repos/acme/ops/issues/2/comments?per_page=100' },
      { method: 'POST', path: '/repos/acme/ops/issues/2/comments', body: { body: EXPECTED_BODY } },
    ]);

    fake.addComment(pr, 'Another remark', { login: 'bob', type: 'User' });
    fake.clear();
    run = await post(data({ checkedFiles: 2 }), '--expect-head', HEAD, '--pr', '2');
    expect(run.stdout).toBe('updated https://github.com/acme/ops/issues/2#issuecomment-1002\n');
    expect(fake.lines().at(-1)).toBe('PATCH /repos/acme/ops/issues/comments/1002');
    expect(sentBody()).toContain('✅ **Validation:** 2 files checked (changes since main), no problems.');

    fake.clear();
    run = await post(data({ checkedFiles: 2 }));
    expect(run.stdout).toBe('unchanged https://github.com/acme/ops/issues/2#issuecomment-1002\n');
    expect(fake.writes()).toEqual([]);
    expect(fake.comments.map((c) => c.body.slice(0, 27))).toEqual([
      'Looks good to me',
      '<!-- opsbook:pr-summary -->',
      'Another remark',
    ]);
  });

  it("finds its own comment on a later page, and never a stranger's with the marker", async () => {
    for (let i = 0; i < 120; i++) fake.addComment(pr, `comment ${i}`, { login: 'alice', type: 'User' });
    const forged = fake.addComment(pr, '<!-- opsbook:pr-summary -->\nAll fine, merge it.', {
      login: 'mallory',
      type: 'User',
    });
    const marked = fake.addComment(pr, '<!-- opsbook:pr-summary -->\nold\n');
    await post(data());
    expect(fake.lines()).toEqual([
      'GET /repos/acme/ops/pulls/2',
      'GET /user',
      'GET /repos/acme/ops/issues/2/comments?per_page=100',
      'GET /repos/acme/ops/issues/2/comments?per_page=100&page=2',
      `PATCH /repos/acme/ops/issues/comments/${marked.id}`,
    ]);
    expect(fake.comments.find((c) => c.id === forged.id)?.body).toBe(
      '<!-- opsbook:pr-summary -->\nAll fine, merge it.',
    );
  });

  it('renders hostile data inert: no HTML, images, links, mentions or broken tables', async () => {
    const hostile = [
      '<img src="https://tracker.example/p.gif?u=1">',
      '<details open><summary>Approved</summary>',
      '@acme/everyone and @bob',
      '[fix it](javascript:alert(1))',
      '![pixel](https://tracker.example/p.png)',
      '| extra | cells |',
      '**bold** _em_ `code` ~~gone~~ <!-- hide -->',
    ].join(' ');
    const long = `${hostile} ${'x'.repeat(500 - hostile.length - 1)}`;
    expect(long).toHaveLength(500);
    const run = await post(
      data({
        base: '<b>main</b> @base',
        errors: 3,
        warnings: 0,
        findings: [
          finding(hostile),
          finding(long, { file: 'incidents/<script>/@x.md', code: 'ref/x' }),
          finding('two\nlines\r\n<details>'),
        ],
        sla: {
          at: '2026-03-02T10:30:00Z',
          tickets: 1,
          clocks: { met: 0, running: 1, 'at-risk': 0, paused: 0, breached: 1, 'not-applicable': 0 },
          rows: [
            {
              id: 'INC-2026-0001',
              title: '<img src=x onerror=alert(1)> [x](https://evil) @ops',
              priority: 'P1',
              policy: 'standard',
              response: 'breached',
              resolution: 'running',
              due: '2026-03-02T10:00:00Z',
              zone: 'Europe/Berlin',
              leftMs: -1_800_000,
            },
          ],
        },
      }),
    );
    expect(run.stderr).toBe('');
    const body = sentBody();
    const lines = body.split('\n');
    // The only HTML is ours: the marker and the closing <sub>.
    expect(lines.filter((l) => /<[A-Za-z!/]/.test(l))).toEqual([
      '<!-- opsbook:pr-summary -->',
      '<sub>Updated by `opsbook github pr-summary` on every push.</sub>',
    ]);
    // In the cells from the data, no link or image syntax, emphasis or code survives unescaped.
    const rows = lines.filter((l) => l.startsWith('| incidents') || l.startsWith('| INC-'));
    expect(rows).toHaveLength(4);
    expect(rows.join('\n')).not.toMatch(/(?<!\\)[[\]`*_~]/);
    expect(body).not.toMatch(/@(?!\u200D)/);
    // Every table row has its columns, whatever the cells say.
    const cells = (l: string) => l.split(/(?<!\\)\|/).length - 2;
    expect(lines.filter((l) => l.startsWith('| incidents')).map(cells)).toEqual([5, 5, 5]);
    expect(lines.filter((l) => l.startsWith('| INC-')).map(cells)).toEqual([7]);
    expect(body).toContain(
      '| INC-2026-0001 &lt;img src=x onerror=alert(1)&gt; \\[x\\](https://evil) @\u200Dops | P1 | standard | 🔴 breached | 🟢 running | Mon 2026-03-02 11:00 +01:00 | 30m over |',
    );
    expect(body).toContain('changes since &lt;b&gt;main&lt;/b&gt; @\u200Dbase');
    expect(body).toContain('| two lines &lt;details&gt; |');
  });

  it('refuses data of the wrong shape or size, whole, before any request', async () => {
    const cases: [unknown, string][] = [
      ['## Opsbook\n', '$ is not JSON'],
      ['<!-- opsbook:pr-summary -->\n<img src=x>', '$ is not JSON'],
      [data({ format: 'opsbook-pr-summary/9' }), '$.format must be "opsbook-pr-summary/1"'],
      [{ ...data(), body: '<img src=x>' }, '$.body is not a known field'],
      [{ ...data(), sla: undefined }, '$.sla is missing'],
      [data({ pr: 0 }), '$.pr must be an integer from 1 to 9999999999'],
      [data({ head: 'main' }), '$.head has an unexpected form'],
      [data({ base: 'b'.repeat(201) }), '$.base is longer than 200 characters'],
      [
        data({ errors: 1, findings: [finding('m'.repeat(501))] }),
        '$.findings[0].message is longer than 500 characters',
      ],
      [
        data({ errors: 1, findings: [finding('m', { severity: 'fatal' })] }),
        '$.findings[0].severity must be one of error, warning',
      ],
      [
        data({ errors: 1, findings: [finding('m', { code: '<b>' })] }),
        '$.findings[0].code has an unexpected form',
      ],
      [
        data({ errors: 1, findings: [finding('m', { line: 1.5 })] }),
        '$.findings[0].line must be an integer from 0 to 10000000',
      ],
      [
        data({ errors: 101, findings: Array.from({ length: 101 }, () => finding('m')) }),
        '$.findings has more than 100 entries',
      ],
      [data({ findings: [finding('m')] }), '$.errors and $.warnings count fewer findings than listed'],
      [
        data({ sla: { at: '2026-03-02T10:30:00Z', tickets: 1, clocks: {}, rows: [] } }),
        '$.sla.clocks.met is missing',
      ],
      [`${JSON.stringify(data())}${' '.repeat(1024 * 1024)}`, 'is larger than 1048576 bytes'],
    ];
    for (const [value, message] of cases) {
      const run = await post(value);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.split('\n')).toHaveLength(2);
    }
    expect(fake.requests).toEqual([]);
  });

  it('refuses a bad number, data for another pull request or commit', async () => {
    for (const bad of ['0', '-3', '1.5', 'abc', '12345678901']) {
      const run = await post(data(), `--pr=${bad}`);
      expect(run.stderr).toBe(`opsbook github: --pr must be a positive integer, not "${bad}"\n`);
    }
    let run = await post(data(), '--pr', '7');
    expect(run.stderr).toBe('opsbook github: data.json is for pull request #2, not #7\n');
    run = await post(data(), '--expect-head', 'b'.repeat(40));
    expect(run.stderr).toBe(`opsbook github: the summary is for commit ${HEAD}, not ${'b'.repeat(40)}\n`);
    expect(fake.requests).toEqual([]);
    run = await post(data({ head: 'b'.repeat(40) }));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `opsbook github: pull request #2 is at ${HEAD}, not ${'b'.repeat(40)}: the summary belongs to another commit\n`,
    );
    run = await post(data({ pr: 1 }));
    expect(run.stderr).toBe(
      'opsbook github: GitHub API GET /repos/acme/ops/pulls/1: 404 not found (repository, number or permission?): Not Found\n',
    );
    expect(fake.writes()).toEqual([]);
  });

  it('cuts a body over 65,536 characters with a note', async () => {
    const row = (i: number) => ({
      id: `INC-2026-${String(i + 1).padStart(4, '0')}`,
      title: 't'.repeat(200),
      priority: 'P2',
      policy: 'standard',
      response: 'met',
      resolution: 'running',
      due: '2026-03-02T18:00:00Z',
      zone: 'UTC',
      leftMs: 3_600_000,
    });
    await post(
      data({
        errors: 100,
        findings: Array.from({ length: 100 }, () => finding('m'.repeat(500))),
        sla: {
          at: '2026-03-02T10:30:00Z',
          tickets: 200,
          clocks: { met: 200, running: 200, 'at-risk': 0, paused: 0, breached: 0, 'not-applicable': 0 },
          rows: Array.from({ length: 200 }, (_, i) => row(i)),
        },
      }),
    );
    const sent = sentBody();
    expect(sent.length).toBeLessThanOrEqual(65_536);
    expect(sent.length).toBeGreaterThan(60_000);
    expect(sent.startsWith('<!-- opsbook:pr-summary -->\n')).toBe(true);
    expect(
      sent.endsWith(
        '\n\n… cut to the size GitHub allows; `opsbook validate --changed-since` shows everything.\n',
      ),
    ).toBe(true);
  });
});

describe('opsbook github help and arguments', () => {
  it('prints help for the command and each subcommand', async () => {
    const repo = makeRepo();
    const fake = new FakeGithub();
    try {
      for (const sub of [[], ['pr-summary'], ['escalate'], ['issue-to-ticket'], ['issue-form']]) {
        const run = await runGithub(repo, fake, [...sub, '--help']);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^Usage:/);
      }
      let run = await runGithub(repo, fake, []);
      expect(run.code).toBe(2);
      run = await runGithub(repo, fake, ['frobnicate']);
      expect(run.stderr).toBe(
        'opsbook github: unknown subcommand "frobnicate" (pr-summary, escalate, issue-to-ticket or issue-form)\n',
      );
      run = await runGithub(repo, fake, ['pr-summary']);
      expect(run.stderr).toBe(
        'opsbook github: give either --base REF (make the summary) or --post FILE (post it)\n',
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
