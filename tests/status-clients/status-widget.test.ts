/**
 * Atlassian's own embeddable widget, `@statuspage/status-widget` (1.0.5, a web component), in
 * Debian's Chromium: a page on one origin embeds `<statuspage-widget src="…">` pointing at an
 * Opsbook build served at the domain root of another origin (the widget replaces the path of
 * `src` with /api/v2/summary.json, so it only reads a page at a domain root). The widget renders
 * `status.indicator` as a class and `status.description` as its text.
 *
 * The widget's request is cross-origin: the build is served with the headers of its own
 * `_headers` file, as a static host applies them; without them the browser blocks the request.
 * Skipped like the other browser tests when Chromium is missing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, openPage, PAGE_TIMEOUT } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import {
  BUILD_TIMEOUT,
  type Build,
  buildFixtureAt,
  DURING_WINDOW,
  headersFile,
} from '../helpers/client-builds.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

const WIDGET = join(REPO_ROOT, 'node_modules', '@statuspage', 'status-widget', 'dist', 'index.js');

/**
 * A site that embeds the widget, on an origin of its own. The widget's bundle assigns the global
 * `parcelRequire` under "use strict" without declaring it, which throws after the element is
 * defined; declaring the global first (as a page embedding it must) keeps the page free of errors.
 */
async function embeddingSite(api: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embeds the widget</title>
<script>var parcelRequire;</script><script src="/status-widget.js"></script></head>
<body><main><statuspage-widget src="${api}"></statuspage-widget></main></body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url === '/status-widget.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(readFileSync(WIDGET));
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe.skipIf(!browserAvailable)("Atlassian's status widget (1.0.5) shows an Opsbook page", () => {
  let fixture: { builds: Build[]; cleanup: () => void };
  let browser: { browser: Browser; close: () => Promise<void> };
  const closers: (() => Promise<void>)[] = [];
  let withHeaders: StaticServer;
  let withoutHeaders: StaticServer;

  beforeAll(async () => {
    fixture = await buildFixtureAt([DURING_WINDOW]);
    const dir = (fixture.builds[0] as Build).dir;
    withHeaders = await serveStatic(dir, '/', { headers: headersFile(dir) });
    withoutHeaders = await serveStatic(dir, '/');
    closers.push(withHeaders.close, withoutHeaders.close);
    browser = await launchBrowser();
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    for (const close of closers) await close();
    await browser?.close();
    fixture?.cleanup();
  });

  it(
    'renders the status description and indicator of summary.json, read across origins',
    async () => {
      const summary = JSON.parse(
        readFileSync(join((fixture.builds[0] as Build).dir, 'api/v2/summary.json'), 'utf8'),
      ) as { status: { indicator: string; description: string } };
      expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
      const site = await embeddingSite(withHeaders.origin);
      closers.push(site.close);
      const { page, errors, close } = await openPage(browser.browser);
      try {
        await page.goto(`${site.origin}/`);
        const text = page.locator('statuspage-widget .status-text');
        // The element is rendered once summary.json has arrived; before, the widget is empty.
        await text.waitFor();
        expect(await text.textContent()).toBe(summary.status.description);
        const indicator = page.locator('statuspage-widget .status-indicator');
        expect(await indicator.getAttribute('class')).toBe(`status-indicator ${summary.status.indicator}`);
        expect(await page.locator('statuspage-widget a').getAttribute('href')).toBe(withHeaders.origin);
        expect(withHeaders.requests).toContain('/api/v2/summary.json');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    PAGE_TIMEOUT,
  );

  it(
    'is blocked by the browser when the API is served without the CORS header of _headers',
    async () => {
      expect(headersFile((fixture.builds[0] as Build).dir)('/api/v2/summary.json')).toEqual({
        'access-control-allow-origin': '*',
      });
      const site = await embeddingSite(withoutHeaders.origin);
      closers.push(site.close);
      const { page, close } = await openPage(browser.browser);
      try {
        const blocked = page.waitForEvent('console', (m) => m.text().includes('CORS policy'));
        await page.goto(`${site.origin}/`);
        await blocked;
        expect(await page.locator('statuspage-widget .status-text').count()).toBe(0);
      } finally {
        await close();
      }
    },
    PAGE_TIMEOUT,
  );
});
