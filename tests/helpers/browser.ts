/**
 * What the browser tests need around Chromium: finding it (or saying clearly why the tests are
 * skipped), building a fixture repository's site at an instant with the real command line,
 * serving the build on 127.0.0.1 under a base path (as GitHub Pages serves a project site), and
 * checking a page with axe-core.
 *
 * The browser is Debian's Chromium driven by playwright-core; a test never downloads one.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { copyFixture, REPO_ROOT } from './cli.ts';
import { type StaticServer, serveStatic } from './static-server.ts';

export { type StaticServer, serveStatic };

/** The base path every test build is served under: proves that base-path builds work. */
export const BASE = '/opsbook/';

/** Generous per-hook and per-test time: an Astro build takes seconds, several run side by side. */
export const BUILD_TIMEOUT = 240_000;
export const PAGE_TIMEOUT = 60_000;

// ---------------------------------------------------------------------------------------------
// Finding Chromium

export const CHROMIUM = process.env.OPSBOOK_CHROMIUM || '/usr/bin/chromium';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether the browser tests run. Without Chromium they are skipped with one line on stderr, unless
 * OPSBOOK_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser is an error.
 */
export const browserAvailable: boolean = (() => {
  if (isExecutable(CHROMIUM)) return true;
  const why = `Chromium not found at ${CHROMIUM}${process.env.OPSBOOK_CHROMIUM ? ' (from OPSBOOK_CHROMIUM)' : ''}`;
  const fix = 'apt-get install chromium, or point OPSBOOK_CHROMIUM at a Chromium';
  if (process.env.OPSBOOK_REQUIRE_BROWSER === '1')
    throw new Error(`browser tests required (OPSBOOK_REQUIRE_BROWSER=1), but ${why}: ${fix}`);
  process.stderr.write(`browser tests skipped: ${why} (${fix}); .ci/run runs them\n`);
  return false;
})();

/**
 * Chromium as this machine needs it: headless, no sandbox (CI runs as root), and none of the
 * background connections a closed network refuses. Playwright gives every launch a fresh, empty
 * profile folder of its own (it refuses a --user-data-dir argument) and removes it on close.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}

/**
 * A page in a fresh context with everything deterministic: the reader is in Berlin and reads
 * English (the fixture's language), light mode unless asked. Page errors fail the caller through
 * `errors`, which a test asserts empty.
 */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  // Everything the site loads is on the test server; anything else would be a bug (and the
  // closed network would refuse it slowly).
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  return { page, errors, close: () => context.close() };
}

// ---------------------------------------------------------------------------------------------
// Building sites

export type Audience = 'public' | 'internal' | 'both';

export interface SiteBuild {
  /** The build's folder for an audience: `<out>/public` or `<out>/internal`. */
  dir: (audience: 'public' | 'internal') => string;
}

/**
 * Builds the site of a copy of `tests/fixtures/<fixture>` at `at` with `opsbook site`, in a child
 * process as a user runs it (Astro's staging folder is named after the process, so builds that
 * run side by side must be separate processes). The copy and its output live in a temporary
 * folder that `cleanup` removes.
 */
export async function buildSite(
  fixture: string,
  at: string,
  audience: Audience,
): Promise<SiteBuild & { cleanup: () => void }> {
  const repo = copyFixture(fixture);
  const out = join(repo.dir, '.site-out');
  const args = ['site', '--root', repo.dir, '--at', at, '--audience', audience, '--base', BASE, '--out', out];
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      join(REPO_ROOT, 'bin', 'opsbook.js'),
      ...args,
      '--no-history',
    ],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number>((ok, fail) => {
    child.on('error', fail);
    child.on('close', (c) => ok(c ?? 1));
  });
  if (code !== 0) {
    repo.cleanup();
    throw new Error(`opsbook ${args.join(' ')} failed (exit ${code}):\n${output}`);
  }
  return { dir: (a) => join(out, a), cleanup: repo.cleanup };
}

/**
 * Runs builds at most `parallel` at a time (each already starts one Astro process per audience;
 * the machine has two cores). Resolves in the order given.
 */
export async function buildSites(
  fixture: string,
  requests: readonly { at: string; audience: Audience }[],
  parallel = 2,
): Promise<(SiteBuild & { cleanup: () => void })[]> {
  const results: (SiteBuild & { cleanup: () => void })[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const r = requests[i] as { at: string; audience: Audience };
      results[i] = await buildSite(fixture, r.at, r.audience);
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(parallel, requests.length) }, worker),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    for (const r of results) r?.cleanup();
    throw failed.reason;
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Accessibility

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA plus best practices) on the page as it is now and returns its
 * violations, one readable paragraph each: rule, impact, help, and every element with the reason.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
  }).then((r) => r.violations)`)) as AxeViolation[];
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .map(
          (n) =>
            `    ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`,
        )
        .join('\n')}`,
  );
}

/** Where the screenshots go (git-ignored), for a developer to look at after a run. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tests', 'site', '.screenshots');
