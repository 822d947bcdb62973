/**
 * The Opsbook integration. `opsbook site` adds it to the build with the build's options, as
 * Starlight hands its configuration to its pages:
 *
 * - the model the pages render reaches them through the virtual module `virtual:opsbook/site`
 *   (`audience` and `modelFile`; read by src/lib/model.ts), not through the environment;
 * - the internal pages exist only in the internal build: they are injected here, never placed in
 *   src/pages/, so the public build cannot even route to them;
 * - after the build the sitemap (the ticket pages included, which `opsbook site` writes from the
 *   shell Astro rendered of their route once this process has ended: ticket-pages.ts) and,
 *   internally, the runbooks' Pagefind index are written.
 */
import { fileURLToPath } from 'node:url';

const VIRTUAL = 'virtual:opsbook/site';
const RESOLVED = `\0${VIRTUAL}`;

/**
 * @param {{ audience: 'public' | 'internal', modelFile: string }} options
 * @returns {import('astro').AstroIntegration}
 */
export default function opsbook(options) {
  const audience = options?.audience;
  if (audience !== 'public' && audience !== 'internal')
    throw new Error(
      'the opsbook integration needs { audience: "public" | "internal", modelFile }: build the site with `opsbook site`',
    );
  if (typeof options.modelFile !== 'string' || options.modelFile === '')
    throw new Error('the opsbook integration needs the model file: build the site with `opsbook site`');
  let siteUrl = 'https://status.example.com';
  let base = '/';
  const entry = (file) => fileURLToPath(new URL(`../src/internal/${file}`, import.meta.url));

  /** @type {import('vite').Plugin} */
  const virtualModule = {
    name: 'opsbook-site-options',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    load: (id) =>
      id === RESOLVED
        ? `export const audience = ${JSON.stringify(audience)};\nexport const modelFile = ${JSON.stringify(options.modelFile)};\n`
        : undefined,
  };

  return {
    name: 'opsbook',
    hooks: {
      'astro:config:setup': ({ injectRoute, updateConfig }) => {
        updateConfig({ vite: { plugins: [virtualModule] } });
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
        const out = fileURLToPath(dir);
        // The ticket pages are written from the shell Astro rendered by `opsbook site`, once this
        // build's process has ended and its memory is free (ticket-pages.ts); the sitemap lists
        // them already.
        const { ticketPagePaths } = await import('./ticket-pages.ts');
        const { SHELL_ID } = await import('../src/lib/ticket-shell.ts');
        const ticketPages = ticketPagePaths(options.modelFile);
        let postBuild;
        try {
          ({ postBuild } = await import('../../scripts/present/site/post-build.ts'));
        } catch (error) {
          if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
          logger.warn('scripts/present/site/post-build.ts is missing: no sitemap, no search index');
          return;
        }
        await postBuild({
          dir: out,
          // Pages a reader visits: not the API documents, feed, badges and script, nor the 404 page.
          pages: [
            ...pages
              .map((p) => p.pathname)
              .filter((p) => !/\.[A-Za-z0-9]+$/.test(p) && !/^\/?404\/?$/.test(p) && !p.includes(SHELL_ID)),
            ...ticketPages,
          ],
          audience,
          siteUrl,
          base,
        });
      },
    },
  };
}
