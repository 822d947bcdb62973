/**
 * Small purpose-built repositories for the tests: an opsbook.yaml from the parts each test
 * cares about, files written into a temporary folder, and real git repositories (a fixed author,
 * committer and date; no system or user git configuration).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './cli.ts';

/** Mon–Fri 08:00–17:00, as `hours` of a calendar. */
const WEEKDAY_HOURS =
  '{ mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }';

/** The calendar `mon-fri`: weekdays 08:00–17:00 in Berlin, no holidays. */
export const MON_FRI_CALENDAR = `
  mon-fri:
    timezone: Europe/Berlin
    hours: ${WEEKDAY_HOURS}`;

/**
 * The sections of a small opsbook.yaml. A section is the YAML text below its key, each line
 * starting with a line break and indented by two spaces, e.g. `teams: '\n  ops: { name: Ops }'`.
 */
export interface ConfigParts {
  /** organization.name (in Europe/Berlin). */
  name: string;
  /** Default: the team `ops`; null: no `teams` section. */
  teams?: string | null;
  /** Default: `mail`, a central service owned by `ops`. */
  services?: string;
  /** Default: no `customers` section. */
  customers?: string;
  /** Default: MON_FRI_CALENDAR. */
  calendars?: string;
  /** The policies and the default policy. */
  sla: string;
  /** Further top-level sections, as whole YAML text. */
  more?: string;
}

/**
 * The text of an opsbook.yaml: `organization`, `teams`, `services`, `customers`, `calendars`,
 * the usual impact × urgency matrix (high/high is P1, low/low P4), `sla`, then `more`.
 */
export function configYaml(parts: ConfigParts): string {
  const teams = parts.teams === undefined ? '\n  ops: { name: Operations }' : parts.teams;
  const section = (key: string, text: string | null | undefined) =>
    text === null || text === undefined ? '' : `${key}:${text}\n`;
  return [
    `organization: { name: ${parts.name}, timezone: Europe/Berlin }\n`,
    section('teams', teams),
    section('services', parts.services ?? '\n  mail: { name: E-mail, group: central, owner: ops }'),
    section('customers', parts.customers),
    section('calendars', parts.calendars ?? MON_FRI_CALENDAR),
    `priority:
  matrix:
    high: { high: P1, medium: P2, low: P3 }
    medium: { high: P2, medium: P3, low: P4 }
    low: { high: P3, medium: P4, low: P4 }
`,
    section('sla', parts.sla),
    parts.more ?? '',
  ].join('');
}

/** Writes `text` to `path` below `dir`, making the folders it needs. */
export function writeFile(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Writes each file (repository-relative path → text) below `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) writeFile(dir, path, text);
}

/** A temporary folder with `config` as opsbook.yaml and the files; removed by `cleanup`. */
export function tempRepository(
  prefix: string,
  config: string,
  files: Record<string, string> = {},
): { dir: string; cleanup: () => void } {
  const repo = tempDir(prefix);
  writeFile(repo.dir, 'opsbook.yaml', config);
  writeFiles(repo.dir, files);
  return repo;
}

export interface GitPerson {
  name: string;
  email: string;
}

/** Who commits in the tests' git repositories (and authors, unless a commit names its author). */
export const GIT_PERSON: GitPerson = { name: 't', email: 't@example.com' };
/** The author and committer date of every commit that names none. */
export const GIT_DATE = '2026-01-01T00:00:00Z';

export interface CommitOptions {
  /** Default: GIT_PERSON. The committer is always GIT_PERSON. */
  author?: GitPerson;
  /** The author and committer date (ISO). */
  date?: string;
}

function runGit(dir: string, args: readonly string[], options: CommitOptions): string {
  const author = options.author ?? GIT_PERSON;
  const date = options.date ?? GIT_DATE;
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: GIT_PERSON.name,
      GIT_COMMITTER_EMAIL: GIT_PERSON.email,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
}

/** Runs git in `dir` and returns its output. */
export function git(dir: string, ...args: string[]): string {
  return runGit(dir, args, {});
}

/** Makes `dir` a git repository whose first branch is `main`. */
export function gitInit(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
}

/** Stages everything in `dir` (additions, edits, deletions) and commits it; returns the commit. */
export function commitAll(dir: string, message: string, options: CommitOptions = {}): string {
  runGit(dir, ['add', '-A'], options);
  runGit(dir, ['commit', '-q', '-m', message], options);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** Commits everything in `dir` as `start` on a new branch `main`, then checks out a new branch `feature`. */
export function featureBranch(dir: string): void {
  gitInit(dir);
  commitAll(dir, 'start');
  git(dir, 'checkout', '-q', '-b', 'feature');
}
