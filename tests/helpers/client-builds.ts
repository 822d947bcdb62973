/**
 * What the client tests share: public builds of a repository at explicit instants made with the
 * real command line, the build's `_headers` rules as a static host applies them, and the
 * Statuspage enumerations a client relies on.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture, REPO_ROOT, runCli } from './cli.ts';

/** The repository of the client tests; its opsbook.yaml tells the story of 2026-11-14. */
export const CLIENTS_FIXTURE = 'statuspage-clients';
export const BEFORE_WINDOW = '2026-11-14T18:00:00Z';
export const DURING_WINDOW = '2026-11-14T19:30:00Z';
export const AFTER_WINDOW = '2026-11-14T22:00:00Z';
/** An hour after AFTER_WINDOW: nothing happened in between. */
export const LATER_SAME_STATE = '2026-11-14T23:00:00Z';

/** The shipped example's instant (package.json `config.exampleAt`), as `npm run main` builds it. */
export const EXAMPLE_AT: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { config: { exampleAt: string } }
).config.exampleAt;

export const BUILD_TIMEOUT = 240_000;

// The enumerations of the Statuspage public API v2.
export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
];
export const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'];
export const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'];
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'];

export interface Build {
  /** The public site's folder. */
  dir: string;
  cleanup: () => void;
}

/**
 * Builds the public site of `root` (a repository folder) at `at` with `opsbook site`, into a
 * temporary folder. Builds run one after the other in a test file (Astro's staging folder is
 * per process).
 */
export async function buildPublic(root: string, at: string, base = '/'): Promise<Build> {
  const out = mkdtempSync(join(tmpdir(), 'opsbook-clients-'));
  const cleanup = () => rmSync(out, { recursive: true, force: true });
  const args = ['site', '--root', root, '--audience', 'public', '--at', at, '--base', base, '--out', out];
  const built = await runCli([...args, '--no-history'], { cwd: root });
  if (built.code !== 0) {
    cleanup();
    throw new Error(`opsbook ${args.join(' ')} failed (exit ${built.code}):\n${built.stderr}`);
  }
  return { dir: join(out, 'public'), cleanup };
}

/** Builds the clients fixture at each instant; `cleanup` removes the copy and every build. */
export async function buildFixtureAt(
  instants: readonly string[],
  base = '/',
): Promise<{ builds: Build[]; cleanup: () => void }> {
  const repo = copyFixture(CLIENTS_FIXTURE);
  const builds: Build[] = [];
  const cleanup = () => {
    for (const build of builds) build.cleanup();
    repo.cleanup();
  };
  try {
    for (const at of instants) builds.push(await buildPublic(repo.dir, at, base));
  } catch (error) {
    cleanup();
    throw error;
  }
  return { builds, cleanup };
}

/**
 * The rules of a build's `_headers` file (the format of Netlify and Cloudflare Pages: a path
 * pattern, `*` matching anything, followed by indented `Name: value` lines), as a function from a
 * site path to the headers a static host adds.
 */
export function headersFile(dir: string): (sitePath: string) => Record<string, string> {
  const rules: { pattern: RegExp; headers: Record<string, string> }[] = [];
  for (const line of readFileSync(join(dir, '_headers'), 'utf8').split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const escaped = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replaceAll('*', '.*');
      rules.push({ pattern: new RegExp(`^${escaped}$`), headers: {} });
      continue;
    }
    const rule = rules.at(-1);
    const colon = line.indexOf(':');
    if (rule && colon > 0)
      rule.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return (sitePath) =>
    Object.assign({}, ...rules.filter((rule) => rule.pattern.test(sitePath)).map((rule) => rule.headers));
}
