/**
 * The GitHub side of `opsbook github pr-summary --post`: renders the summary data a pull
 * request's run uploaded and puts it on the pull request as one sticky comment.
 *
 * The data comes from a fork's code, so it is checked strictly (pr-summary-artifact.ts) and
 * rendered here, by the default branch's code, with its escaping: no text a fork rendered
 * reaches the comment. The pull request's head commit must be the one the data was made for
 * (and, with `expectHead`, the commit the workflow run checked), so data can only ever land on
 * its own pull request.
 */
import { ExitError } from '../lib/errors.ts';
import { PR_SUMMARY_MARKER } from '../present/github-text.ts';
import type { PrSummaryData } from '../present/pr-summary-data.ts';
import { formatPrSummary } from '../present/pr-summary-markdown.ts';
import type { GithubClient } from './client.ts';
import { type StickyResult, upsertStickyComment } from './sticky-comment.ts';

export async function postPrSummary(
  client: GithubClient,
  data: PrSummaryData,
  expectHead?: string,
): Promise<StickyResult & { pr: number }> {
  if (expectHead !== undefined && data.head !== expectHead)
    throw new ExitError(`the summary is for commit ${data.head}, not ${expectHead}`);
  const { data: pull } = await client.api.rest.pulls.get({
    owner: client.owner,
    repo: client.repo,
    pull_number: data.pr,
  });
  if (pull.head.sha !== data.head) {
    throw new ExitError(
      `pull request #${data.pr} is at ${pull.head.sha}, not ${data.head}: the summary belongs to another commit`,
    );
  }
  const result = await upsertStickyComment(client, data.pr, PR_SUMMARY_MARKER, formatPrSummary(data));
  return { ...result, pr: data.pr };
}
