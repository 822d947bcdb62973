import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGithub } from '../helpers/fake-github.ts';
import { CALM_P2, makeRepo, OPEN_P1, RESOLVED_P1, runGithub, type TestRepo } from '../helpers/github-repo.ts';

const LIST =
  '/repos/acme/ops/issues?labels=opsbook-escalation&state=all&sort=created&direction=asc&per_page=100';
const ZWJ = '\u200D';

function body(level: 'at risk' | 'breached', response: string): string {
  return `<!-- opsbook:escalation INC-2026-0001 -->
**INC-2026-0001** Mail down for @${ZWJ}everyone &lt;b&gt;now&lt;/b&gt;: **SLA ${level}**

| | |
|---|---|
| Status | new |
| Priority | P1 |
| SLA policy | standard |
| Owner | @acme/ops (ops) |
| Ticket | [incidents/2026/INC-2026-0001.md](https://github.com/acme/ops/blob/HEAD/incidents/2026/INC-2026-0001.md) |

| Clock | State | Due (Europe/Berlin) | Due (UTC) |
|---|---|---|---|
| response | ${response} | Mon 2026-03-02 11:00 +01:00 | 2026-03-02T10:00:00Z |
| resolution | 🟢 running | Mon 2026-03-02 14:00 +01:00 | 2026-03-02T13:00:00Z |

${
  level === 'breached'
    ? 'A running clock is past its due time. Respond to the reporter (`acknowledged_at`), resolve the ticket, or record why it waits (`pending`).'
    : 'A running clock has used most of its target. Respond to the reporter (`acknowledged_at`) or resolve the ticket before it is due.'
}

_Opened and maintained by \`opsbook github escalate\`: it follows the ticket file, and closes itself when no running clock is breached or at risk. Change the ticket, not this issue._
`;
}

describe('opsbook github escalate', () => {
  let fake: FakeGithub;
  let repo: TestRepo;
  beforeEach(async () => {
    fake = await new FakeGithub().start();
    repo = makeRepo({
      'incidents/2026/INC-2026-0001.md': OPEN_P1,
      'incidents/2026/INC-2026-0002.md': CALM_P2,
    });
  });
  afterEach(async () => {
    await fake.stop();
    repo.cleanup();
  });
  const escalate = (at: string, ...more: string[]) =>
    runGithub(repo, fake, ['escalate', '--at', at, '--no-cache', ...more]);

  it('opens, updates, keeps and closes one issue per ticket, sending exactly these requests', async () => {
    // 1. First escalation: at 09:50Z the response clock (1h from 09:00Z) is past 75 %.
    let run = await escalate('2026-03-02T09:50:00Z');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fake.requests).toEqual([
      { method: 'GET', path: LIST },
      { method: 'GET', path: '/repos/acme/ops/labels?per_page=100' },
      {
        method: 'POST',
        path: '/repos/acme/ops/labels',
        body: {
          name: 'opsbook-escalation',
          color: '5319e7',
          description: 'Opened by opsbook github escalate',
        },
      },
      {
        method: 'POST',
        path: '/repos/acme/ops/labels',
        body: { name: 'priority:P1', color: 'd93f0b', description: 'Ticket priority P1' },
      },
      {
        method: 'POST',
        path: '/repos/acme/ops/labels',
        body: {
          name: 'sla:at-risk',
          color: 'fbca04',
          description: 'A running SLA clock is close to its due time',
        },
      },
      {
        method: 'POST',
        path: '/repos/acme/ops/issues',
        body: {
          title: `SLA at risk: INC-2026-0001 Mail down for @${ZWJ}everyone <b>now</b>`,
          body: body('at risk', '🟠 at risk'),
          labels: ['opsbook-escalation', 'sla:at-risk', 'priority:P1'],
        },
      },
    ]);
    expect(run.stdout).toBe(
      [
        'created label opsbook-escalation',
        'created label priority:P1',
        'created label sla:at-risk',
        'created #1 INC-2026-0001 (at-risk) https://github.com/acme/ops/issues/1',
        '',
      ].join('\n'),
    );

    // A person adds a label of their own; it must survive the updates.
    fake.issue(1).labels.push('investigating');

    // 2. The state changes: at 10:30Z the response clock is breached.
    fake.clear();
    run = await escalate('2026-03-02T10:30:00Z');
    expect(run.code).toBe(0);
    expect(fake.requests).toEqual([
      { method: 'GET', path: LIST },
      { method: 'GET', path: '/repos/acme/ops/labels?per_page=100' },
      {
        method: 'POST',
        path: '/repos/acme/ops/labels',
        body: {
          name: 'sla:breached',
          color: 'b60205',
          description: 'A running SLA clock is past its due time',
        },
      },
      {
        method: 'PATCH',
        path: '/repos/acme/ops/issues/1',
        body: {
          title: `SLA breached: INC-2026-0001 Mail down for @${ZWJ}everyone <b>now</b>`,
          body: body('breached', '🔴 breached'),
          labels: ['investigating', 'opsbook-escalation', 'sla:breached', 'priority:P1'],
        },
      },
      {
        method: 'POST',
        path: '/repos/acme/ops/issues/1/comments',
        body: { body: '@acme/ops: **INC-2026-0001** is now **breached**.' },
      },
    ]);
    expect(run.stdout).toBe('created label sla:breached\nupdated #1 INC-2026-0001 (breached)\n');

    // 3. A second run with nothing changed (later, same state) reads and writes nothing.
    fake.clear();
    run = await escalate('2026-03-02T10:35:00Z');
    expect(run.code).toBe(0);
    expect(fake.requests).toEqual([{ method: 'GET', path: LIST }]);
    expect(run.stdout).toBe('unchanged #1 INC-2026-0001\n');

    // 4. The ticket is resolved: the issue is closed with a comment.
    repo.write('incidents/2026/INC-2026-0001.md', RESOLVED_P1);
    fake.clear();
    run = await escalate('2026-03-02T11:00:00Z');
    expect(run.code).toBe(0);
    expect(fake.requests).toEqual([
      { method: 'GET', path: LIST },
      {
        method: 'POST',
        path: '/repos/acme/ops/issues/1/comments',
        body: { body: 'Closing: **INC-2026-0001** is resolved.' },
      },
      {
        method: 'PATCH',
        path: '/repos/acme/ops/issues/1',
        body: {
          state: 'closed',
          state_reason: 'completed',
          body: `${body('breached', '🔴 breached').trimEnd()}\n<!-- opsbook:closed -->\n`,
        },
      },
    ]);
    expect(fake.issue(1).state).toBe('closed');

    // 5. And after that, nothing more.
    fake.clear();
    run = await escalate('2026-03-02T12:00:00Z');
    expect(fake.requests).toEqual([{ method: 'GET', path: LIST }]);
    expect(run.stdout).toBe('');
  });

  it('waits out a primary rate limit (403, x-ratelimit-remaining: 0) and a secondary one (429, retry-after)', async () => {
    fake.failNext('GET', /\/issues$/, {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' },
      body: { message: 'API rate limit exceeded for installation.' },
    });
    fake.failNext('POST', /\/issues$/, {
      status: 429,
      headers: { 'retry-after': '0' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });
    const run = await escalate('2026-03-02T09:50:00Z');
    expect(run.code).toBe(0);
    expect(fake.lines()).toEqual([
      `GET ${LIST}`,
      `GET ${LIST}`,
      'GET /repos/acme/ops/labels?per_page=100',
      'POST /repos/acme/ops/labels',
      'POST /repos/acme/ops/labels',
      'POST /repos/acme/ops/labels',
      'POST /repos/acme/ops/issues',
      'POST /repos/acme/ops/issues',
    ]);
    // The retried request is the same request.
    expect(fake.requests[7]).toEqual(fake.requests[6]);
    expect(fake.issues).toHaveLength(1);
    expect(run.stderr).toBe(
      [
        'opsbook github: GitHub rate limit on GET /repos/acme/ops/issues: retrying in 0 s',
        'opsbook github: GitHub secondary rate limit on POST /repos/acme/ops/issues: retrying in 0 s',
        '',
      ].join('\n'),
    );
  });

  it('gives up on a rate limit that lasts too long, with one line', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    fake.failNext('GET', /\/issues$/, {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded' },
    });
    const run = await escalate('2026-03-02T09:50:00Z');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^opsbook github: GitHub rate limit on GET .*: giving up \(retry after \d+ s\)\n/,
    );
    expect(run.stderr.split('\n')[1]).toBe(
      'opsbook github: GitHub API GET /repos/acme/ops/issues: 403 forbidden (does the token have the permissions this command needs?): API rate limit exceeded',
    );
    expect(fake.writes()).toEqual([]);
  });

  it('retries a server error', async () => {
    fake.failNext('GET', /\/issues$/, { status: 502, body: { message: 'Bad gateway' } });
    const run = await escalate('2026-03-02T09:50:00Z');
    expect(run.code).toBe(0);
    expect(fake.lines().slice(0, 2)).toEqual([`GET ${LIST}`, `GET ${LIST}`]);
  });

  it('says in one line when GitHub cannot be reached', async () => {
    await fake.stop();
    const run = await escalate('2026-03-02T09:50:00Z');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^opsbook github: GitHub API GET \/repos\/acme\/ops\/issues: no answer: .*ECONNREFUSED.*\n$/,
    );
  });

  it('--dry-run reads and says what it would do', async () => {
    const run = await escalate('2026-03-02T10:30:00Z', '--dry-run');
    expect(run.code).toBe(0);
    expect(fake.requests).toEqual([{ method: 'GET', path: LIST }]);
    expect(run.stdout).toBe(
      `would create an issue for INC-2026-0001 (breached): SLA breached: INC-2026-0001 Mail down for @${ZWJ}everyone <b>now</b>\n`,
    );
  });

  it('closes the issue of a ticket that no longer exists, and of one whose clocks calmed down', async () => {
    await escalate('2026-03-02T09:50:00Z');
    // The ticket is set to pending: the clocks pause, nothing is at risk.
    repo.write(
      'incidents/2026/INC-2026-0001.md',
      OPEN_P1.replace('status: new', 'status: pending').replace(
        '    status: new\n',
        '    status: new\n  - at: 2026-03-02T09:52:00Z\n    status: pending\n',
      ),
    );
    fake.clear();
    let run = await escalate('2026-03-02T09:55:00Z');
    expect(run.code).toBe(0);
    expect(fake.writes()[0]).toEqual({
      method: 'POST',
      path: '/repos/acme/ops/issues/1/comments',
      body: {
        body: 'Closing: no running SLA clock of **INC-2026-0001** is breached or at risk any more (response: paused, resolution: paused).',
      },
    });
    expect(fake.issue(1).state).toBe('closed');

    // Back to investigating, still unacknowledged: the same issue is reopened.
    repo.write('incidents/2026/INC-2026-0001.md', OPEN_P1);
    fake.clear();
    run = await escalate('2026-03-02T10:30:00Z');
    expect(run.stdout).toContain('reopened #1 INC-2026-0001 (breached)');
    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/ops/labels',
      'PATCH /repos/acme/ops/issues/1',
      'POST /repos/acme/ops/issues/1/comments',
    ]);
    expect((fake.writes()[1]?.body as { state?: string } | undefined)?.state).toBe('open');
    expect(fake.issues).toHaveLength(1);

    // Renumbered away: the issue is closed.
    rmSync(`${repo.dir}/incidents/2026/INC-2026-0001.md`);
    fake.clear();
    run = await escalate('2026-03-02T10:40:00Z');
    expect(fake.writes()[0]?.body).toEqual({
      body: 'Closing: there is no ticket **INC-2026-0001** any more (renumbered or removed).',
    });
  });

  it('respects an issue a person closed until the ticket gets worse', async () => {
    await escalate('2026-03-02T09:50:00Z');
    const issue = fake.issue(1);
    issue.state = 'closed';
    fake.clear();
    let run = await escalate('2026-03-02T09:55:00Z');
    expect(fake.writes()).toEqual([]);
    expect(run.stdout).toBe('closed by hand #1 INC-2026-0001\n');
    run = await escalate('2026-03-02T10:30:00Z');
    expect(run.stdout).toContain('reopened #1 INC-2026-0001 (breached)');
    expect(fake.issue(1).state).toBe('open');
  });

  it('exits 2 with one line without a token or repository, and on a bad token', async () => {
    let run = await runGithub(repo, fake, ['escalate'], { GITHUB_TOKEN: '' });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'opsbook github: no token: set GITHUB_TOKEN (in Actions: the job token, github.token, as env GITHUB_TOKEN)\n',
    );
    run = await runGithub(repo, fake, ['escalate'], { GITHUB_REPOSITORY: '' });
    expect(run.stderr).toBe(
      'opsbook github: no repository: pass --repo owner/name or set GITHUB_REPOSITORY\n',
    );
    run = await runGithub(repo, fake, ['escalate', '--repo', 'not a repo']);
    expect(run.stderr).toBe('opsbook github: --repo "not a repo" is not of the form owner/name\n');
    run = await runGithub(repo, fake, ['escalate', '--at', '2026-03-02T09:50:00Z'], {
      GITHUB_TOKEN: 'wrong',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'opsbook github: GitHub API GET /repos/acme/ops/issues: 401 unauthorized (is GITHUB_TOKEN valid?): Bad credentials\n',
    );
    run = await runGithub(repo, fake, ['escalate', '--repo', 'acme/other', '--at', '2026-03-02T09:50:00Z']);
    expect(run.stderr).toBe(
      'opsbook github: GitHub API GET /repos/acme/other/issues: 404 not found (repository, number or permission?): Not Found\n',
    );
  });

  it('mentions the person on duty for the owner team (rota), and the team when nobody is', async () => {
    // 2026-03-02 is a Monday: anna is on duty, but on leave that day with ben covering.
    const rota = `rota:
  ops:
    calendar: always
    shifts: { mon: anna, tue: carla, wed: carla, thu: carla, fri: carla, sat: carla, sun: carla }
    overrides:
      - { from: 2026-03-02, until: 2026-03-02, person: anna, cover: ben }
people:
  anna: { name: Anna Berg, github: anna-b }
  ben: { name: Ben Vogel, github: ben-v }
  carla: { name: Carla Roth }
`;
    repo.write('opsbook.yaml', `${readFileSync(join(repo.dir, 'opsbook.yaml'), 'utf8')}${rota}`);
    let run = await escalate('2026-03-02T10:30:00Z');
    expect(run.code, run.stderr).toBe(0);
    expect(fake.issues[0]?.body).toContain('| Owner | @ben-v (ops, on duty: Ben Vogel) |');
    // Tuesday: carla has no GitHub login, so the team is mentioned, and she is named.
    repo.write('incidents/2026/INC-2026-0001.md', OPEN_P1.replace(/2026-03-02/g, '2026-03-03'));
    fake.clear();
    run = await escalate('2026-03-03T10:30:00Z');
    expect(run.code, run.stderr).toBe(0);
    expect(fake.issues[0]?.body).toContain('| Owner | @acme/ops (ops, on duty: Carla Roth) |');
  });
});
