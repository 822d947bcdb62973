/**
 * The Opsbook integration: the internal pages exist only in the internal build (they are
 * injected here, never placed in src/pages/, so the public build cannot even route to them), and
 * after the build the sitemap and, internally, the runbooks' Pagefind index are written.
 */
import { fileURLToPath } from 'node:url';

/** @param {{ audience?: 'public' | 'internal' }} [options] */
export default function opsbook(options = {}) {
  const audience =
    options.audience ?? (process.env.OPSBOOK_SITE_AUDIENCE === 'internal' ? 'internal' : 'public');
  let siteUrl = 'https://status.example.com';
  let base = '/';
  const entry = (file) => fileURLToPath(new URL(`../src/internal/${file}`, import.meta.url));

  return {
    name: 'opsbook',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        if (audience !== 'internal') return;
        injectRoute({ pattern: '/runbooks', entrypoint: entry('runbooks.astro') });
        injectRoute({ pattern: '/runbooks/[id]', entrypoint: entry('runbook.astro') });
        injectRoute({ pattern: '/reports', entrypoint: entry('reports.astro') });
        injectRoute({ pattern: '/reports/[chart].svg', entrypoint: entry('latest-chart.ts') });
        injectRoute({ pattern: '/reports/[period]', entrypoint: entry('report.astro') });
        injectRoute({ pattern: '/reports/[period]/[chart].svg', entrypoint: entry('report-chart.ts') });
        injectRoute({ pattern: '/sla', entrypoint: entry('sla.astro') });
      },
      'astro:config:done': ({ config }) => {
        if (config.site) siteUrl = config.site;
        base = config.base || '/';
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        let postBuild;
        try {
          ({ postBuild } = await import('../../scripts/present/site/post-build.ts'));
        } catch (error) {
          if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
          logger.warn('scripts/present/site/post-build.ts is missing: no sitemap, no search index');
          return;
        }
        await postBuild({
          dir: fileURLToPath(dir),
          // Pages a reader visits: not the API documents, feed, badges and script, nor the 404 page.
          pages: pages
            .map((p) => p.pathname)
            .filter((p) => !/\.[A-Za-z0-9]+$/.test(p) && !/^\/?404\/?$/.test(p)),
          audience,
          siteUrl,
          base,
        });
      },
    },
  };
}
