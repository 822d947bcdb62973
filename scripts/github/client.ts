/**
 * The GitHub REST client of `opsbook github ...`: Octokit with the throttling and retry plugins,
 * configured from the environment (as GitHub Actions sets it) or from flags.
 *
 * Rate limits: the throttling plugin spaces writes (1 s apart, 3 s for writes that notify
 * people, as GitHub asks of integrations) and waits out primary and secondary rate limits
 * (403/429 with `retry-after` or `x-ratelimit-remaining: 0`); the retry plugin retries server
 * errors. `OPSBOOK_GITHUB_WAIT_SCALE` scales every one of those waits (tests set 0).
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { ExitError } from '../lib/errors.ts';

const GithubOctokit = Octokit.plugin(throttling, retry);
export type GithubApi = InstanceType<typeof GithubOctokit>;

export interface GithubClient {
  api: GithubApi;
  owner: string;
  repo: string;
  /** `owner/repo`. */
  fullName: string;
  /** The web address of the repository, for links in issue bodies. */
  htmlUrl: string;
  /** The login Opsbook writes as, when given (`--bot-login`); else asked of GitHub (own-login.ts). */
  botLogin: string | null;
}

export interface GithubSettings {
  token: string;
  baseUrl: string;
  owner: string;
  repo: string;
  serverUrl: string;
  /** Factor on every wait of the rate-limit handling (1 = GitHub's recommendations, 0 = none). */
  waitScale: number;
  /** The login the token writes as (`--bot-login`, OPSBOOK_GITHUB_BOT_LOGIN); null: ask GitHub. */
  botLogin: string | null;
}

/** Rate-limit waits longer than this fail the command instead of blocking a CI job. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 600;
const MAX_RATE_LIMIT_RETRIES = 3;

/** A user login, or an app's bot account (`name[bot]`). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/;

/** `owner/name` from `--repo` or GITHUB_REPOSITORY; exits 2 when missing or malformed. */
function parseRepository(value: string | undefined): { owner: string; repo: string } {
  if (!value) throw new ExitError('no repository: pass --repo owner/name or set GITHUB_REPOSITORY');
  const m = REPOSITORY.exec(value);
  if (!m || m[2] === '.' || m[2] === '..')
    throw new ExitError(`--repo "${value}" is not of the form owner/name`);
  return { owner: m[1] as string, repo: m[2] as string };
}

function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ExitError(`${flag} "${value}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ExitError(`${flag} "${value}" must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

/** The settings from flags and environment; exits 2 with one line when the token or repository is missing. */
export function githubSettings(
  flags: { repo?: string | undefined; 'api-url'?: string | undefined; 'bot-login'?: string | undefined },
  env: NodeJS.ProcessEnv,
): GithubSettings {
  const { owner, repo } = parseRepository(flags.repo ?? env.GITHUB_REPOSITORY);
  const token = env.GITHUB_TOKEN?.trim();
  if (!token)
    throw new ExitError(
      'no token: set GITHUB_TOKEN (in Actions: the job token, github.token, as env GITHUB_TOKEN)',
    );
  const scale = env.OPSBOOK_GITHUB_WAIT_SCALE === undefined ? 1 : Number(env.OPSBOOK_GITHUB_WAIT_SCALE);
  if (!Number.isFinite(scale) || scale < 0)
    throw new ExitError(`OPSBOOK_GITHUB_WAIT_SCALE "${env.OPSBOOK_GITHUB_WAIT_SCALE}" must be a number >= 0`);
  const botLogin = (flags['bot-login'] ?? env.OPSBOOK_GITHUB_BOT_LOGIN)?.trim() || null;
  if (botLogin !== null && !LOGIN.test(botLogin))
    throw new ExitError(`--bot-login "${botLogin}" is not a GitHub login (e.g. my-app[bot])`);
  return {
    token,
    owner,
    repo,
    baseUrl: httpUrl('--api-url', flags['api-url'] ?? env.GITHUB_API_URL ?? 'https://api.github.com'),
    serverUrl: httpUrl('GITHUB_SERVER_URL', env.GITHUB_SERVER_URL ?? 'https://github.com'),
    waitScale: scale,
    botLogin,
  };
}

/**
 * A limiter with the interface the throttling plugin expects of a Bottleneck group
 * (`group.key(id).schedule(options, fn, ...args)`): one job at a time, `minTime` ms apart.
 */
function spacedGroup(minTime: number) {
  let chain: Promise<unknown> = Promise.resolve();
  let last = Number.NEGATIVE_INFINITY;
  const limiter = {
    schedule<A extends unknown[], R>(
      _options: unknown,
      fn: (...args: A) => Promise<R>,
      ...args: A
    ): Promise<R> {
      const job = chain.then(async () => {
        const wait = last + minTime - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        last = Date.now();
        return fn(...args);
      });
      chain = job.catch(() => undefined);
      return job;
    },
  };
  return { key: () => limiter };
}

export function createGithubClient(settings: GithubSettings, log: (line: string) => void): GithubClient {
  const scale = settings.waitScale;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method: string; url: string; [key: string]: unknown },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const where = `${options.method} ${requestPath(options)}`;
      if (retryCount >= MAX_RATE_LIMIT_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
        log(`GitHub ${kind} on ${where}: giving up (retry after ${retryAfter} s)`);
        return false;
      }
      log(`GitHub ${kind} on ${where}: retrying in ${Math.round(retryAfter * scale)} s`);
      return true;
    };
  // GitHub's recommended spacing of writes, scaled; the plugin's own groups when unscaled.
  const groups =
    scale === 1 ? {} : { write: spacedGroup(1000 * scale), notifications: spacedGroup(3000 * scale) };
  const api = new GithubOctokit({
    auth: settings.token,
    baseUrl: settings.baseUrl,
    userAgent: 'opsbook',
    // Failed requests end as one ExitError line (githubFailure); the request log would repeat them.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: () => {} },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: 1000 * scale,
      ...(groups as object),
    },
    retry: { retryAfterBaseValue: 1000 * scale },
  });
  return {
    api,
    owner: settings.owner,
    repo: settings.repo,
    fullName: `${settings.owner}/${settings.repo}`,
    htmlUrl: `${settings.serverUrl}/${settings.owner}/${settings.repo}`,
    botLogin: settings.botLogin,
  };
}

/** The path of a request, from a full URL or an endpoint template such as `/repos/{owner}/{repo}/issues`. */
function requestPath(options: { url: string; [key: string]: unknown }): string {
  const url = options.url.replace(/\{(\w+)\}/g, (_, key: string) =>
    encodeURIComponent(String(options[key] ?? key)),
  );
  try {
    return decodeURIComponent(new URL(url, 'http://github.invalid').pathname);
  } catch {
    return url.replace(/\?.*$/, '');
  }
}

interface RequestErrorLike {
  status: number;
  message: string;
  request: { method: string; url: string };
  response?: { data?: unknown };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  const e = error as Partial<RequestErrorLike> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.status === 'number' &&
    typeof e.request === 'object' &&
    typeof e.request?.method === 'string' &&
    typeof e.request?.url === 'string'
  );
}

/** True for an Octokit request error with this HTTP status. */
export function hasStatus(error: unknown, status: number): boolean {
  return isRequestError(error) && error.status === status;
}

const STATUS_HINT: Record<number, string> = {
  401: 'unauthorized (is GITHUB_TOKEN valid?)',
  403: 'forbidden (does the token have the permissions this command needs?)',
  404: 'not found (repository, number or permission?)',
  422: 'rejected as invalid',
};

/**
 * An Octokit request error as the one-line ExitError the command line prints: method, path
 * and status, and GitHub's message. Anything else is left alone (null).
 */
export function githubFailure(error: unknown): ExitError | null {
  if (!isRequestError(error)) return null;
  const path = requestPath(error.request);
  const data = error.response?.data as { message?: unknown } | undefined;
  const said = typeof data?.message === 'string' ? data.message : error.message;
  const detail = said
    // biome-ignore lint/suspicious/noControlCharactersInRegex: one line
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 200);
  // Without a response the request never reached GitHub (Octokit reports that as status 500).
  const status = error.response ? error.status : 'no answer';
  const hint = error.response ? STATUS_HINT[error.status] : undefined;
  return new ExitError(
    `GitHub API ${error.request.method} ${path}: ${status}${hint ? ` ${hint}` : ''}${detail ? `: ${detail}` : ''}`,
  );
}
