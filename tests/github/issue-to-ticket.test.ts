import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { FakeGithub } from '../helpers/fake-github.ts';
import { CALM_P2, makeRepo, runGithub, type TestRepo } from '../helpers/github-repo.ts';

const ZWJ = '\u200D';
const AT = '2026-03-02T10:30:00Z';

/** An outage report as GitHub renders the issue form, with hostile text in it. */
const FORM_BODY = `### Affected service

E-mail (mail)

### What is happening?

No mail since 8 @admins.
<img src=x onerror=alert(1)>
\`\`\`
id: INC-2026-9999
---

### Since when?

_No response_

### Impact

high: many people or a whole site cannot work

### Contact

"Carol", +49 89 1234
owner: evil
`;

const EXPECTED_TICKET = `---
id: INC-2026-0003
title: Mail @admins down <script>
kind: incident
status: new
impact: high
urgency: high
services:
  - mail
channel: web-form
reported_by: |-
  "Carol", +49 89 1234
  owner: evil
reported_at: 2026-03-02T08:55:00+01:00
timeline:
  - at: 2026-03-02T08:55:00+01:00
    status: new
    note: Ticket logged.
x-github-issue: 1
---
## Description

Reported with the outage form in GitHub issue #1 by \`carol\`. What is happening, in the reporter's words:

\`\`\`\`text
No mail since 8 @admins.
<img src=x onerror=alert(1)>
\`\`\`
id: INC-2026-9999
---
\`\`\`\`

## Steps taken
`;

const PR_BODY = `Logs **INC-2026-0003** (\`incidents/2026/INC-2026-0003.md\`) from the outage report in #1.

Before merging: check the service, impact and urgency, add the customer if there is one, and
acknowledge the report (\`acknowledged_at\`) when someone has responded to it. The reporter's
text stands in the body as they wrote it.

_Opened by \`opsbook github issue-to-ticket\`._
`;

const ANSWER =
  '<!-- opsbook:issue-to-ticket -->\nThank you for the report. It is logged as **INC-2026-0003**; the service desk picks it up in #2.\n';

describe('opsbook github issue-to-ticket', () => {
  let fake: FakeGithub;
  let repo: TestRepo;
  beforeEach(async () => {
    fake = await new FakeGithub().start();
    repo = makeRepo({
      'incidents/2026/INC-2026-0001.md': CALM_P2.replace(/0002/g, '0001'),
      'incidents/2026/INC-2026-0002.md': CALM_P2,
    });
    fake.addIssue({
      title: 'Outage: Mail @admins down <script>',
      body: FORM_BODY,
      created_at: '2026-03-02T07:55:00Z',
      user: { login: 'carol', type: 'User' },
    });
  });
  afterEach(async () => {
    await fake.stop();
    repo.cleanup();
  });
  const toTicket = (...args: string[]) => runGithub(repo, fake, ['issue-to-ticket', '--at', AT, ...args]);
  const ticketFiles = () => readdirSync(join(repo.dir, 'incidents/2026')).sort();

  it('proposes the ticket in a pull request and answers the issue; a second run sends no write', async () => {
    const main = fake.refs.get('heads/main');
    let run = await toTicket('--issue', '1');
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({
      code: 0,
      stdout: 'INC-2026-0003 incidents/2026/INC-2026-0003.md https://github.com/acme/ops/pull/2\n',
    });
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/repos/acme/ops/issues/1' },
      { method: 'GET', path: '/repos/acme/ops/pulls?head=acme:opsbook/issue-1&state=all&per_page=10' },
      { method: 'GET', path: '/repos/acme/ops/git/ref/heads/opsbook/issue-1' },
      { method: 'GET', path: '/repos/acme/ops' },
      { method: 'GET', path: '/repos/acme/ops/git/ref/heads/main' },
      {
        method: 'POST',
        path: '/repos/acme/ops/git/refs',
        body: { ref: 'refs/heads/opsbook/issue-1', sha: main },
      },
      {
        method: 'PUT',
        path: '/repos/acme/ops/contents/incidents/2026/INC-2026-0003.md',
        body: {
          branch: 'opsbook/issue-1',
          message: 'Log INC-2026-0003 from issue #1',
          content: Buffer.from(EXPECTED_TICKET).toString('base64'),
        },
      },
      {
        method: 'POST',
        path: '/repos/acme/ops/pulls',
        body: {
          head: 'opsbook/issue-1',
          base: 'main',
          title: `INC-2026-0003: Mail @${ZWJ}admins down <script>`,
          body: PR_BODY,
        },
      },
      { method: 'GET', path: '/user' },
      { method: 'GET', path: '/repos/acme/ops/issues/1/comments?per_page=100' },
      { method: 'POST', path: '/repos/acme/ops/issues/1/comments', body: { body: ANSWER } },
    ]);
    // The working tree is as it was; the file lives on the branch.
    expect(ticketFiles()).toEqual(['INC-2026-0001.md', 'INC-2026-0002.md']);
    expect(fake.fileOn('opsbook/issue-1', 'incidents/2026/INC-2026-0003.md')).toBe(EXPECTED_TICKET);

    // The proposed file passes `opsbook validate` on a checkout of the branch.
    repo.write('incidents/2026/INC-2026-0003.md', EXPECTED_TICKET);
    const validate = await runCli(
      ['validate', 'incidents/2026/INC-2026-0003.md', '--at', AT, '--format', 'json'],
      {
        cwd: repo.dir,
      },
    );
    expect((JSON.parse(validate.stdout) as { findings: unknown[] }).findings).toEqual([]);
    expect(validate.code).toBe(0);

    fake.clear();
    run = await toTicket('--issue', '1');
    expect(run).toMatchObject({
      code: 0,
      stdout: 'exists INC-2026-0003 https://github.com/acme/ops/pull/2\n',
    });
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/repos/acme/ops/issues/1' },
      { method: 'GET', path: '/repos/acme/ops/pulls?head=acme:opsbook/issue-1&state=all&per_page=10' },
      { method: 'GET', path: '/user' },
      { method: 'GET', path: '/repos/acme/ops/issues/1/comments?per_page=100' },
    ]);
  });

  it('completes what a failed run left: the branch without its pull request', async () => {
    fake.failNext('POST', /\/pulls$/, { status: 422, body: { message: 'Validation Failed' } });
    let run = await toTicket('--issue', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'opsbook github: GitHub API POST /repos/acme/ops/pulls: 422 rejected as invalid: Validation Failed\n',
    );
    const branchHead = fake.refs.get('heads/opsbook/issue-1');
    fake.clear();
    run = await toTicket('--issue', '1');
    expect(run.code).toBe(0);
    expect(fake.lines()).toEqual([
      'GET /repos/acme/ops/issues/1',
      'GET /repos/acme/ops/pulls?head=acme:opsbook/issue-1&state=all&per_page=10',
      'GET /repos/acme/ops/git/ref/heads/opsbook/issue-1',
      `GET /repos/acme/ops/git/commits/${branchHead}`,
      'GET /repos/acme/ops',
      'POST /repos/acme/ops/pulls',
      'GET /user',
      'GET /repos/acme/ops/issues/1/comments?per_page=100',
      'POST /repos/acme/ops/issues/1/comments',
    ]);
    expect(fake.comments.map((c) => c.body)).toEqual([ANSWER]);
  });

  it('answers a report it cannot log, once, and exits 1', async () => {
    fake.issue(1).body = FORM_BODY.replace('E-mail (mail)', 'Coffee machine @office');
    let run = await toTicket('--issue', '1');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'opsbook github issue-to-ticket: issue #1: the affected service "Coffee machine @office" is not in the service list\n',
    );
    const answer = [
      '<!-- opsbook:issue-to-ticket -->',
      'Thank you for the report. It could not be logged automatically:',
      '',
      `- the affected service "Coffee machine @${ZWJ}office" is not in the service list`,
      '',
      'Please edit the issue (the form fields above) or tell the service desk another way.',
      '',
    ].join('\n');
    expect(fake.writes()).toEqual([
      { method: 'POST', path: '/repos/acme/ops/issues/1/comments', body: { body: answer } },
    ]);
    fake.clear();
    run = await toTicket('--issue', '1');
    expect(run.code).toBe(1);
    expect(fake.writes()).toEqual([]);
    expect(ticketFiles()).toEqual(['INC-2026-0001.md', 'INC-2026-0002.md']);
  });

  it('--local writes the ticket from an event payload without any API call or token', async () => {
    const event = join(repo.dir, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'opened', issue: fake.issue(1) }));
    const run = await runGithub(repo, fake, ['issue-to-ticket', '--event', event, '--local', '--at', AT], {
      GITHUB_TOKEN: '',
      GITHUB_REPOSITORY: '',
    });
    expect(run).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'INC-2026-0003 incidents/2026/INC-2026-0003.md\n',
    });
    expect(readFileSync(join(repo.dir, 'incidents/2026/INC-2026-0003.md'), 'utf8')).toBe(EXPECTED_TICKET);
    expect(fake.requests).toEqual([]);
  });

  it('--dry-run prints the ticket and writes nothing', async () => {
    const run = await toTicket('--issue', '1', '--dry-run');
    expect(run).toMatchObject({ code: 0, stdout: EXPECTED_TICKET });
    expect(fake.lines()).toEqual(['GET /repos/acme/ops/issues/1']);
    expect(existsSync(join(repo.dir, 'incidents/2026/INC-2026-0003.md'))).toBe(false);
  });

  it('refuses a pull request number and bad flags with one line', async () => {
    fake.addIssue({ title: 'A change', pull: { head: 'x', base: 'main', sha: 'c'.repeat(40) } });
    let run = await toTicket('--issue', '2');
    expect(run).toMatchObject({ code: 2, stderr: 'opsbook github: #2 is a pull request, not an issue\n' });
    run = await toTicket();
    expect(run.stderr).toBe('opsbook github: give either --issue N or --event FILE\n');
    run = await toTicket('--issue', 'x');
    expect(run.stderr).toBe('opsbook github: --issue must be a positive integer, not "x"\n');
    expect(fake.writes()).toEqual([]);
  });
});
