/**
 * The GitHub side of `opsbook github issue-to-ticket`: reads the outage report, and proposes
 * the ticket file as a pull request from the branch `opsbook/issue-N`, through the REST API
 * (refs, contents, pulls), then answers on the issue.
 *
 * The branch is what makes a second run harmless: when it exists (with or without its pull
 * request) the ticket was logged already, and the run only completes what is missing.
 */
import { readFileSync } from 'node:fs';
import { ExitError } from '../lib/errors.ts';
import { ISSUE_ANSWER_MARKER } from '../present/github-text.ts';
import {
  commitMessage,
  idOfCommitMessage,
  idOfPullTitle,
  issueAnswer,
  pullRequestBody,
  pullRequestTitle,
  ticketBranch,
} from '../present/issue-ticket.ts';
import { type GithubClient, hasStatus } from './client.ts';
import { type StickyResult, upsertStickyComment } from './sticky-comment.ts';

export interface ReportedIssue {
  number: number;
  title: string;
  body: string;
  login: string | null;
  /** ISO instant. */
  createdAt: string;
}

interface IssuePayload {
  number?: unknown;
  title?: unknown;
  body?: unknown;
  user?: { login?: unknown } | null;
  created_at?: unknown;
  pull_request?: unknown;
}

function issueOf(data: IssuePayload, where: string): ReportedIssue {
  if (data.pull_request) throw new ExitError(`${where} is a pull request, not an issue`);
  if (
    typeof data.number !== 'number' ||
    typeof data.title !== 'string' ||
    typeof data.created_at !== 'string'
  )
    throw new ExitError(`${where} has no issue number, title or created_at`);
  return {
    number: data.number,
    title: data.title,
    body: typeof data.body === 'string' ? data.body : '',
    login: typeof data.user?.login === 'string' ? data.user.login : null,
    createdAt: data.created_at,
  };
}

export async function fetchIssue(client: GithubClient, number: number): Promise<ReportedIssue> {
  const { data } = await client.api.rest.issues.get({
    owner: client.owner,
    repo: client.repo,
    issue_number: number,
  });
  return issueOf(data as IssuePayload, `#${number}`);
}

/** The issue of a GitHub Actions `issues` event payload ($GITHUB_EVENT_PATH). */
export function issueFromEventFile(path: string): ReportedIssue {
  let payload: { issue?: IssuePayload };
  try {
    payload = JSON.parse(readFileSync(path, 'utf8')) as { issue?: IssuePayload };
  } catch (error) {
    throw new ExitError(`--event ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!payload.issue || typeof payload.issue !== 'object')
    throw new ExitError(`--event ${path} holds no issue`);
  return issueOf(payload.issue, `the issue in ${path}`);
}

/** What an earlier run left: the pull request (with the ticket ID), or only the branch. */
export type Earlier =
  | { kind: 'pull'; id: string | null; number: number; url: string }
  | { kind: 'branch'; id: string; sha: string }
  | null;

export async function earlierProposal(client: GithubClient, issue: number): Promise<Earlier> {
  const repo = { owner: client.owner, repo: client.repo };
  const branch = ticketBranch(issue);
  const pulls = await client.api.rest.pulls.list({
    ...repo,
    head: `${client.owner}:${branch}`,
    state: 'all',
    per_page: 10,
  });
  const pull = pulls.data[0];
  if (pull) return { kind: 'pull', id: idOfPullTitle(pull.title), number: pull.number, url: pull.html_url };
  let sha: string;
  try {
    sha = (await client.api.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha;
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
  const { data: commit } = await client.api.rest.git.getCommit({ ...repo, commit_sha: sha });
  const id = idOfCommitMessage(commit.message);
  if (!id)
    throw new ExitError(
      `the branch ${branch} exists but was not made by opsbook (its last commit is not "Log <ID> from issue #${issue}"); delete it or open its pull request by hand`,
    );
  return { kind: 'branch', id, sha };
}

export interface Proposal {
  id: string;
  file: string;
  /** The ticket file's text (when the branch does not hold it yet). */
  text?: string;
  title: string;
  issue: number;
}

/** Branch (from the default branch), file, pull request. Skips the steps an earlier run did. */
export async function proposeTicket(
  client: GithubClient,
  p: Proposal,
  branchExists: boolean,
): Promise<{ number: number; url: string }> {
  const repo = { owner: client.owner, repo: client.repo };
  const branch = ticketBranch(p.issue);
  const { data: repository } = await client.api.rest.repos.get(repo);
  const base = repository.default_branch;
  if (!branchExists) {
    if (p.text === undefined) throw new Error('proposeTicket: a new branch needs the ticket text');
    const { data: head } = await client.api.rest.git.getRef({ ...repo, ref: `heads/${base}` });
    await client.api.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: head.object.sha });
    await client.api.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: p.file,
      branch,
      message: commitMessage(p.id, p.issue),
      content: Buffer.from(p.text, 'utf8').toString('base64'),
    });
  }
  const { data: pull } = await client.api.rest.pulls.create({
    ...repo,
    head: branch,
    base,
    title: pullRequestTitle(p.id, p.title),
    body: pullRequestBody(p.id, p.file, p.issue),
  });
  return { number: pull.number, url: pull.html_url };
}

export function answerIssue(client: GithubClient, issue: number, body: string): Promise<StickyResult> {
  return upsertStickyComment(client, issue, ISSUE_ANSWER_MARKER, body);
}

export function answerLogged(
  client: GithubClient,
  issue: number,
  id: string,
  pull: number,
): Promise<StickyResult> {
  return answerIssue(client, issue, issueAnswer(id, pull));
}
