/**
 * A sticky comment: one comment on an issue or pull request, found by the hidden marker its body
 * starts with and by its author (the token's own login), edited in place on later runs, and left
 * alone when it already says the same. Anyone can start a comment with the marker; such a
 * comment is never edited, else Opsbook's answer would stand under their name.
 */
import type { GithubClient } from './client.ts';
import { ownLogin, sameLogin } from './own-login.ts';

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged';
  url: string;
}

export async function upsertStickyComment(
  client: GithubClient,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<StickyResult> {
  const repo = { owner: client.owner, repo: client.repo };
  const login = await ownLogin(client);
  const comments = await client.api.paginate(client.api.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const existing = comments.find((c) => sameLogin(c.user?.login, login) && (c.body ?? '').startsWith(marker));
  if (!existing) {
    const { data } = await client.api.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    return { action: 'created', url: data.html_url };
  }
  if ((existing.body ?? '').replace(/\r\n/g, '\n') === body)
    return { action: 'unchanged', url: existing.html_url };
  const { data } = await client.api.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
  return { action: 'updated', url: data.html_url };
}
