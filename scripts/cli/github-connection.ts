/**
 * What the `opsbook github` subcommands share: the connection flags and their help text, the
 * client built from them, the repository root, checks of numeric and commit flags, and `say`,
 * which prints a line that may quote untrusted text safely into a job log.
 */
import { resolve } from 'node:path';
import { createGithubClient, type GithubClient, type GithubSettings } from '../github/client.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { logLine } from '../present/workflow-commands.ts';

/** The help text of the connection flags. */
export const CONNECTION = `  --repo OWNER/NAME     the repository (default: $GITHUB_REPOSITORY)
  --api-url URL         the REST API (default: $GITHUB_API_URL, else https://api.github.com)
  --bot-login LOGIN     the login the token writes as, e.g. my-app[bot] for a GitHub App
                        (default: $OPSBOOK_GITHUB_BOT_LOGIN, else GET /user, else github-actions[bot])`;

/**
 * Every line these commands print may quote untrusted text and lands in a job log: escaped
 * (workflow-commands.ts) so that it stays one line and is never a workflow command.
 */
export function say(stream: { write(text: string): unknown }, line: string): void {
  stream.write(`${logLine(line)}\n`);
}

/** The flags every subcommand that talks to GitHub takes. */
export const connectionFlags = {
  repo: { type: 'string' },
  'api-url': { type: 'string' },
  'bot-login': { type: 'string' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The repository checkout: --root, else the folder with opsbook.yaml above the working directory. */
export function rootOf(values: { root?: string | undefined }, io: CommandIo): string {
  return findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
}

/** A GitHub client that reports rate limits, retries and warnings on stderr, one safe line each. */
export function connect(settings: GithubSettings, io: CommandIo): GithubClient {
  return createGithubClient(settings, (line) => say(io.stderr, `opsbook github: ${line}`));
}

/** A flag's value as a positive integer, or a clear error. */
export function positiveInteger(flag: string, value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new ExitError(`--${flag} must be a positive integer, not "${value}"`);
  return Number(value);
}

/** A flag's value as a full commit SHA (or undefined when not given), or a clear error. */
export function commitSha(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value))
    throw new ExitError(`--${flag} must be a full commit SHA, not "${value}"`);
  return value;
}
