/**
 * The login Opsbook writes as: its sticky comments are those with the marker AND this author,
 * so a comment someone else starts with the marker is never edited (the official answer would
 * then stand under their name).
 *
 * A person's or a personal access token's login comes from `GET /user`. Installation tokens (the
 * Actions token, a GitHub App's) may not read `/user` (403 "Resource not accessible by
 * integration"): the Actions token comments as `github-actions[bot]`, so that is the fallback; a
 * GitHub App comments as `<app-slug>[bot]` and must be named with `--bot-login` or
 * OPSBOOK_GITHUB_BOT_LOGIN.
 */
import { type GithubClient, hasStatus } from './client.ts';

/** The author of comments written with the GitHub Actions job token. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

const known = new WeakMap<GithubClient, Promise<string>>();

export function ownLogin(client: GithubClient): Promise<string> {
  if (client.botLogin) return Promise.resolve(client.botLogin);
  let login = known.get(client);
  if (!login) {
    login = askGithub(client);
    known.set(client, login);
  }
  return login;
}

async function askGithub(client: GithubClient): Promise<string> {
  try {
    const { data } = await client.api.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    if (hasStatus(error, 403) || hasStatus(error, 404)) return ACTIONS_BOT_LOGIN;
    throw error;
  }
}

/** GitHub logins are case-insensitive. */
export function sameLogin(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}
