/**
 * The built sites in a real browser (Debian's Chromium driven by playwright-core), served on
 * 127.0.0.1 under the base path /opsbook/ as GitHub Pages serves a project site. The repository is
 * tests/fixtures/site-browser; every build is made with `opsbook site` at an explicit instant:
 *
 * - 2026-11-10T09:30:00Z, both audiences: INC-2026-0002 (E-mail, partial outage) is ongoing after
 *   its second public update; MNT-2026-0001 (Web hosting) is scheduled for 2026-11-14 19:00Z–21:00Z.
 * - around that window, public only: 18:59Z, 19:00Z, 20:59Z and 21:00Z.
 * - 2026-11-01T00:00:00Z, public: before the first ticket, nothing to show.
 * - 2026-11-20T09:00:00Z, public: MNT-2026-0002 (Remote access) overruns its window (06:00Z–08:00Z).
 *
 * Without Chromium the suite is skipped with one line on stderr; with OPSBOOK_REQUIRE_BROWSER=1
 * (.ci/run) a missing Chromium fails it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  BASE,
  BUILD_TIMEOUT,
  browserAvailable,
  buildSites,
  launchBrowser,
  openPage,
  PAGE_TIMEOUT,
  SCREENSHOT_DIR,
  type SiteBuild,
  type StaticServer,
  serveStatic,
} from '../helpers/browser.ts';

const FIXTURE = 'site-browser';
const DURING_INCIDENT = '2026-11-10T09:30:00Z';
/** The maintenance window of MNT-2026-0001 (Web hosting) is 19:00Z–21:00Z on 2026-11-14. */
const WINDOW: readonly {
  at: string;
  phase: string;
  web: string;
  banner: string;
  listedAs: 'Scheduled maintenance' | 'Maintenance in progress' | null;
  state: string;
}[] = [
  {
    at: '2026-11-14T18:59:00Z',
    phase: 'one minute before the window',
    web: 'Operational',
    banner: 'All systems operational',
    listedAs: 'Scheduled maintenance',
    state: 'Scheduled',
  },
  {
    at: '2026-11-14T19:00:00Z',
    phase: 'at the start of the window',
    web: 'Under maintenance',
    banner: 'Maintenance in progress',
    listedAs: 'Maintenance in progress',
    state: 'In progress',
  },
  {
    at: '2026-11-14T20:59:00Z',
    phase: 'one minute before its end',
    web: 'Under maintenance',
    banner: 'Maintenance in progress',
    listedAs: 'Maintenance in progress',
    state: 'In progress',
  },
  {
    at: '2026-11-14T21:00:00Z',
    phase: 'at its end',
    web: 'Operational',
    banner: 'All systems operational',
    listedAs: null,
    state: 'Completed',
  },
];

const BEFORE_ANYTHING = '2026-11-01T00:00:00Z';
const OVERRUN = '2026-11-20T09:00:00Z';

const INCIDENT = { id: 'INC-2026-0002', title: 'Outgoing mail delayed' };
const OVERRUNNING = { id: 'MNT-2026-0002', title: 'Remote access gateway replacement' };
const MAINTENANCE = { id: 'MNT-2026-0001', title: 'Web server operating system upgrade' };
const RUNBOOK = { id: 'mail-relay-recovery', title: 'Recover the mail relay cluster' };

/** Every page type of each build (paths below the base path). */
const PUBLIC_PAGES = ['', 'incidents/', `incidents/${INCIDENT.id}/`, `incidents/${MAINTENANCE.id}/`];
const INTERNAL_PAGES = [...PUBLIC_PAGES, 'runbooks/', `runbooks/${RUNBOOK.id}/`, 'reports/', 'sla/'];
const MISSING_PAGE = 'no-such-page/';

/** The text as the reader sees it (Playwright's rendered text: hidden elements left out). */
function seen(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator, the rendered text is the point
  return locator.innerText();
}

/** The service row of the status page: the list item headed by the service's name. */
function serviceRow(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** The words of a status sign in a service row (the symbol is decoration). */
async function serviceStatus(page: Page, name: string): Promise<string> {
  return (await seen(serviceRow(page, name).locator('.service-head .sign'))).trim();
}

/** The text content of a region (a <section> named by its heading), or null when it is absent. */
async function regionText(page: Page, name: string): Promise<string | null> {
  const region = page.getByRole('region', { name, exact: true });
  return (await region.count()) === 0 ? null : seen(region);
}

// Every test opens pages in a browser that shares two cores with site builds of other test files.
describe.skipIf(!browserAvailable)('the built sites in Chromium', { timeout: PAGE_TIMEOUT }, () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let builds: (SiteBuild & { cleanup: () => void })[] = [];
  let publicSite: StaticServer;
  let internalSite: StaticServer;
  const windowSites: StaticServer[] = [];
  let emptySite: StaticServer;
  let overrunSite: StaticServer;

  beforeAll(async () => {
    const started = Date.now();
    builds = await buildSites(FIXTURE, [
      { at: DURING_INCIDENT, audience: 'both' },
      ...WINDOW.map((w) => ({ at: w.at, audience: 'public' as const })),
      { at: BEFORE_ANYTHING, audience: 'public' },
      { at: OVERRUN, audience: 'public' },
    ]);
    ({ browser, close: closeBrowser } = await launchBrowser());
    const site = (i: number) => builds[i] as SiteBuild;
    publicSite = await serveStatic(site(0).dir('public'), BASE);
    internalSite = await serveStatic(site(0).dir('internal'), BASE);
    for (let i = 1; i <= WINDOW.length; i++) windowSites.push(await serveStatic(site(i).dir('public'), BASE));
    emptySite = await serveStatic(site(WINDOW.length + 1).dir('public'), BASE);
    overrunSite = await serveStatic(site(WINDOW.length + 2).dir('public'), BASE);
    process.stderr.write(`browser tests: ${builds.length} site builds in ${Date.now() - started} ms\n`);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await closeBrowser?.();
    for (const s of [publicSite, internalSite, ...windowSites, emptySite, overrunSite]) await s?.close();
    for (const b of builds) b.cleanup();
  }, PAGE_TIMEOUT);

  /** Opens a path of a served site and fails on page errors, console errors and failed requests. */
  async function visit(server: StaticServer, path: string, options: Parameters<typeof openPage>[1] = {}) {
    const opened = await openPage(browser, options);
    const response = await opened.page.goto(server.url(path));
    expect(response?.status(), server.url(path)).toBe(200);
    return opened;
  }

  describe('the status page during an incident', () => {
    it('shows the outage, the affected and the unaffected services, and the latest update', async () => {
      const { page, errors, close } = await visit(publicSite, '');
      try {
        expect(await page.title()).toBe('System status · Browser Test IT');
        await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();
        expect(await seen(page.locator('.banner'))).toMatch(/^(Partial|Major) system outage$/);

        expect(await serviceStatus(page, 'E-mail')).toBe('Partial outage');
        for (const name of ['Web hosting', 'Remote access', 'Printers'])
          expect(await serviceStatus(page, name), name).toBe('Operational');
        // Two groups, each with its worst status; the internal service is not on the public page.
        expect(await page.getByRole('heading', { level: 3, name: 'Central services' }).count()).toBe(1);
        expect(await page.getByRole('heading', { level: 3, name: 'Decentral devices' }).count()).toBe(1);
        expect(await page.getByText('Backup storage').count()).toBe(0);

        const active = await regionText(page, 'Active incidents');
        expect(active).toContain(INCIDENT.title);
        expect(active).toContain('Identified');
        expect(active).toContain(
          'The relay cluster lost its quorum; we are draining the delayed messages now.',
        );
        // The earlier update is folded away, as on Statuspage, until the reader opens it.
        expect(active).not.toContain('Outgoing e-mail is delayed by up to an hour.');
        const earlier = page.getByRole('article', { name: INCIDENT.title }).locator('details.earlier');
        await earlier.locator('summary').click();
        expect(await seen(earlier)).toContain('Outgoing e-mail is delayed by up to an hour.');
        // The resolution at 11:00Z has not happened yet at 09:30Z.
        expect(active).not.toContain('All delayed messages have been delivered.');
        // Newest update first, its instant in a machine-readable <time>.
        const card = page.getByRole('article', { name: INCIDENT.title });
        const times = await Promise.all(
          (await card.locator('.updates time').all()).map((t) => t.getAttribute('datetime')),
        );
        expect(times).toEqual(['2026-11-10T09:10:00Z', '2026-11-10T08:05:00Z']);
        expect(await regionText(page, 'Scheduled maintenance')).toContain(MAINTENANCE.title);

        // The incident's link leads to its page under the base path.
        await card.getByRole('link', { name: INCIDENT.title }).click();
        await page.waitForURL(publicSite.url(`incidents/${INCIDENT.id}/`));
        await page.getByRole('heading', { level: 1, name: INCIDENT.title }).waitFor();
        expect(await seen(page.getByRole('region', { name: 'Affected services' }))).toContain(
          'E-mail: Partial outage',
        );
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('the status page before anything was reported', () => {
    it('says all systems are operational and lists nothing', async () => {
      const { page, errors, close } = await visit(emptySite, '');
      try {
        expect(await seen(page.locator('.banner'))).toBe('All systems operational');
        for (const name of ['Active incidents', 'Maintenance in progress', 'Scheduled maintenance'])
          expect(await regionText(page, name), name).toBeNull();
        for (const name of ['E-mail', 'Web hosting', 'Remote access', 'Printers'])
          expect(await serviceStatus(page, name), name).toBe('Operational');
        await page.goto(emptySite.url('incidents/'));
        await page.getByText('Nothing has been reported yet.').waitFor();
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('a maintenance that overruns its window', () => {
    it('is in progress, says that it overruns (English and German), and keeps the service under maintenance', async () => {
      const { page, errors, close } = await visit(overrunSite, '');
      try {
        expect(await seen(page.locator('.banner'))).toBe('Maintenance in progress');
        expect(await serviceStatus(page, 'Remote access')).toBe('Under maintenance');
        const ongoing = await regionText(page, 'Maintenance in progress');
        expect(ongoing).toContain(OVERRUNNING.title);
        expect(ongoing).toContain('Overrunning: still in progress after the end of its window');
        expect(ongoing).toContain('Maintenance window: 20 Nov 2026, 07:00 CET until 20 Nov 2026, 09:00 CET');
        expect(await regionText(page, 'Scheduled maintenance')).toBeNull();

        await page.getByRole('button', { name: 'Deutsch' }).click();
        await page.getByRole('heading', { level: 1, name: 'Systemstatus' }).waitFor();
        expect(await seen(page.locator('.banner'))).toBe('Wartung läuft');
        expect(await regionText(page, 'Laufende Wartung')).toContain(
          'Überzogen: läuft nach dem Ende des Wartungsfensters noch',
        );
        await page.getByRole('button', { name: 'English' }).click();

        await page.goto(overrunSite.url(`incidents/${OVERRUNNING.id}/`));
        expect(await seen(page.locator('main .meta'))).toContain('Overrunning');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('a maintenance within its window does not say that it overruns', async () => {
      const { page, close } = await visit(windowSites[1] as StaticServer, '');
      try {
        expect(await regionText(page, 'Maintenance in progress')).not.toContain('Overrunning');
      } finally {
        await close();
      }
    });
  });

  describe('scheduled maintenance', () => {
    it('is listed apart from the current state, after the services, as planned work', async () => {
      const { page, errors, close } = await visit(publicSite, '');
      try {
        const upcoming = page.getByRole('region', { name: 'Scheduled maintenance', exact: true });
        // The heading of the scheduled maintenance follows the services' heading.
        const after = (await page.evaluate(
          `Boolean(document.getElementById('services').compareDocumentPosition(document.getElementById('upcoming')) & Node.DOCUMENT_POSITION_FOLLOWING)`,
        )) as boolean;
        expect(after).toBe(true);
        const text = await seen(upcoming);
        expect(text).toContain(MAINTENANCE.title);
        expect(text).toContain('the services keep the status shown above until the window begins');
        expect(text).toContain('Services affected during the window');
        expect(text).not.toContain('Affected services');
        // Its service is not under maintenance before the window.
        expect(await serviceStatus(page, 'Web hosting')).toBe('Operational');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('the SLA page (internal site)', () => {
    it.each([375, 1280])('lists the open tickets only, readable at %i px', async (width) => {
      const { page, errors, close } = await visit(internalSite, 'sla/', { width, height: 800 });
      try {
        const table = page.getByRole('table');
        const text = await seen(table);
        // Open at 09:30Z: the incident and the request; the closed INC-2026-0001 (breached) is not.
        expect(text).toContain(INCIDENT.id);
        expect(text).toContain('REQ-2026-0001');
        expect(text).not.toContain('INC-2026-0001');
        const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        expect(scrollWidth).toBeLessThanOrEqual(width);
        if (width === 1280) {
          // A column head takes no more lines than it has words: "Prior|ity" would take two.
          const heads = (await page.evaluate(`[...document.querySelectorAll('thead th')].map((th) => {
            const range = document.createRange();
            range.selectNodeContents(th);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            return { text: th.textContent.trim(), lines, words: th.textContent.trim().split(/\\s+/).length };
          })`)) as { text: string; lines: number; words: number }[];
          expect(heads.map((h) => h.text)).toContain('Priority');
          for (const h of heads) expect(h.lines, h.text).toBeLessThanOrEqual(h.words);
        }
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('a maintenance window starts and ends on time', () => {
    it.each(WINDOW.map((w, i) => ({ ...w, i })))(
      '$phase ($at): Web hosting $web',
      async ({ i, web, banner, listedAs, state }) => {
        const server = windowSites[i] as StaticServer;
        const { page, errors, close } = await visit(server, '');
        try {
          expect(await serviceStatus(page, 'Web hosting')).toBe(web);
          expect(await serviceStatus(page, 'E-mail')).toBe('Operational');
          expect(await seen(page.locator('.banner'))).toBe(banner);
          const upcoming = await regionText(page, 'Scheduled maintenance');
          const ongoing = await regionText(page, 'Maintenance in progress');
          expect(upcoming?.includes(MAINTENANCE.title) ?? false).toBe(listedAs === 'Scheduled maintenance');
          expect(ongoing?.includes(MAINTENANCE.title) ?? false).toBe(listedAs === 'Maintenance in progress');
          // The window in the organisation's zone (Europe/Berlin), the zone named.
          if (listedAs)
            expect(listedAs === 'Scheduled maintenance' ? upcoming : ongoing).toContain(
              'Maintenance window: 14 Nov 2026, 20:00 CET until 14 Nov 2026, 22:00 CET',
            );

          await page.goto(server.url(`incidents/${MAINTENANCE.id}/`));
          expect(await seen(page.locator('main .meta strong').first())).toBe(state);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      },
    );
  });

  describe('the runbook search (internal site)', () => {
    it('finds a runbook by a word from its steps and leads to it', async () => {
      const { page, errors, close } = await visit(internalSite, 'runbooks/');
      try {
        const search = page.locator('#search');
        const box = search.getByRole('textbox');
        await box.fill('quorumflip');
        // Pagefind lists the page and, below it, its matching sections (named "⤷ …").
        const result = search.getByRole('link', { name: RUNBOOK.title, exact: true });
        await result.waitFor();
        expect(await result.getAttribute('href')).toBe(`${BASE}runbooks/${RUNBOOK.id}/`);
        // A word no runbook has finds nothing.
        await box.fill('zebrafication');
        await result.waitFor({ state: 'detached' });
        await box.fill('quorumflip');
        await result.click();
        await page.waitForURL(internalSite.url(`runbooks/${RUNBOOK.id}/`));
        await page.getByRole('heading', { level: 1, name: RUNBOOK.title }).waitFor();
        await page.getByRole('listitem').filter({ hasText: 'quorumflip --force-primary' }).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('the language switch', () => {
    it('switches to German, and the next page keeps German', async () => {
      const { page, errors, close } = await visit(publicSite, '');
      try {
        const html = page.locator('html');
        const german = page.getByRole('button', { name: 'Deutsch' });
        expect(await html.getAttribute('lang')).toBe('en');
        expect(await german.getAttribute('aria-pressed')).toBe('false');
        await german.click();

        await page.getByRole('heading', { level: 1, name: 'Systemstatus' }).waitFor();
        expect(await html.getAttribute('lang')).toBe('de');
        expect(await german.getAttribute('aria-pressed')).toBe('true');
        expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
          'false',
        );
        expect(await seen(page.locator('.banner'))).toBe('Teilweiser Systemausfall');
        expect(await serviceStatus(page, 'E-mail')).toBe('Teilausfall');
        expect(await serviceStatus(page, 'Web hosting')).toBe('In Betrieb');
        expect(await regionText(page, 'Aktuelle Störungen')).toContain(INCIDENT.title);
        // Dates in the reader's language, still in the organisation's zone (10:30 in Berlin).
        expect(await seen(page.locator('footer time'))).toMatch(/^10\. Nov\. 2026, 10:30 MEZ$/);

        await page
          .getByRole('navigation', { name: 'Hauptnavigation' })
          .getByRole('link', { name: 'Störungen' })
          .click();
        await page.waitForURL(publicSite.url('incidents/'));
        await page.getByRole('heading', { level: 1, name: 'Störungen und Wartungen' }).waitFor();
        expect(await html.getAttribute('lang')).toBe('de');

        // Swedish and Russian as well, with dates in their words, the zone still named.
        await page.getByRole('button', { name: 'Svenska' }).click();
        await page.getByRole('heading', { level: 1, name: 'Incidenter och underhåll' }).waitFor();
        expect(await html.getAttribute('lang')).toBe('sv');
        expect(await seen(page.locator('footer time'))).toMatch(/^10 nov\. 2026 10:30 CET$/);
        await page.getByRole('button', { name: 'Русский' }).click();
        await page.getByRole('heading', { level: 1, name: 'Инциденты и плановые работы' }).waitFor();
        expect(await html.getAttribute('lang')).toBe('ru');
        expect(await seen(page.locator('footer time'))).toMatch(/^10 нояб\. 2026 г\., 10:30 (GMT\+1|CET)$/);

        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: 'Incidents and maintenance' }).waitFor();
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Incidents and maintenance' }).waitFor();
        expect(await html.getAttribute('lang')).toBe('en');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('accessibility (axe-core)', () => {
    const cases = [
      ...PUBLIC_PAGES.map((path) => ({ audience: 'public' as const, path })),
      ...INTERNAL_PAGES.map((path) => ({ audience: 'internal' as const, path })),
    ].flatMap((c) =>
      (['light', 'dark'] as const).map((colorScheme) => ({ ...c, colorScheme, shown: `/${c.path}` })),
    );

    it.each(cases)(
      '$audience $shown in $colorScheme mode has no violations',
      async ({ audience, path, colorScheme }) => {
        const server = audience === 'public' ? publicSite : internalSite;
        const { page, errors, close } = await visit(server, path, { colorScheme });
        try {
          await page.waitForLoadState('load');
          if (path === 'runbooks/') {
            // Check the search as a reader uses it: Pagefind's field and a list of results.
            await page.locator('#search').getByRole('textbox').fill('quorumflip');
            await page.locator('#search').getByRole('link', { name: RUNBOOK.title, exact: true }).waitFor();
          }
          expect((await axeViolations(page)).join('\n\n')).toBe('');
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      },
    );

    const LANGUAGES = [
      { lang: 'de', button: 'Deutsch' },
      { lang: 'sv', button: 'Svenska' },
      { lang: 'ru', button: 'Русский' },
    ] as const;
    const translated = LANGUAGES.flatMap((l) => [
      { ...l, audience: 'public' as const, path: '' },
      { ...l, audience: 'public' as const, path: `incidents/${INCIDENT.id}/` },
      { ...l, audience: 'internal' as const, path: 'sla/' },
      { ...l, audience: 'internal' as const, path: 'runbooks/' },
    ]);
    it.each(translated)(
      '$audience /$path in $lang has no violations',
      async ({ audience, path, lang, button }) => {
        const server = audience === 'public' ? publicSite : internalSite;
        const { page, errors, close } = await visit(server, path);
        try {
          await page.getByRole('button', { name: button }).click();
          await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
          expect((await axeViolations(page)).join('\n\n')).toBe('');
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      },
    );

    it.for(['public', 'internal'] as const)(
      'the %s 404 page, where the build has one, has no violations in either mode',
      async (audience, { skip }) => {
        const server = audience === 'public' ? publicSite : internalSite;
        const missing = await fetch(server.url(MISSING_PAGE));
        expect(missing.status).toBe(404);
        if (!existsSync(join((builds[0] as SiteBuild).dir(audience), '404.html'))) {
          skip('the build has no 404.html');
          return;
        }
        for (const colorScheme of ['light', 'dark'] as const) {
          const { page, errors, close } = await openPage(browser, { colorScheme });
          try {
            const response = await page.goto(server.url(MISSING_PAGE));
            expect(response?.status()).toBe(404);
            await page.getByRole('main').waitFor();
            expect((await axeViolations(page)).join('\n\n'), colorScheme).toBe('');
            // The page's own 404 status is the one expected failure.
            expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
          } finally {
            await close();
          }
        }
      },
    );

    it('dark mode really changes the colours (so the dark runs check other contrasts)', async () => {
      const colours: Record<string, string> = {};
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, close } = await visit(publicSite, '', { colorScheme });
        try {
          colours[colorScheme] = (await page.evaluate(
            'getComputedStyle(document.body).backgroundColor + " / " + getComputedStyle(document.body).color',
          )) as string;
        } finally {
          await close();
        }
      }
      expect(colours.dark).not.toBe(colours.light);
    });
  });

  describe('on a phone and on a desktop', () => {
    it('shows the overall state and the services in the first screen of a phone (375 × 812)', async () => {
      const { page, errors, close } = await visit(publicSite, '', { width: 375, height: 812 });
      try {
        await page.getByRole('heading', { level: 1 }).waitFor();
        const top = async (locator: Locator) => (await locator.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
        const bottom = async (locator: Locator) => {
          const box = await locator.boundingBox();
          return box ? box.y + box.height : Number.POSITIVE_INFINITY;
        };
        expect(await bottom(page.locator('.banner'))).toBeLessThanOrEqual(812);
        expect(await top(page.getByRole('heading', { level: 2, name: 'Services' }))).toBeLessThan(812);
        // The first service with its status, not just the heading.
        expect(await bottom(page.locator('.service-head').first())).toBeLessThanOrEqual(812);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it.each([
      { name: 'status', path: '' },
      { name: 'incident', path: `incidents/${INCIDENT.id}/` },
    ])(
      'the $name page at 375 px and 1280 px (screenshots; no horizontal scrolling on the phone)',
      async ({ name, path }) => {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        for (const width of [375, 1280]) {
          const { page, errors, close } = await visit(publicSite, path, { width, height: 800 });
          try {
            await page.getByRole('heading', { level: 1 }).waitFor();
            const file = join(SCREENSHOT_DIR, `${name}-${width}.png`);
            await page.screenshot({ path: file, fullPage: true });
            process.stdout.write(`screenshot: ${file}\n`);
            const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
            if (width === 375) expect(scrollWidth, `${path} scrollWidth at 375 px`).toBeLessThanOrEqual(375);
            expect(errors).toEqual([]);
          } finally {
            await close();
          }
        }
      },
    );

    it.each([
      ...PUBLIC_PAGES.map((path) => ({ audience: 'public' as const, path })),
      ...INTERNAL_PAGES.map((path) => ({ audience: 'internal' as const, path })),
    ])('$audience /$path does not scroll sideways at 375 px', async ({ audience, path }) => {
      const { page, close } = await visit(audience === 'public' ? publicSite : internalSite, path, {
        width: 375,
        height: 800,
      });
      try {
        const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        expect(scrollWidth).toBeLessThanOrEqual(375);
      } finally {
        await close();
      }
    });
  });
});
