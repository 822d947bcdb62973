/**
 * Sticky comments are Opsbook's own: found by the marker AND the token's login, so a comment
 * anyone else starts with the marker is never edited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGithub } from '../helpers/fake-github.ts';
import { CALM_P2, makeRepo, runGithub, type TestRepo } from '../helpers/github-repo.ts';

const MARKER = '<!-- opsbook:issue-to-ticket -->';
const REPORT = `### Affected service

Coffee machine

### What is happening?

No coffee.

### Impact

high
`;

describe('sticky comments', () => {
  let fake: FakeGithub;
  let repo: TestRepo;
  beforeEach(async () => {
    fake = await new FakeGithub().start();
    repo = makeRepo({ 'incidents/2026/INC-2026-0002.md': CALM_P2 });
    fake.addIssue({ title: 'Outage: coffee', body: REPORT, user: { login: 'mallory', type: 'User' } });
  });
  afterEach(async () => {
    await fake.stop();
    repo.cleanup();
  });
  const answer = (...more: string[]) =>
    runGithub(repo, fake, ['issue-to-ticket', '--issue', '1', '--at', '2026-03-02T10:30:00Z', ...more]);
  const bodies = () => fake.comments.map((c) => [c.user.login, c.body.split('\n')[1]]);

  it("leave a stranger's comment with the marker alone and write their own (Actions token)", async () => {
    const forged = fake.addComment(1, `${MARKER}\nIt is logged as **INC-2026-0666**; pay here.`, {
      login: 'mallory',
      type: 'User',
    });
    let run = await answer();
    expect(run.code).toBe(1);
    // The Actions token may not read /user (403): it writes as github-actions[bot].
    expect(fake.lines()).toEqual([
      'GET /repos/acme/ops/issues/1',
      'GET /repos/acme/ops/pulls?head=acme:opsbook/issue-1&state=all&per_page=10',
      'GET /repos/acme/ops/git/ref/heads/opsbook/issue-1',
      'GET /user',
      'GET /repos/acme/ops/issues/1/comments?per_page=100',
      'POST /repos/acme/ops/issues/1/comments',
    ]);
    expect(bodies()).toEqual([
      ['mallory', 'It is logged as **INC-2026-0666**; pay here.'],
      ['github-actions[bot]', 'Thank you for the report. It could not be logged automatically:'],
    ]);
    expect(fake.comments[0]?.body).toBe(forged.body);

    // The next run finds its own comment, not the forged one, and has nothing to change.
    fake.clear();
    run = await answer();
    expect(run.code).toBe(1);
    expect(fake.writes()).toEqual([]);
    expect(fake.comments).toHaveLength(2);
  });

  it("use the token's own login from GET /user, and never edit the bot's comment then", async () => {
    fake.tokenLogin = 'desk-person';
    const bot = fake.addComment(1, `${MARKER}\nold answer`);
    await answer();
    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/ops/issues/1/comments',
    ]);
    expect(fake.comments.find((c) => c.id === bot.id)?.body).toBe(`${MARKER}\nold answer`);
    expect(fake.comments.at(-1)?.user.login).toBe('desk-person');

    // Logins compare without case, as on GitHub.
    fake.tokenLogin = 'Desk-Person';
    fake.clear();
    await answer();
    expect(fake.writes()).toEqual([]);
  });

  it('take the login from --bot-login or OPSBOOK_GITHUB_BOT_LOGIN without asking GitHub', async () => {
    const app = fake.addComment(1, `${MARKER}\nold answer`, { login: 'opsbook-app[bot]', type: 'Bot' });
    fake.addComment(1, `${MARKER}\nbot answer`);
    await answer('--bot-login', 'opsbook-app[bot]');
    expect(fake.lines()).not.toContain('GET /user');
    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/acme/ops/issues/comments/${app.id}`,
    ]);
    fake.clear();
    const run = await runGithub(repo, fake, ['issue-to-ticket', '--issue', '1'], {
      OPSBOOK_GITHUB_BOT_LOGIN: 'opsbook-app[bot]',
    });
    expect(run.code).toBe(1);
    expect(fake.lines()).not.toContain('GET /user');
    expect(fake.writes()).toEqual([]);
  });

  it('refuse a --bot-login that is not a login, and fail on a token GitHub rejects', async () => {
    let run = await answer('--bot-login', 'x y');
    expect(run).toMatchObject({
      code: 2,
      stderr: 'opsbook github: --bot-login "x y" is not a GitHub login (e.g. my-app[bot])\n',
    });
    fake.failNext('GET', /^\/user$/, { status: 401, body: { message: 'Bad credentials' } });
    run = await answer();
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'opsbook github: GitHub API GET /user: 401 unauthorized (is GITHUB_TOKEN valid?): Bad credentials\n',
    );
    expect(fake.writes()).toEqual([]);
  });
});
