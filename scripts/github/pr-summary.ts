/**
 * The GitHub side of `opsbook github pr-summary --post`: puts the summary body on the pull
 * request as one sticky comment.
 *
 * The body may come from a pull request's own workflow run (an artifact of a fork's code), so
 * it is untrusted here: it must start with the marker, its mentions are broken once more, and
 * it is cut to GitHub's limit. With `expectHead`, the pull request's head commit must be the one
 * the body was computed for, so an artifact can only ever land on its own pull request.
 */
import { ExitError } from '../lib/errors.ts';
import { breakMentions, limitBody, PR_SUMMARY_MARKER } from '../present/github-text.ts';
import type { GithubClient } from './client.ts';
import { type StickyResult, upsertStickyComment } from './sticky-comment.ts';

/** The body as it will be posted; exits 2 when it is not a summary. */
export function checkedSummaryBody(body: string): string {
  const text = body.replace(/\r\n/g, '\n');
  if (!text.startsWith(PR_SUMMARY_MARKER))
    throw new ExitError(`the body does not start with ${PR_SUMMARY_MARKER}; it is not an opsbook pr-summary`);
  return limitBody(breakMentions(text), 'cut to the size GitHub allows.');
}

export async function postPrSummary(
  client: GithubClient,
  pr: number,
  body: string,
  expectHead?: string,
): Promise<StickyResult> {
  const text = checkedSummaryBody(body);
  const { data: pull } = await client.api.rest.pulls.get({
    owner: client.owner,
    repo: client.repo,
    pull_number: pr,
  });
  if (expectHead !== undefined && pull.head.sha !== expectHead) {
    throw new ExitError(
      `pull request #${pr} is at ${pull.head.sha}, not ${expectHead}: the summary belongs to another commit`,
    );
  }
  return upsertStickyComment(client, pr, PR_SUMMARY_MARKER, text);
}
