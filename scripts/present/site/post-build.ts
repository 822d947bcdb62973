/**
 * What the site's build does after Astro has written the pages (called from the site's
 * integration in `astro:build:done`): the sitemap, for the public build the `_headers` file
 * (CORS for the machine-readable documents on Netlify and Cloudflare Pages), and for the
 * internal build the Pagefind search index of the runbooks.
 *
 * Only runbook pages are indexed: they are what staff search for during an incident, and
 * indexing only them keeps the index small and the build fast on a desk with 100,000 tickets.
 * The public build has no search index at all, so nothing internal can reach one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteAudience } from '../../model/site.ts';
import { sitemapXml } from './sitemap.ts';

export interface PostBuildInput {
  /** The output folder, an absolute path. */
  dir: string;
  /**
   * Pathnames of the built HTML pages a reader visits, relative to the base (`''` for the home
   * page); the site's integration leaves out API documents, feed, badges, script and 404 page.
   */
  pages: readonly string[];
  audience: SiteAudience;
  /** e.g. `https://status.example.com` */
  siteUrl: string;
  /** The base path, with leading and trailing slash. */
  base: string;
}

export async function postBuild(input: PostBuildInput): Promise<void> {
  const base = input.base.endsWith('/') ? input.base : `${input.base}/`;
  const root = input.siteUrl.replace(/\/+$/, '') + base;
  const paths = input.pages.map((p) => p.replace(/^\/+/, ''));
  writeFileSync(join(input.dir, 'sitemap.xml'), sitemapXml(root, paths));
  if (input.audience === 'public') writeFileSync(join(input.dir, '_headers'), headersFile());
  if (input.audience === 'internal') await indexRunbooks(input.dir);
}

/**
 * Netlify's and Cloudflare Pages' `_headers`: status clients and widgets on other sites read the
 * API, feeds, calendar and badges from the browser, which needs `Access-Control-Allow-Origin`.
 * Paths are from the root of the published folder (those hosts serve it at the domain's root).
 * Only the public build gets it: the internal site's documents are for no other site.
 */
export function headersFile(): string {
  const cors = ['/api/*', '/feed.xml', '/feeds/*', '/badges/*', '/maintenance.ics'];
  const blocks = cors.map((path) => `${path}\n  Access-Control-Allow-Origin: *\n`);
  blocks.push('/maintenance.ics\n  Content-Type: text/calendar; charset=utf-8\n');
  return blocks.join('');
}

async function indexRunbooks(dir: string): Promise<void> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir, glob: 'runbooks/**/*.html' });
    if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(dir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}
